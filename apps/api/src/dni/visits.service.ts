import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { loadConfig } from '@switchboard/config';
import { classifyVisit, clickIdsFromUrl, gaClientIdFromCookie, type ClickIds } from '@switchboard/domain';
import {
  DniSettingsRepository,
  NumberPoolRepository,
  PoolHoldRepository,
  VisitorSessionRepository,
  type ClaimedNumber,
  type ClientHoldLimit,
  type FormTrackingSettings,
  type SourcePool,
  type Tx,
  type VisitorSession,
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
  formTracking: { fieldMap: FormTrackingSettings['fieldMap'] } | null;
}

/** Meta's `_fbp` / `_fbc` cookie shape (`fb.<subdomain index>.<ms>.<id>`); anything else is not one. */
const META_COOKIE = /^fb\.\d\.\d+\.[\x21-\x7e]+$/;

/**
 * The click ids a new visit arrived with: the landing page's (gclid, gbraid, wbraid, fbclid,
 * msclkid) and the ad platforms' first-party cookies the script read. A cookie of another shape is
 * left out rather than refusing the visit: the swap matters more than one click id.
 */
export function visitClickIds(dto: Pick<VisitDto, 'landingUrl' | 'fbp' | 'fbc' | 'ga'>): ClickIds {
  const ids: { -readonly [K in keyof ClickIds]: ClickIds[K] } = { ...clickIdsFromUrl(dto.landingUrl) };
  if (dto.fbp && META_COOKIE.test(dto.fbp)) ids.fbp = dto.fbp;
  if (dto.fbc && META_COOKIE.test(dto.fbc)) ids.fbc = dto.fbc;
  const ga = gaClientIdFromCookie(dto.ga);
  if (ga) ids.gaClientId = ga;
  return ids;
}

/** What the script is told of form tracking: the field map when on, null when off. */
function formTrackingAnswer(p: DniProperty): VisitAnswer['formTracking'] {
  return p.formTracking.enabled ? { fieldMap: p.formTracking.fieldMap } : null;
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
  /** DNI_MAX_HOLDS_PER_CLIENT: live holds one client may have in one pool (0: no cap). */
  private readonly maxHoldsPerClient = loadConfig().dni.maxHoldsPerClient;

  constructor(
    private readonly sessions: VisitorSessionRepository,
    private readonly settings: DniSettingsRepository,
    private readonly pools: NumberPoolRepository,
    private readonly holds: PoolHoldRepository,
  ) {}

  /** `client` is the caller's address as the DNI guard saw it. */
  async visit(p: DniProperty, dto: VisitDto, client: string, now = new Date()): Promise<VisitAnswer> {
    const visitorId = dto.visitorId ?? randomBytes(16).toString('base64url');
    const until = this.until(p, now);
    // The visitor's latest session, while within the grace period of its last activity.
    const resumed = dto.visitorId
      ? await this.sessions.resumable(p.id, dto.visitorId, now, p.sessionGraceMinutes)
      : null;
    if (resumed) {
      await this.sessions.touch(resumed.id, dto.pageUrl, now);
      const swaps = await this.swapsFor(p, resumed, now, until);
      return {
        visitorId,
        sessionId: resumed.id,
        swaps,
        heartbeatSeconds: heartbeatSeconds(p.sessionGraceMinutes),
        formTracking: formTrackingAnswer(p),
      };
    }
    const sourceId = await this.sourceOf(p, dto, visitorId);
    const pool = sourceId ? await this.pools.ofSource(sourceId) : null;
    const row = await this.sessions.start({
      propertyId: p.id,
      visitorId,
      sourceId,
      poolId: pool?.id ?? null,
      landingPage: dto.landingUrl,
      referrer: dto.referrer ?? null,
      ...visitFields(dto.landingUrl),
      activePage: dto.pageUrl,
      startedAt: now,
      clientKey: clientKey(client),
      clickIds: visitClickIds(dto),
    });
    // A new session holds nothing yet: skip the extension, and the pool is known already.
    const swaps = await this.swapsFor(p, row, now, until, { pool });
    return {
      visitorId,
      sessionId: row.id,
      swaps,
      heartbeatSeconds: heartbeatSeconds(p.sessionGraceMinutes),
      formTracking: formTrackingAnswer(p),
    };
  }

  async pageView(
    p: DniProperty,
    sessionId: string,
    dto: PageViewDto,
    now = new Date(),
  ): Promise<Omit<VisitAnswer, 'visitorId' | 'sessionId'>> {
    const session = await this.sessions.find(sessionId, p.id);
    if (!session) throw ApiError.notFound('session', sessionId);
    await this.sessions.touch(sessionId, dto.pageUrl, now);
    const swaps = await this.swapsFor(p, session, now, this.until(p, now));
    return {
      swaps,
      heartbeatSeconds: heartbeatSeconds(p.sessionGraceMinutes),
      formTracking: formTrackingAnswer(p),
    };
  }

  private until(p: DniProperty, now: Date): Date {
    return new Date(now.getTime() + p.sessionGraceMinutes * 60_000);
  }

  /**
   * The source the session is attributed to. Last touch: every new session is classified afresh.
   * First touch: a returning visitor keeps the source of their first classified session, unless
   * this visit classifies to a source that opted in to last touch (a paid click, say).
   */
  private async sourceOf(p: DniProperty, dto: VisitDto, visitorId: string): Promise<string | null> {
    const sources = await this.settings.sources(p.id);
    const now = classifyVisit(sources, { landingUrl: dto.landingUrl, referrer: dto.referrer });
    if (p.attributionModel === 'first_touch' && dto.visitorId && !now?.lastTouch) {
      const first = await this.sessions.firstSourceOf(p.id, visitorId);
      if (first) return first;
    }
    return now?.id ?? null;
  }

  /** The number shown to the session, as swaps of the property's own numbers. */
  private async swapsFor(
    p: DniProperty,
    s: VisitorSession,
    now: Date,
    until: Date,
    fresh?: { pool: SourcePool | null },
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
    s: VisitorSession,
    now: Date,
    until: Date,
    fresh?: { pool: SourcePool | null },
  ): Promise<string | null> {
    if (!s.sourceId) return null;
    const pool = fresh ? fresh.pool : s.poolId ? await this.pools.ofSource(s.sourceId) : null;
    if (!pool) return this.pools.plainNumberOf(s.sourceId);
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
      async (tx) =>
        (await this.holds.claimFree(pool.id, s.id, now, until, previous, tx)) ??
        (await this.exhausted(p, pool, s.id, now, until, tx)),
    );
    const number = claimed === 'client_limit' ? null : claimed;
    return number?.number ?? (pool.exhaustionPolicy === 'main_number' ? p.phone : pool.overflowNumber);
  }

  /**
   * Counts the exhaustion (utilization shows it) and applies the reuse policy, the only one that
   * claims, and only the number of a visitor who has left the site.
   */
  private async exhausted(
    p: DniProperty,
    pool: SourcePool,
    sessionId: string,
    now: Date,
    until: Date,
    tx?: Tx,
  ): Promise<ClaimedNumber | null> {
    await this.pools.countExhaustion(pool.id, tx);
    if (pool.exhaustionPolicy !== 'reuse_lru') return null;
    return this.holds.claimLeastRecent(
      pool.id,
      sessionId,
      now,
      until,
      liveSince(p.sessionGraceMinutes, now),
      tx,
    );
  }
}
