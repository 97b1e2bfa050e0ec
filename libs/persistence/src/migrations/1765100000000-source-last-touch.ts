import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A source can opt in to last touch: under a first-touch property, a returning visitor who now
 * arrives through it (a paid click, say) is attributed to it rather than to their first source.
 */
export class SourceLastTouch1765100000000 implements MigrationInterface {
  name = 'SourceLastTouch1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tracking_sources ADD COLUMN dni_last_touch boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tracking_sources DROP COLUMN dni_last_touch`);
  }
}
