import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (docs/privacy.md).
 *
 * - `accounts.retention_policy`: each category's period in days (a key left out, or null: kept
 *   until erased). `properties.retention_overrides`: a property's own periods, or "forever".
 *   Both are checked by libs/domain before they are saved.
 * - `retention_runs`: one row per run of the enforceRetention workflow (started through the api for
 *   one account, or by the schedule for all: `account_id` null), its progress and outcome. Only one
 *   real (not dry) run of an account runs at a time.
 * - Partial indexes find what a run still has to do without reading what it has done: call records
 *   whose caller is not yet tokenised, calls that still have a transcript.
 */
export class Retention1765790000000 implements MigrationInterface {
  name = 'Retention1765790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN retention_policy jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE properties ADD COLUMN retention_overrides jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`
      CREATE TABLE retention_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
        workflow_id text NOT NULL UNIQUE,
        dry_run boolean NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('api', 'schedule')),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_retention_runs_account ON retention_runs (account_id, started_at DESC)`);
    await q.query(`
      CREATE UNIQUE INDEX uq_retention_runs_one_real_run ON retention_runs (account_id)
        WHERE status = 'running' AND NOT dry_run AND account_id IS NOT NULL`);
    await q.query(`
      CREATE INDEX ix_calls_retention_caller ON calls (property_id, started_at)
        WHERE (CASE WHEN direction = 'outbound' THEN to_number ELSE from_number END) NOT LIKE 'erased-%'`);
    await q.query(`
      CREATE INDEX ix_calls_retention_transcript ON calls (property_id, started_at) WHERE transcript IS NOT NULL`);
    await q.query(
      `CREATE INDEX ix_webhook_deliveries_property_time ON webhook_deliveries (property_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_webhook_deliveries_property_time`);
    await q.query(`DROP INDEX ix_calls_retention_transcript`);
    await q.query(`DROP INDEX ix_calls_retention_caller`);
    await q.query(`DROP TABLE retention_runs`);
    await q.query(`ALTER TABLE properties DROP COLUMN retention_overrides`);
    await q.query(`ALTER TABLE accounts DROP COLUMN retention_policy`);
  }
}
