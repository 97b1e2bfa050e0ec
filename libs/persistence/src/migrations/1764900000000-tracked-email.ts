import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email tracking: every tracking source can have one inbound address; mail to it is stored,
 * attributed to the source and forwarded to the property's destination address.
 *
 * Only the address's local part is stored: the domain is EMAIL_INBOUND_DOMAIN, so moving the
 * inbound domain needs no data change. Local parts are unique across all accounts, because the
 * inbound webhook finds the property by the recipient alone.
 */
export class TrackedEmail1764900000000 implements MigrationInterface {
  name = 'TrackedEmail1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source_email_addresses (
        source_id uuid PRIMARY KEY
          CONSTRAINT fk_source_email_addresses_source REFERENCES tracking_sources(id) ON DELETE CASCADE,
        property_id uuid NOT NULL
          CONSTRAINT fk_source_email_addresses_property REFERENCES properties(id) ON DELETE CASCADE,
        -- lower case, e.g. "zillow-k3m9x2qa"
        local_part text NOT NULL CONSTRAINT uq_source_email_addresses_local_part UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A table of its own rather than a column of properties: email routing is optional and owned
    // by the email module, so the properties entity and service stay untouched.
    await q.query(`
      CREATE TABLE property_email_routing (
        property_id uuid PRIMARY KEY
          CONSTRAINT fk_property_email_routing_property REFERENCES properties(id) ON DELETE CASCADE,
        forward_to text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // source_id is SET NULL on delete (the message stays, with the source's name as it was);
    // (property_id, message_id) is unique so a provider's redelivery is stored once, while the same
    // message sent to two accounts' addresses is each account's own.
    await q.query(`
      CREATE TABLE emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL CONSTRAINT fk_emails_property REFERENCES properties(id) ON DELETE CASCADE,
        source_id uuid CONSTRAINT fk_emails_source REFERENCES tracking_sources(id) ON DELETE SET NULL,
        source_name text NOT NULL,
        message_id text NOT NULL,
        -- the tracked address the message was attributed by
        recipient text NOT NULL,
        from_address text NOT NULL,
        to_addresses jsonb NOT NULL,
        cc_addresses jsonb NOT NULL DEFAULT '[]',
        subject text NOT NULL,
        text_body text,
        html_body text,
        -- text or html was cut to the stored size limit
        truncated boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL,
        forward_status text NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_emails_forward_status
          CHECK (forward_status IN ('pending', 'sending', 'forwarded', 'forward_failed', 'no_destination')),
        forward_to text,
        forward_error text,
        forward_attempts integer NOT NULL DEFAULT 0,
        forward_started_at timestamptz,
        forwarded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_emails_property_message UNIQUE (property_id, message_id)
      )`);
    await q.query(`CREATE INDEX ix_emails_property_received ON emails (property_id, received_at DESC, id)`);
    await q.query(`CREATE INDEX ix_emails_source ON emails (source_id, received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emails`);
    await q.query(`DROP TABLE property_email_routing`);
    await q.query(`DROP TABLE source_email_addresses`);
  }
}
