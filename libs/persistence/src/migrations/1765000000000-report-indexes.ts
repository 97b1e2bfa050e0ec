import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports read a range of one property's calls at a time (properties × [local from, local to+1)),
 * through an index on (property_id, started_at). This one also carries the columns the aggregates
 * and the usual groupings read, so a summary over a range is an index-only scan once the visibility
 * map is current (autovacuum keeps it so for insert-only tables): the heap, with its wide `path`,
 * is not touched. Campaign, keyword and agent groupings read the heap for their column.
 */
export class ReportIndexes1765000000000 implements MigrationInterface {
  name = 'ReportIndexes1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_calls_report ON calls (property_id, started_at)
        INCLUDE (source_id, tracking_number_id, outcome, answered_at, duration_secs, talk_secs, prior_calls)`);
    // Inbound texts by conversation and time already have ix_text_messages_conversation; emails by
    // property and time have ix_emails_property_received.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_calls_report`);
  }
}
