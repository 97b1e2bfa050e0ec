import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { classifyVisit, type DniRule } from '@switchboard/domain';
import { PoolHoldRepository, type ClaimedNumber } from '@switchboard/persistence';
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
}

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
 * The public side of DNI: visitor sessions, their source (libs/domain classifyVisit over the
 * property's sources in priority order) and the number shown to them (docs/DNI.md).
 */
@Injectable()
export class VisitsService {
  private readonly holds: PoolHoldRepository;

  constructor(private readonly ds: DataSource) {
    this.holds = new PoolHoldRepository(ds);
  }

  async visit(p: DniProperty, dto: VisitDto, now = new Date()): Promise<VisitAnswer> {
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
              started_at, last_seen_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15)
       RETURNING id, source_id AS "sourceId", pool_id AS "poolId", last_seen_at AS "lastSeenAt"`,
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
      `SELECT id, source_id AS "sourceId", pool_id AS "poolId", last_seen_at AS "lastSeenAt"
         FROM visitor_sessions WHERE id = $1 AND property_id = $2`,
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
      `SELECT id, source_id AS "sourceId", pool_id AS "poolId", last_seen_at AS "lastSeenAt"
         FROM visitor_sessions
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
    const claimed: ClaimedNumber | null =
      (await this.holds.claimFree(pool.id, s.id, now, until, previous)) ??
      (await this.exhausted(pool, s.id, now, until));
    return claimed?.number ?? (pool.exhaustionPolicy === 'main_number' ? p.phone : pool.overflowNumber);
  }

  /** Counts the exhaustion (utilization shows it) and applies the reuse policy, the only one that claims. */
  private async exhausted(
    pool: PoolRow,
    sessionId: string,
    now: Date,
    until: Date,
  ): Promise<ClaimedNumber | null> {
    await this.ds.query(`UPDATE number_pools SET exhausted_count = exhausted_count + 1 WHERE id = $1`, [
      pool.id,
    ]);
    if (pool.exhaustionPolicy !== 'reuse_lru') return null;
    return this.holds.claimLeastRecent(pool.id, sessionId, now, until);
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
