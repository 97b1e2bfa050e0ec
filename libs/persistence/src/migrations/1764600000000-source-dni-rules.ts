import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracking sources carry the number-swapping (DNI) rules that claim website visits for them, and
 * standard ones remember which catalog entry they came from (one of each per property).
 */
export class SourceDniRules1764600000000 implements MigrationInterface {
  name = 'SourceDniRules1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tracking_sources
        ADD COLUMN standard_key text,
        ADD COLUMN dni_rules jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN priority integer NOT NULL DEFAULT 50`);
    await q.query(`
      CREATE UNIQUE INDEX uq_tracking_sources_property_standard
        ON tracking_sources (property_id, standard_key) WHERE standard_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_tracking_sources_property_standard`);
    await q.query(
      `ALTER TABLE tracking_sources DROP COLUMN priority, DROP COLUMN dni_rules, DROP COLUMN standard_key`,
    );
  }
}
