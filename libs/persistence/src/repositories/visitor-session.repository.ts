import type { ClickIds } from '@switchboard/domain';
import type { DataSource } from 'typeorm';
import type { SessionData } from './pool-hold.repository';

/** A visitor session as DNI picks its number. */
export interface VisitorSession {
  id: string;
  sourceId: string | null;
  poolId: string | null;
  lastSeenAt: Date;
  /** Hash of the address of the client that started the session (null for older sessions). */
  clientKey: string | null;
}

/** A session as a visit starts it: its source, and what the visit's pages say of it. */
export interface NewVisitorSession extends Omit<SessionData, 'sessionId'> {
  propertyId: string;
  visitorId: string;
  sourceId: string | null;
  poolId: string | null;
  startedAt: Date;
  clientKey: string;
  /** The ad platforms' click ids the visit arrived with (none: `{}`). */
  clickIds?: ClickIds;
}

const SESSION_COLUMNS = `id, source_id AS "sourceId", pool_id AS "poolId", last_seen_at AS "lastSeenAt",
  client_key AS "clientKey"`;

/** Website visits (DNI): a visitor's sessions, kept alive by page views and heartbeats. */
export class VisitorSessionRepository {
  constructor(private readonly ds: DataSource) {}

  async start(s: NewVisitorSession): Promise<VisitorSession> {
    const [row] = await this.ds.query<VisitorSession[]>(
      `INSERT INTO visitor_sessions (property_id, visitor_id, source_id, pool_id, landing_url, referrer,
              utm_source, utm_medium, utm_campaign, utm_term, utm_content, keyword, campaign, active_page,
              started_at, last_seen_at, client_key, click_ids)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15,$16,$17)
       RETURNING ${SESSION_COLUMNS}`,
      [
        s.propertyId,
        s.visitorId,
        s.sourceId,
        s.poolId,
        s.landingPage,
        s.referrer,
        s.utmSource,
        s.utmMedium,
        s.utmCampaign,
        s.utmTerm,
        s.utmContent,
        s.keyword,
        s.campaign,
        s.activePage,
        s.startedAt,
        s.clientKey,
        JSON.stringify(s.clickIds ?? {}),
      ],
    );
    return row;
  }

  /** The click ids a session arrived with; `{}` when it had none or there is no such session. */
  async clickIdsOf(sessionId: string): Promise<ClickIds> {
    const rows = await this.ds.query<{ clickIds: ClickIds }[]>(
      `SELECT click_ids AS "clickIds" FROM visitor_sessions WHERE id = $1`,
      [sessionId],
    );
    return rows[0]?.clickIds ?? {};
  }

  /** The property's session; null when it has no such session. */
  async find(sessionId: string, propertyId: string): Promise<VisitorSession | null> {
    const rows = await this.ds.query<VisitorSession[]>(
      `SELECT ${SESSION_COLUMNS} FROM visitor_sessions WHERE id = $1 AND property_id = $2`,
      [sessionId, propertyId],
    );
    return rows[0] ?? null;
  }

  /** The visitor's latest session, while within `graceMinutes` of its last activity. */
  async resumable(
    propertyId: string,
    visitorId: string,
    now: Date,
    graceMinutes: number,
  ): Promise<VisitorSession | null> {
    const rows = await this.ds.query<VisitorSession[]>(
      `SELECT ${SESSION_COLUMNS} FROM visitor_sessions
        WHERE property_id = $1 AND visitor_id = $2 AND last_seen_at > $3::timestamptz - make_interval(mins => $4)
        ORDER BY started_at DESC LIMIT 1`,
      [propertyId, visitorId, now, graceMinutes],
    );
    return rows[0] ?? null;
  }

  /** The visitor is on `pageUrl` now. */
  async touch(sessionId: string, pageUrl: string, now: Date): Promise<void> {
    await this.ds.query(`UPDATE visitor_sessions SET active_page = $2, last_seen_at = $3 WHERE id = $1`, [
      sessionId,
      pageUrl,
      now,
    ]);
  }

  /** The source of the visitor's first session that had one; null when none had. */
  async firstSourceOf(propertyId: string, visitorId: string): Promise<string | null> {
    const first = await this.ds.query<{ sourceId: string }[]>(
      `SELECT source_id AS "sourceId" FROM visitor_sessions
        WHERE property_id = $1 AND visitor_id = $2 AND source_id IS NOT NULL
        ORDER BY started_at ASC LIMIT 1`,
      [propertyId, visitorId],
    );
    return first[0]?.sourceId ?? null;
  }
}
