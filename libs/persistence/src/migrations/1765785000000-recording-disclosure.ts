import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recording disclosures and pauses:
 * - a property's default recording disclosure (a prompt, for its recording flows without one of
 *   their own) and whether it requires a disclosure for every recording flow;
 * - on each call: whether the disclosure it owed was played and when (null: none applied), when
 *   its conversation recording started, and the pauses agents made in it;
 * - the workflow of the call a browser agent is on, beside its leg: the agent's pauses are asked of it.
 */
export class RecordingDisclosure1765785000000 implements MigrationInterface {
  name = 'RecordingDisclosure1765785000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE properties
        ADD COLUMN recording_disclosure jsonb,
        ADD COLUMN require_recording_disclosure boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN disclosure_played boolean,
        ADD COLUMN disclosure_played_at timestamptz,
        ADD COLUMN recording_started_at timestamptz,
        ADD COLUMN recording_pauses jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`ALTER TABLE agents ADD COLUMN current_call_workflow_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agents DROP COLUMN current_call_workflow_id`);
    await q.query(`
      ALTER TABLE calls
        DROP COLUMN recording_pauses, DROP COLUMN recording_started_at,
        DROP COLUMN disclosure_played_at, DROP COLUMN disclosure_played`);
    await q.query(`
      ALTER TABLE properties DROP COLUMN require_recording_disclosure, DROP COLUMN recording_disclosure`);
  }
}
