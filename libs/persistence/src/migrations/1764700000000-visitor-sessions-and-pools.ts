import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dynamic number insertion: each property's public DNI settings, number pools per source, visitor
 * sessions, and the holds that tie a pool number to a session. The current holder of a pool number
 * is kept on the tracking number itself (`held_by_session_id`, `held_until`) so that one conditional
 * UPDATE claims it atomically; `pool_number_holds` keeps every hold, which calls are attributed by.
 * Call records gain the session data they were attributed to and the caller's prior calls.
 */
export class VisitorSessionsAndPools1764700000000 implements MigrationInterface {
  name = 'VisitorSessionsAndPools1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // A volatile default is evaluated per existing row, so every property gets its own key.
    await q.query(`
      ALTER TABLE properties
        ADD COLUMN dni_key text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
        ADD COLUMN dni_allowed_origins text[] NOT NULL DEFAULT '{}',
        ADD COLUMN dni_swap_numbers text[] NOT NULL DEFAULT '{}',
        ADD COLUMN dni_session_grace_minutes integer NOT NULL DEFAULT 30,
        ADD COLUMN dni_lookback_minutes integer NOT NULL DEFAULT 60,
        ADD COLUMN dni_attribution_model text NOT NULL DEFAULT 'first_touch'
          CHECK (dni_attribution_model IN ('first_touch', 'last_touch')),
        ADD COLUMN repeat_caller_window_days integer,
        ADD CONSTRAINT uq_properties_dni_key UNIQUE (dni_key)`);
    await q.query(`
      CREATE TABLE number_pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL REFERENCES properties(id) ON DELETE CASCADE,
        source_id uuid NOT NULL REFERENCES tracking_sources(id) ON DELETE CASCADE,
        name text NOT NULL,
        exhaustion_policy text NOT NULL CHECK (exhaustion_policy IN ('overflow', 'main_number', 'reuse_lru')),
        overflow_tracking_number_id uuid REFERENCES tracking_numbers(id) ON DELETE SET NULL,
        exhausted_count bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_number_pools_source UNIQUE (source_id)
      )`);
    await q.query(`CREATE INDEX ix_number_pools_property ON number_pools (property_id)`);
    await q.query(`
      ALTER TABLE tracking_numbers
        ADD COLUMN pool_id uuid REFERENCES number_pools(id) ON DELETE SET NULL,
        ADD COLUMN held_by_session_id uuid,
        ADD COLUMN held_until timestamptz`);
    await q.query(`CREATE INDEX ix_tracking_numbers_pool ON tracking_numbers (pool_id, held_until)
                   WHERE pool_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE visitor_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL REFERENCES properties(id) ON DELETE CASCADE,
        visitor_id text NOT NULL,
        source_id uuid REFERENCES tracking_sources(id) ON DELETE SET NULL,
        pool_id uuid REFERENCES number_pools(id) ON DELETE SET NULL,
        landing_url text NOT NULL,
        referrer text,
        utm_source text,
        utm_medium text,
        utm_campaign text,
        utm_term text,
        utm_content text,
        keyword text,
        campaign text,
        active_page text NOT NULL,
        started_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_visitor_sessions_visitor ON visitor_sessions (property_id, visitor_id, started_at)`,
    );
    await q.query(`
      CREATE TABLE pool_number_holds (
        id bigserial PRIMARY KEY,
        tracking_number_id uuid NOT NULL REFERENCES tracking_numbers(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES visitor_sessions(id) ON DELETE CASCADE,
        held_from timestamptz NOT NULL,
        held_until timestamptz NOT NULL,
        -- Set when the number was taken over before its hold ran out (reuse on exhaustion).
        released_at timestamptz,
        -- The number was taken from a live session: a call to it may be either visitor's.
        ambiguous boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      `CREATE INDEX ix_pool_number_holds_number ON pool_number_holds (tracking_number_id, held_from)`,
    );
    await q.query(`CREATE INDEX ix_pool_number_holds_session ON pool_number_holds (session_id)`);
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN session_id uuid,
        ADD COLUMN keyword text,
        ADD COLUMN campaign text,
        ADD COLUMN landing_page text,
        ADD COLUMN active_page text,
        ADD COLUMN referrer text,
        ADD COLUMN utm_source text,
        ADD COLUMN utm_medium text,
        ADD COLUMN utm_campaign text,
        ADD COLUMN utm_term text,
        ADD COLUMN utm_content text,
        ADD COLUMN attribution text CHECK (attribution IN ('session', 'lookback', 'ambiguous', 'none')),
        ADD COLUMN prior_calls integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE calls
        DROP COLUMN session_id, DROP COLUMN keyword, DROP COLUMN campaign, DROP COLUMN landing_page,
        DROP COLUMN active_page, DROP COLUMN referrer, DROP COLUMN utm_source, DROP COLUMN utm_medium,
        DROP COLUMN utm_campaign, DROP COLUMN utm_term, DROP COLUMN utm_content, DROP COLUMN attribution,
        DROP COLUMN prior_calls`);
    await q.query(`DROP TABLE pool_number_holds`);
    await q.query(`DROP TABLE visitor_sessions`);
    await q.query(`DROP INDEX ix_tracking_numbers_pool`);
    await q.query(
      `ALTER TABLE tracking_numbers DROP COLUMN pool_id, DROP COLUMN held_by_session_id, DROP COLUMN held_until`,
    );
    await q.query(`DROP TABLE number_pools`);
    await q.query(`
      ALTER TABLE properties
        DROP CONSTRAINT uq_properties_dni_key, DROP COLUMN dni_key, DROP COLUMN dni_allowed_origins,
        DROP COLUMN dni_swap_numbers, DROP COLUMN dni_session_grace_minutes, DROP COLUMN dni_lookback_minutes,
        DROP COLUMN dni_attribution_model, DROP COLUMN repeat_caller_window_days`);
  }
}
