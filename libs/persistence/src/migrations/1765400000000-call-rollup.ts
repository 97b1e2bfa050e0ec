import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildCallRollup } from '../reports/call-rollup';

/**
 * The daily call rollup (reports/call-rollup.ts): the call figures per property, local day and the
 * values reports filter or group by, so a summary over months or the whole history sums a few
 * hundred thousand cells instead of reading every call; and per property, local day and hour for
 * hour-of-week reports. Saving a call's record (`saveFinishedCall`) keeps it current in the
 * call's transaction; this backfills it from the calls already stored.
 *
 * No foreign keys on source and number: deleting one sets the calls' id to null, which would merge
 * cells (and collide on the key); reports instead join the live source or number (summary.query.ts).
 * The backfill uses the current rules (CALL_PARTIALS), as a later rule change must rebuild anyway.
 */
export class CallRollup1765400000000 implements MigrationInterface {
  name = 'CallRollup1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_rollup (
        property_id uuid NOT NULL CONSTRAINT fk_call_rollup_property REFERENCES properties(id) ON DELETE CASCADE,
        day date NOT NULL,
        source_id uuid,
        tracking_number_id uuid,
        outcome text NOT NULL,
        first_time boolean,
        campaign text,
        keyword text,
        answered_by text,
        source_name text,
        to_number text,
        calls integer NOT NULL,
        answered integer NOT NULL,
        missed integer NOT NULL,
        abandoned integer NOT NULL,
        voicemails integer NOT NULL,
        first_time_calls integer NOT NULL,
        ring_micros bigint NOT NULL,
        ring_n integer NOT NULL,
        talk_secs bigint NOT NULL,
        -- Null is a value of a cell (no campaign, calls before callers were counted): one cell each.
        CONSTRAINT uq_call_rollup_cell UNIQUE NULLS NOT DISTINCT
          (property_id, day, source_id, tracking_number_id, outcome, first_time, campaign, keyword, answered_by)
      )`);
    // Hour-of-week reports without filters: at most 24 cells per property and day.
    await q.query(`
      CREATE TABLE call_rollup_hourly (
        property_id uuid NOT NULL CONSTRAINT fk_call_rollup_hourly_property REFERENCES properties(id) ON DELETE CASCADE,
        day date NOT NULL,
        hour integer NOT NULL,
        calls integer NOT NULL,
        answered integer NOT NULL,
        missed integer NOT NULL,
        abandoned integer NOT NULL,
        voicemails integer NOT NULL,
        first_time_calls integer NOT NULL,
        ring_micros bigint NOT NULL,
        ring_n integer NOT NULL,
        talk_secs bigint NOT NULL,
        CONSTRAINT uq_call_rollup_hourly_cell UNIQUE (property_id, day, hour)
      )`);
    await rebuildCallRollup(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_rollup_hourly`);
    await q.query(`DROP TABLE call_rollup`);
  }
}
