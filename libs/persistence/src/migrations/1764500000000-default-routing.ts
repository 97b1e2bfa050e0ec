import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A property's default call flow: what `POST …/default-routing/apply` assigns to its tracking
 * numbers. Deleting the flow clears it rather than being refused; the api checks that the flow
 * is one of the property's own (a foreign key alone cannot).
 */
export class DefaultRouting1764500000000 implements MigrationInterface {
  name = 'DefaultRouting1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE properties
        ADD COLUMN default_call_flow_id uuid
          CONSTRAINT fk_properties_default_call_flow REFERENCES call_flows(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE properties DROP COLUMN default_call_flow_id`);
  }
}
