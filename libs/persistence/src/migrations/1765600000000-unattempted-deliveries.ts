import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker looks every minute for deliveries never attempted (their workflow's start was lost):
 * a small partial index keeps that a lookup, however long the delivery log grows.
 */
export class UnattemptedDeliveries1765600000000 implements MigrationInterface {
  name = 'UnattemptedDeliveries1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_webhook_deliveries_unattempted ON webhook_deliveries (created_at)
        WHERE status = 'pending' AND attempts = 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_webhook_deliveries_unattempted`);
  }
}
