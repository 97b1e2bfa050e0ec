import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversions sent back to the ad platforms (docs/conversions.md): a property's destinations (one
 * platform account each, secrets in `config`) and rules; the conversions produced, one per rule and
 * lead (the UNIQUE key deduplicates every producer: call save, its retries, rescoring, a person's
 * change); and one delivery per conversion and destination, the outbox each `deliverConversion`
 * workflow works from. The partial index keeps the worker's sweep of never-attempted deliveries a
 * lookup, as for webhook deliveries.
 */
export class Conversions1765760000000 implements MigrationInterface {
  name = 'Conversions1765760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE conversion_destinations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         property_id uuid NOT NULL
           CONSTRAINT fk_conversion_destinations_property REFERENCES properties(id) ON DELETE CASCADE,
         platform text NOT NULL CHECK (platform IN ('google_ads', 'ga4', 'meta')),
         name text NOT NULL,
         config jsonb NOT NULL,
         enabled boolean NOT NULL DEFAULT true,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await q.query(
      `CREATE INDEX ix_conversion_destinations_property ON conversion_destinations (property_id)`,
    );
    await q.query(
      `CREATE TABLE conversion_rules (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         property_id uuid NOT NULL
           CONSTRAINT fk_conversion_rules_property REFERENCES properties(id) ON DELETE CASCADE,
         name text NOT NULL,
         value numeric(14, 2),
         currency text NOT NULL,
         "when" jsonb NOT NULL,
         destination_ids uuid[] NOT NULL DEFAULT '{}',
         enabled boolean NOT NULL DEFAULT true,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await q.query(`CREATE INDEX ix_conversion_rules_property ON conversion_rules (property_id)`);
    await q.query(
      `CREATE TABLE conversions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         property_id uuid NOT NULL
           CONSTRAINT fk_conversions_property REFERENCES properties(id) ON DELETE CASCADE,
         -- A deleted rule's conversions stay in the log (they were sent); its id is then null.
         rule_id uuid CONSTRAINT fk_conversions_rule REFERENCES conversion_rules(id) ON DELETE SET NULL,
         lead_kind text NOT NULL CHECK (lead_kind IN ('call', 'form')),
         lead_id text NOT NULL,
         occurred_at timestamptz NOT NULL,
         value numeric(14, 2),
         currency text NOT NULL,
         name text NOT NULL,
         click_ids jsonb NOT NULL DEFAULT '{}',
         phone text,
         email text,
         page_url text,
         created_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT uq_conversions_rule_lead UNIQUE (rule_id, lead_kind, lead_id)
       )`,
    );
    await q.query(`CREATE INDEX ix_conversions_property_time ON conversions (property_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_conversions_lead ON conversions (lead_kind, lead_id)`);
    await q.query(
      `CREATE TABLE conversion_deliveries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         conversion_id uuid NOT NULL
           CONSTRAINT fk_conversion_deliveries_conversion REFERENCES conversions(id) ON DELETE CASCADE,
         destination_id uuid NOT NULL
           CONSTRAINT fk_conversion_deliveries_destination REFERENCES conversion_destinations(id) ON DELETE CASCADE,
         property_id uuid NOT NULL,
         platform text NOT NULL,
         status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'rejected', 'failed')),
         attempts int NOT NULL DEFAULT 0,
         last_error_code text,
         last_error_message text,
         created_at timestamptz NOT NULL DEFAULT now(),
         delivered_at timestamptz,
         CONSTRAINT uq_conversion_deliveries UNIQUE (conversion_id, destination_id)
       )`,
    );
    await q.query(
      `CREATE INDEX ix_conversion_deliveries_unattempted ON conversion_deliveries (created_at)
        WHERE status = 'pending' AND attempts = 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversion_deliveries`);
    await q.query(`DROP TABLE conversions`);
    await q.query(`DROP TABLE conversion_rules`);
    await q.query(`DROP TABLE conversion_destinations`);
  }
}
