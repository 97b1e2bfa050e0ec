import type { DataSource } from 'typeorm';
import type { CallerScoreHistory, LeadStatus, Prompt } from '@switchboard/domain';

export interface TrackingNumberRoute {
  propertyId: string;
  propertyName: string;
  timeZone: string;
  trackingNumberId: string;
  number: string;
  sourceId: string;
  sourceName: string;
  forwardTo: string;
  greetingText: string | null;
  greetingAudioUrl: string | null;
  /** The number's pool, when it is one of a pool's numbers (calls are then tied to a visit). */
  poolId: string | null;
  /** How far back a call to a pool number may look for the number's last holder. */
  lookbackMinutes: number;
  /** Repeat-caller window of the property; null counts every earlier call. */
  repeatCallerWindowDays: number | null;
  /** The number's call flow at its current version, when one is assigned. */
  flow: { id: string; version: number; definition: unknown } | null;
  /** The property's default recording disclosure, for recording flows without their own. */
  recordingDisclosure: Prompt | null;
}

/** Read side used by call workflows: everything needed to route a call to a tracking number. */
export class CallRoutingRepository {
  constructor(private readonly ds: DataSource) {}

  async findByNumber(number: string): Promise<TrackingNumberRoute | null> {
    const rows: (Omit<TrackingNumberRoute, 'flow'> & {
      flowId: string | null;
      flowVersion: number | null;
      definition: unknown;
    })[] = await this.ds.query(
      `SELECT p.id AS "propertyId", p.name AS "propertyName", p.time_zone AS "timeZone",
              n.id AS "trackingNumberId", n.number, s.id AS "sourceId", s.name AS "sourceName",
              n.forward_to AS "forwardTo", n.greeting_text AS "greetingText", n.greeting_audio_url AS "greetingAudioUrl",
              n.pool_id AS "poolId", p.dni_lookback_minutes AS "lookbackMinutes",
              p.repeat_caller_window_days AS "repeatCallerWindowDays",
              p.recording_disclosure AS "recordingDisclosure",
              f.id AS "flowId", v.version AS "flowVersion", v.definition
         FROM tracking_numbers n
         JOIN properties p ON p.id = n.property_id
         JOIN tracking_sources s ON s.id = n.source_id
         LEFT JOIN call_flows f ON f.id = n.call_flow_id
         LEFT JOIN call_flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
        WHERE n.number = $1`,
      [number],
    );
    const r = rows[0];
    if (!r) return null;
    const { flowId, flowVersion, definition, ...route } = r;
    return {
      ...route,
      flow: flowId && flowVersion ? { id: flowId, version: flowVersion, definition } : null,
    };
  }

  /**
   * The caller's earlier calls to the account (callers think of the business, not of the number they
   * dialled, so "company-wide" is the account), within the window when the property sets one: how
   * many, and what scoring made of them, for the previous-call routing criteria. Anonymous callers
   * are filtered out by the caller (libs/domain isAnonymousCallerId). "Earlier" is by start instant,
   * not by when the record was written: a call placed later with an earlier start (imported, or a
   * scenario's `at`) is prior to the calls after it, and they are not prior to it.
   */
  async callerHistory(
    propertyId: string,
    from: string,
    at: Date,
    windowDays: number | null,
  ): Promise<{ priorCalls: number; scores: CallerScoreHistory | null }> {
    const rows: {
      n: number;
      last_score: number | null;
      last_status: LeadStatus | null;
      ever_good: boolean | null;
    }[] = await this.ds.query(
      `SELECT count(*)::int AS n,
                (array_agg(c.score ORDER BY c.started_at DESC))[1] AS last_score,
                (array_agg(c.lead_status ORDER BY c.started_at DESC))[1] AS last_status,
                bool_or(c.lead_status = 'good_lead') AS ever_good
           FROM calls c
           JOIN properties p ON p.id = c.property_id
          WHERE p.account_id = (SELECT account_id FROM properties WHERE id = $1)
            AND c.from_number = $2
            AND c.started_at < $3::timestamptz
            AND ($4::int IS NULL OR c.started_at >= $3::timestamptz - make_interval(days => $4::int))`,
      [propertyId, from, at, windowDays],
    );
    const r = rows[0];
    if (!r || r.n === 0 || r.last_status === null) return { priorCalls: r?.n ?? 0, scores: null };
    return {
      priorCalls: r.n,
      scores: {
        last: { score: r.last_score, leadStatus: r.last_status },
        everGoodLead: r.ever_good === true,
      },
    };
  }
}
