import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erasure finds a person's calls by their number: inbound calls through `ix_calls_from_number`,
 * and an agent's outbound calls to them through this one. Without it, the two together read every
 * call of the account (`npm run bench:privacy`; docs/BENCHMARKS.md).
 */
export class OutboundCalleeIndex1765810000000 implements MigrationInterface {
  name = 'OutboundCalleeIndex1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_calls_outbound_to ON calls (to_number) WHERE direction = 'outbound'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_calls_outbound_to`);
  }
}
