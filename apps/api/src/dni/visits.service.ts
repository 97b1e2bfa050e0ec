import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { loadConfig } from '@switchboard/config';
import { classifyVisit, type DniRule } from '@switchboard/domain';
import {
  PoolHoldRepository,
  type ClaimedNumber,
  type ClientHoldLimit,
  type HoldDb,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import type { DniProperty } from './dni-access.guard';
import type { PageViewDto, VisitDto } from './dto';
import { visitFields } from './visit-fields';

export interface Swap {
  original: string;
  replacement: string;
}

export interface VisitAnswer {
  visitorId: string;
  sessionId: string;
  swaps: Swap[];
  heartbeatSeconds: number;
}

interface SessionRow {
  id: string;
  sourceId: string | null;
  poolId: string | null;
  lastSeenAt: Date;
  /** Hash of the address of the client that started the session (null for older sessions). */
  clientKey: string | null;
}

const SESSION_COLUMNS = `id, source_id AS "sourceId", pool_id AS "poolId", last_seen_at AS "lastSeenAt",
  client_key AS "clientKey"`;

interface PoolRow {
  id: string;
  exhaustionPolicy: 'overflow' | 'main_number' | 'reuse_lru';
  overflowNumber: string | null;
}

/**
 * Heartbeats come a few times per grace period, so one lost request never costs the visitor
 * their number; never more often than every 15 s, nor less than every minute.
 */
export function heartbeatSeconds(graceMinutes: number): number {
  return Math.max(15, Math.min(60, Math.floor((graceMinutes * 60) / 4)));
}

/**
 * A visitor is still on the site while page views or heartbeats keep coming: within two heartbeat
 * periods (one lost heartbeat is not leaving). Their number is never taken over before that.
 */
export function liveSince(graceMinutes: number, now: Date): Date {
  return new Date(now.getTime() - 2 * heartbeatSeconds(graceMinutes) * 1000);
}

/**
 * What the hold cap knows a client by: a hash of its address (as the rate limit sees it, so behind
 * TRUSTED_PROXIES the forwarded client), not the address itself.
 */
export function clientKey(address: string): string {
  return createHash('sha256').update(address).digest('base64url').slice(0, 22);
}

/**
 * The public side of DNI: visitor sessions, their source (libs/domain classifyVisit over the
 * property's sources in priority order) and the number shown to them (docs/DNI.md).
 */
@Injectable()
export class VisitsService {
  private readonly holds: PoolHoldRepository;
  /** DNI_MAX_HOLDS_PER_CLIENT: live holds one client may have in one pool (0: no cap). */
  private readonly maxHoldsPerClient = loadConfig().dni.maxHoldsPerClient;

  constructor(private readonly ds: DataSource) {
    this.holds = new PoolHoldRepository(ds);
  }

  /** `client` is the caller's address as the DNI guard saw it. */
  async visit(p: DniProperty, dto: VisitDto, client: string, now = new Date()): Promise<VisitAnswer> {
    const visitorId = dto.visitorId ?? randomBytes(16).toString('base64url');
    const until = this.until(p, now);
    const resumed = dto.visitorId ? await this.resumable(p, dto.visitorId, now) : null;
    if (resumed) {
      await this.touch(resumed.id, dto.pageUrl, now);
      const swaps = await this.swapsFor(p, resumed, now, until);
      return {
        visitorId,
        sessionId: resumed.id,
        swaps,
        heartbeatSeconds: heartbeatSeconds(p.sessionGraceMinutes),
      };
    }
    const sourceId = await this.sourceOf(p, dto, visitorId);
    const pool = sourceId ? await this.poolOf(sourceId) : null;
    const f = visitFields(dto.landingUrl);
    const [row]: SessionRow[] = await this.ds.query(
      `INSERT INTO visitor_sessions (property_id, visitor_id, source_id, pool_id, landing_url, referrer,
              utm_source, utm_medium, utm_campaign, utm_term, utm_content, keyword, campaign, active_page,
              started_at, last_seen_at, client_key)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15,$16)
       RETURNING ${SESSION_COLUMNS}`,
      [
        p.id,
        visitorId,
        sourceId,
        pool?.id ?? null,
        dto.landingUrl,
        dto.referrer ?? null,
        f.utmSource,
        f.utmMedium,
        f.utmCampaign,
        f.utmTerm,
        f.utmContent,
        f.keyword,
        f.campaign,
        dto.pageUrl,
        now,
        clientKey(client),
      ],
    );
    // A new session holds nothing yet: skip the extension, and the pool is known already.
    const swaps = await this.swapsFor(p, row, now, until, { pool });
    return { visitorId, sessionId: row.id, swaps, heartbeatSeconds: heartbeatSeconds(p.sessionGraceMinutes) };
  }

  async pageView(
    p: DniProperty,
    sessionId: string,
    dto: PageViewDto,
    now = new Date(),
  ): Promise<Omit<VisitAnswer, 'visitorId' | 'sessionId'>> {
    const rows: SessionRow[] = await this.ds.query(
      `SELECT ${SESSION_COLUMNS} FROM visitor_sessions WHERE id = $1 AND property_id = $2`,
      [sessionId, p.id],
    );
    if (!rows[0]) throw ApiError.notFound('session', sessionId);
    await this.touch(sessionId, dto.pageUrl, now);
    const swaps = await this.swapsFor(p, rows[0], now, this.until(p, now));
    return { swaps, heartbeatSeconds: heartbeatSeconds(p.sessionGraceMinutes) };
  }

  private until(p: DniProperty, now: Date): Date {
    return new Date(now.getTime() + p.sessionGraceMinutes * 60_000);
  }

  /** The visitor's latest session, while within the grace period of its last activity. */
  private async resumable(p: DniProperty, visitorId: string, now: Date): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.ds.query(
      `SELECT ${SESSION_COLUMNS} FROM visitor_sessions
        WHERE property_id = $1 AND visitor_id = $2 AND last_seen_at > $3::timestamptz - make_interval(mins => $4)
        ORDER BY started_at DESC LIMIT 1`,
      [p.id, visitorId, now, p.sessionGraceMinutes],
    );
    return rows[0] ?? null;
  }

  private async touch(sessionId: string, pageUrl: string, now: Date): Promise<void> {
    await this.ds.query(`UPDATE visitor_sessions SET active_page = $2, last_seen_at = $3 WHERE id = $1`, [
      sessionId,
      pageUrl,
      now,
    ]);
  }

  /**
   * The source the session is attributed to. Last touch: every new session is classified afresh.
   * First touch: a returning visitor keeps the source of their first classified session, unless
   * this visit classifies to a source that opted in to last touch (a paid click, say).
   */
  private async sourceOf(p: DniProperty, dto: VisitDto, visitorId: string): Promise<string | null> {
    const sources: { id: string; dniRules: DniRule[]; lastTouch: boolean }[] = await this.ds.query(
      `SELECT id, dni_rules AS "dniRules", dni_last_touch AS "lastTouch" FROM tracking_sources
        WHERE property_id = $1 ORDER BY priority ASC, created_at ASC, id ASC`,
      [p.id],
    );
    const now = classifyVisit(sources, { landingUrl: dto.landingUrl, referrer: dto.referrer });
    if (p.attributionModel === 'first_touch' && dto.visitorId && !now?.lastTouch) {
      const first: { sourceId: string }[] = await this.ds.query(
        `SELECT source_id AS "sourceId" FROM visitor_sessions
          WHERE property_id = $1 AND visitor_id = $2 AND source_id IS NOT NULL
          ORDER BY started_at ASC LIMIT 1`,
        [p.id, visitorId],
      );
      if (first[0]) return first[0].sourceId;
    }
    return now?.id ?? null;
  }

  private async poolOf(sourceId: string): Promise<PoolRow | null> {
    const rows: PoolRow[] = await this.ds.query(
      `SELECT pl.id, pl.exhaustion_policy AS "exhaustionPolicy", o.number AS "overflowNumber"
         FROM number_pools pl LEFT JOIN tracking_numbers o ON o.id = pl.overflow_tracking_number_id
        WHERE pl.source_id = $1`,
      [sourceId],
    );
    return rows[0] ?? null;
  }

  /** The number shown to the session, as swaps of the property's own numbers. */
  private async swapsFor(
    p: DniProperty,
    s: SessionRow,
    now: Date,
    until: Date,
    fresh?: { pool: PoolRow | null },
  ): Promise<Swap[]> {
    const number = await this.numberFor(p, s, now, until, fresh);
    if (!number) return [];
    return p.swapNumbers.filter((o) => o !== number).map((original) => ({ original, replacement: number }));
  }

  /**
   * A pool source: the session's held number (extended), else a free one, else the pool's
   * exhaustion policy. A source without a pool: its first tracking number. No source: none.
   */
  private async numberFor(
    p: DniProperty,
    s: SessionRow,
    now: Date,
    until: Date,
    fresh?: { pool: PoolRow | null },
  ): Promise<string | null> {
    if (!s.sourceId) return null;
    const pool = fresh ? fresh.pool : s.poolId ? await this.poolOf(s.sourceId) : null;
    if (!pool) return this.sourceNumber(s.sourceId);
    const held = fresh ? null : await this.holds.extend(s.id, now, until);
    if (held) return held.number;
    const previous = fresh ? null : await this.holds.lastNumberOf(s.id);
    // One client (one address) holds at most a few numbers of a pool: past that it is shown the
    // fallback, like a visitor of an exhausted pool, and takes nobody's number.
    const limit: ClientHoldLimit | null =
      s.clientKey && this.maxHoldsPerClient > 0
        ? { clientKey: s.clientKey, maxHolds: this.maxHoldsPerClient }
        : null;
    const claimed = await this.holds.forClient(
      pool.id,
      s.id,
      now,
      limit,
      async (db) =>
        (await this.holds.claimFree(pool.id, s.id, now, until, previous, db)) ??
        (await this.exhausted(db, p, pool, s.id, now, until)),
    );
    const number = claimed === 'client_limit' ? null : claimed;
    return number?.number ?? (pool.exhaustionPolicy === 'main_number' ? p.phone : pool.overflowNumber);
  }

  /**
   * Counts the exhaustion (utilization shows it) and applies the reuse policy, the only one that
   * claims, and only the number of a visitor who has left the site.
   */
  private async exhausted(
    db: HoldDb,
    p: DniProperty,
    pool: PoolRow,
    sessionId: string,
    now: Date,
    until: Date,
  ): Promise<ClaimedNumber | null> {
    await db.query(`UPDATE number_pools SET exhausted_count = exhausted_count + 1 WHERE id = $1`, [pool.id]);
    if (pool.exhaustionPolicy !== 'reuse_lru') return null;
    return this.holds.claimLeastRecent(
      pool.id,
      sessionId,
      now,
      until,
      liveSince(p.sessionGraceMinutes, now),
      db,
    );
  }

  private async sourceNumber(sourceId: string): Promise<string | null> {
    const rows: { number: string }[] = await this.ds.query(
      `SELECT number FROM tracking_numbers WHERE source_id = $1 AND pool_id IS NULL
        ORDER BY created_at ASC, number ASC LIMIT 1`,
      [sourceId],
    );
    return rows[0]?.number ?? null;
  }
}
