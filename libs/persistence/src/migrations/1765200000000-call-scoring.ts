import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call scoring: a property's rules (versioned, so a rescore knows which calls are stale), each
 * call's score, lead status and whether a person set them, and the audit trail of manual changes.
 */
export class CallScoring1765200000000 implements MigrationInterface {
  name = 'CallScoring1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE properties
        ADD COLUMN scoring_rules jsonb,
        ADD COLUMN scoring_rules_version integer NOT NULL DEFAULT 0`);
    // Constant defaults: PostgreSQL adds these without rewriting a large calls table.
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN score smallint CHECK (score BETWEEN 0 AND 100),
        ADD COLUMN lead_status text NOT NULL DEFAULT 'not_scored'
          CHECK (lead_status IN ('good_lead', 'not_a_lead', 'not_scored')),
        ADD COLUMN score_source text NOT NULL DEFAULT 'rules' CHECK (score_source IN ('rules', 'manual')),
        ADD COLUMN score_rules_version integer,
        ADD COLUMN score_reasons jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN transcript text`);
    // A rescore walks one property's calls in id order.
    await q.query(`CREATE INDEX ix_calls_property_id ON calls (property_id, id)`);
    await q.query(`
      CREATE TABLE call_score_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        changed_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('override', 'back_to_rules')),
        from_score smallint,
        from_lead_status text NOT NULL,
        from_source text NOT NULL,
        to_score smallint,
        to_lead_status text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX ix_call_score_changes_call ON call_score_changes (call_id, changed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_score_changes`);
    await q.query(`DROP INDEX ix_calls_property_id`);
    await q.query(`
      ALTER TABLE calls DROP COLUMN score, DROP COLUMN lead_status, DROP COLUMN score_source,
        DROP COLUMN score_rules_version, DROP COLUMN score_reasons, DROP COLUMN transcript`);
    await q.query(`ALTER TABLE properties DROP COLUMN scoring_rules, DROP COLUMN scoring_rules_version`);
  }
}
