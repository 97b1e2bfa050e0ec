import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Call flows of a property and their immutable versions: every save adds a version. */
export class CallFlows1763900000000 implements MigrationInterface {
  name = 'CallFlows1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL CONSTRAINT fk_call_flows_property REFERENCES properties(id) ON DELETE CASCADE,
        name text NOT NULL,
        current_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_call_flows_property_name UNIQUE (property_id, name)
      )`);
    await q.query(`
      CREATE TABLE call_flow_versions (
        flow_id uuid NOT NULL CONSTRAINT fk_call_flow_versions_flow REFERENCES call_flows(id) ON DELETE CASCADE,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_call_flow_versions PRIMARY KEY (flow_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_flow_versions`);
    await q.query(`DROP TABLE call_flows`);
  }
}
