import type { DataSource } from 'typeorm';
import { managerOf, Transactions, type Tx } from '../transaction';

/** How a call to a pool number was tied to a website visit (calls.attribution). */
export type SessionAttributionKind = 'session' | 'lookback' | 'ambiguous' | 'none';

/** The visit data a call record and the routing criteria carry. */
export interface SessionData {
  sessionId: string;
  landingPage: string;
  activePage: string;
  referrer: string | null;
  keyword: string | null;
  campaign: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

export interface ClaimedNumber {
  trackingNumberId: string;
  number: string;
  /** Taken over from a live session (exhaustion policy `reuse_lru`). */
  ambiguous: boolean;
}

/** At most `maxHolds` live holds in one pool for the sessions of one client (a hash of its address). */
export interface ClientHoldLimit {
  clientKey: string;
  maxHolds: number;
}

const SESSION_COLUMNS = `s.id AS "sessionId", s.landing_url AS "landingPage", s.active_page AS "activePage",
  s.referrer, s.keyword, s.campaign, s.utm_source AS "utmSource", s.utm_medium AS "utmMedium",
  s.utm_campaign AS "utmCampaign", s.utm_term AS "utmTerm", s.utm_content AS "utmContent"`;

/**
 * The one place for pool-number hold rules. A number is free when its `held_until` has passed (or it
 * was never held); the current holder lives on the tracking number so that claiming is a single
 * conditional UPDATE over a `FOR UPDATE SKIP LOCKED` pick: two concurrent claims can never take the
 * same number (a row updated meanwhile is re-checked by PostgreSQL and skipped). Every hold is also
 * kept in pool_number_holds, the history that calls are attributed by.
 */
export class PoolHoldRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Claims a free number of the pool for the session until `until`, preferring `preferId` (the
   * number the session held before) and otherwise the one released longest ago. Null: exhausted.
   */
  async claimFree(
    poolId: string,
    sessionId: string,
    now: Date,
    until: Date,
    preferId: string | null = null,
    tx?: Tx,
  ): Promise<ClaimedNumber | null> {
    const db = managerOf(this.ds, tx);
    // A pick can lose a race only to a claim that committed between its snapshot and its lock;
    // SKIP LOCKED then moves on, so a retry is needed only in that rare case.
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows: { id: string; number: string }[] = await db.query(
        `WITH pick AS (
           SELECT id FROM tracking_numbers
            WHERE pool_id = $1 AND (held_until IS NULL OR held_until <= $3)
            ORDER BY (id = $5::uuid) DESC, held_until ASC NULLS FIRST, number
            LIMIT 1 FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE tracking_numbers n SET held_by_session_id = $2, held_until = $4
             FROM pick WHERE n.id = pick.id AND (n.held_until IS NULL OR n.held_until <= $3)
           RETURNING n.id, n.number),
         hold AS (
           INSERT INTO pool_number_holds (tracking_number_id, session_id, held_from, held_until)
           SELECT id, $2, $3, $4 FROM claimed)
         SELECT id, number FROM claimed`,
        [poolId, sessionId, now, until, preferId],
      );
      if (rows[0]) return { trackingNumberId: rows[0].id, number: rows[0].number, ambiguous: false };
      const free: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM tracking_numbers
          WHERE pool_id = $1 AND (held_until IS NULL OR held_until <= $2)`,
        [poolId, now],
      );
      if ((free[0]?.n ?? 0) === 0) return null;
    }
    return null;
  }

  /**
   * Exhaustion policy `reuse_lru`: takes, from its session, the number whose hold is closest to
   * running out among those whose visitor has left (last seen at or before `liveSince`: no page view
   * or heartbeat since); both holds are then flagged ambiguous. A visitor still on the site keeps
   * their number: null when every holder is live.
   */
  async claimLeastRecent(
    poolId: string,
    sessionId: string,
    now: Date,
    until: Date,
    liveSince: Date,
    tx?: Tx,
  ): Promise<ClaimedNumber | null> {
    const rows: { id: string; number: string }[] = await managerOf(this.ds, tx).query(
      `WITH pick AS (
         SELECT n.id, n.held_by_session_id AS previous FROM tracking_numbers n
           LEFT JOIN visitor_sessions s ON s.id = n.held_by_session_id
          WHERE n.pool_id = $1 AND (s.id IS NULL OR s.last_seen_at <= $5 OR n.held_until <= $3)
          ORDER BY n.held_until ASC NULLS FIRST, n.number LIMIT 1 FOR UPDATE OF n SKIP LOCKED),
       claimed AS (
         UPDATE tracking_numbers n SET held_by_session_id = $2, held_until = $4
           FROM pick WHERE n.id = pick.id RETURNING n.id, n.number, pick.previous),
       released AS (
         UPDATE pool_number_holds h SET released_at = $3, ambiguous = true
           FROM claimed WHERE h.tracking_number_id = claimed.id AND h.session_id = claimed.previous
            AND h.released_at IS NULL AND h.held_until > $3),
       hold AS (
         INSERT INTO pool_number_holds (tracking_number_id, session_id, held_from, held_until, ambiguous)
         SELECT id, $2, $3, $4, true FROM claimed)
       SELECT id, number FROM claimed`,
      [poolId, sessionId, now, until, liveSince],
    );
    return rows[0] ? { trackingNumberId: rows[0].id, number: rows[0].number, ambiguous: true } : null;
  }

  /**
   * Runs `claim` (claimFree, claimLeastRecent) for a session of a client that already holds fewer
   * than `limit.maxHolds` live numbers of the pool; `'client_limit'` without claiming otherwise.
   * Claims of one client in one pool take turns (an advisory lock until the claim commits), so
   * simultaneous visits cannot all pass the count. No limit: `claim` runs as it is.
   */
  async forClient<T>(
    poolId: string,
    sessionId: string,
    now: Date,
    limit: ClientHoldLimit | null,
    claim: (tx?: Tx) => Promise<T>,
  ): Promise<T | 'client_limit'> {
    if (!limit || limit.maxHolds <= 0) return claim();
    return new Transactions(this.ds).run(async (tx) => {
      const m = managerOf(this.ds, tx);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `pool-holds/${poolId}/${limit.clientKey}`,
      ]);
      const held: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM tracking_numbers n JOIN visitor_sessions s ON s.id = n.held_by_session_id
          WHERE n.pool_id = $1 AND n.held_until > $2 AND s.client_key = $3 AND s.id <> $4`,
        [poolId, now, limit.clientKey, sessionId],
      );
      if ((held[0]?.n ?? 0) >= limit.maxHolds) return 'client_limit' as const;
      return claim(tx);
    });
  }

  /** Extends the session's live hold; null when it has none any more (expired or taken over). */
  async extend(sessionId: string, now: Date, until: Date): Promise<ClaimedNumber | null> {
    const rows: { id: string; number: string; ambiguous: boolean }[] = await this.ds.query(
      `WITH n AS (
         UPDATE tracking_numbers SET held_until = $3
          WHERE held_by_session_id = $1 AND held_until > $2 RETURNING id, number),
       h AS (
         UPDATE pool_number_holds h SET held_until = $3 FROM n
          WHERE h.tracking_number_id = n.id AND h.session_id = $1 AND h.released_at IS NULL
            AND h.held_until > $2
         RETURNING h.ambiguous)
       SELECT n.id, n.number, coalesce((SELECT bool_or(ambiguous) FROM h), false) AS ambiguous FROM n`,
      [sessionId, now, until],
    );
    const r = rows[0];
    return r ? { trackingNumberId: r.id, number: r.number, ambiguous: r.ambiguous } : null;
  }

  /** The number the session held last (live or not), to give it back when it comes back in time. */
  async lastNumberOf(sessionId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT tracking_number_id AS id FROM pool_number_holds WHERE session_id = $1
        ORDER BY held_from DESC LIMIT 1`,
      [sessionId],
    );
    return rows[0]?.id ?? null;
  }

  /** Held and total numbers of a pool at `now`. */
  async utilization(poolId: string, now: Date): Promise<{ total: number; held: number }> {
    const rows: { total: number; held: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE held_until > $2)::int AS held
         FROM tracking_numbers WHERE pool_id = $1`,
      [poolId, now],
    );
    return rows[0] ?? { total: 0, held: 0 };
  }

  /**
   * Who a call to a pool number at `at` belongs to: the session holding it then, else the last
   * holder whose hold ended within the look-back window, else nobody.
   */
  async attribute(
    trackingNumberId: string,
    at: Date,
    lookbackMinutes: number,
  ): Promise<{ kind: SessionAttributionKind; session: SessionData | null }> {
    const holding: (SessionData & { ambiguous: boolean })[] = await this.ds.query(
      `SELECT ${SESSION_COLUMNS}, h.ambiguous FROM pool_number_holds h
         JOIN visitor_sessions s ON s.id = h.session_id
        WHERE h.tracking_number_id = $1 AND h.held_from <= $2 AND coalesce(h.released_at, h.held_until) > $2
        ORDER BY h.held_from DESC LIMIT 1`,
      [trackingNumberId, at],
    );
    if (holding[0]) {
      const { ambiguous, ...session } = holding[0];
      return { kind: ambiguous ? 'ambiguous' : 'session', session };
    }
    const last: (SessionData & { ambiguous: boolean })[] = await this.ds.query(
      `SELECT ${SESSION_COLUMNS}, h.ambiguous FROM pool_number_holds h
         JOIN visitor_sessions s ON s.id = h.session_id
        WHERE h.tracking_number_id = $1 AND coalesce(h.released_at, h.held_until) <= $2
          AND coalesce(h.released_at, h.held_until) > $2::timestamptz - make_interval(mins => $3)
        ORDER BY coalesce(h.released_at, h.held_until) DESC LIMIT 1`,
      [trackingNumberId, at, lookbackMinutes],
    );
    if (last[0]) {
      const { ambiguous, ...session } = last[0];
      return { kind: ambiguous ? 'ambiguous' : 'lookback', session };
    }
    return { kind: 'none', session: null };
  }
}
