import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tracking numbers can run a call flow; call records keep the flow version and any recording. */
export class FlowsOnCalls1764000000000 implements MigrationInterface {
  name = 'FlowsOnCalls1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tracking_numbers
        ADD COLUMN call_flow_id uuid CONSTRAINT fk_tracking_numbers_call_flow REFERENCES call_flows(id) ON DELETE SET NULL`);
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN call_flow_id uuid,
        ADD COLUMN call_flow_version integer,
        ADD COLUMN recording_url text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE calls DROP COLUMN recording_url, DROP COLUMN call_flow_version, DROP COLUMN call_flow_id`,
    );
    await q.query(`ALTER TABLE tracking_numbers DROP COLUMN call_flow_id`);
  }
}
