import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS tracking: a property's text routing, conversations (one per tracking number and external
 * number) and their messages. An inbound message is unique by the carrier event that brought it,
 * so a redelivered webhook is stored once. `session_id` is the visitor session a pool number was
 * showing when the text arrived (set by attribution when pools exist; no foreign key, so this
 * migration does not depend on theirs).
 */
export class TextMessages1764800000000 implements MigrationInterface {
  name = 'TextMessages1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE text_routing (
        property_id uuid PRIMARY KEY CONSTRAINT fk_text_routing_property REFERENCES properties(id) ON DELETE CASCADE,
        forward_to text,
        notify_webhook_url text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE text_conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL CONSTRAINT fk_text_conversations_property REFERENCES properties(id) ON DELETE CASCADE,
        tracking_number_id uuid CONSTRAINT fk_text_conversations_number REFERENCES tracking_numbers(id) ON DELETE SET NULL,
        tracking_number text NOT NULL,
        external_number text NOT NULL,
        source_id uuid CONSTRAINT fk_text_conversations_source REFERENCES tracking_sources(id) ON DELETE SET NULL,
        source_name text,
        session_id uuid,
        opted_out boolean NOT NULL DEFAULT false,
        opted_out_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_message_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_text_conversations_numbers UNIQUE (tracking_number, external_number)
      )`);
    await q.query(
      `CREATE INDEX ix_text_conversations_property ON text_conversations (property_id, last_message_at DESC)`,
    );
    await q.query(`
      CREATE TABLE text_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL CONSTRAINT fk_text_messages_conversation REFERENCES text_conversations(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        kind text NOT NULL CHECK (kind IN ('text', 'stop', 'start', 'help', 'auto_reply', 'reply')),
        body text NOT NULL,
        carrier_id text,
        status text NOT NULL CHECK (status IN ('received', 'sent', 'failed')),
        error text,
        event_id text CONSTRAINT uq_text_messages_event UNIQUE,
        forwarded_to text,
        forward_carrier_id text,
        forward_error text,
        routed_at timestamptz,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_text_messages_conversation ON text_messages (conversation_id, occurred_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE text_messages`);
    await q.query(`DROP TABLE text_conversations`);
    await q.query(`DROP TABLE text_routing`);
  }
}
