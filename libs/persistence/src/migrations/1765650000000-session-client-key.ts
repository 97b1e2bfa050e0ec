import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which client (a hash of its address) started a visitor session, so that one client cannot hold a
 * whole keyword pool (DNI_MAX_HOLDS_PER_CLIENT). Older sessions have none and are not capped.
 */
export class SessionClientKey1765650000000 implements MigrationInterface {
  name = 'SessionClientKey1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visitor_sessions ADD COLUMN client_key text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visitor_sessions DROP COLUMN client_key`);
  }
}
