import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The DNI rate limit shared by every api process: one row per client address, holding when its
 * token bucket is full again (libs/domain's admitRequest). UNLOGGED: every admitted visit writes
 * its row, and a crash that empties the table only hands every client a full bucket, so the rows
 * are not worth a WAL record each. No index but the key: one on `full_at` would cost every
 * update its in-place (HOT) write, for a sweep that reads the whole small table once a minute.
 */
export class DniRateLimits1765730000000 implements MigrationInterface {
  name = 'DniRateLimits1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNLOGGED TABLE dni_rate_limits (
         client text PRIMARY KEY,
         full_at timestamptz NOT NULL
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dni_rate_limits`);
  }
}
