import type { CallAttribution } from '@switchboard/contracts';
import type { VisitorSession } from '@switchboard/domain';
import type { SessionAttributionKind, SessionData } from '@switchboard/persistence';

/** Routing sees only what the session criteria compare; absent values stay absent (never match). */
export function toVisitorSession(s: SessionData): VisitorSession {
  return {
    landingPage: s.landingPage,
    activePage: s.activePage,
    ...(s.keyword ? { keyword: s.keyword } : {}),
    ...(s.campaign ? { campaign: s.campaign } : {}),
    ...(s.referrer ? { referrer: s.referrer } : {}),
  };
}

/** The record's attribution: the visit found for a pool number (or none), and caller history. */
export function sessionAttribution(
  visit: { kind: SessionAttributionKind; session: SessionData | null } | null,
  priorCalls: number,
): CallAttribution {
  const s = visit?.session ?? null;
  return {
    kind: visit ? visit.kind : null,
    sessionId: s?.sessionId ?? null,
    keyword: s?.keyword ?? null,
    campaign: s?.campaign ?? null,
    landingPage: s?.landingPage ?? null,
    activePage: s?.activePage ?? null,
    referrer: s?.referrer ?? null,
    utmSource: s?.utmSource ?? null,
    utmMedium: s?.utmMedium ?? null,
    utmCampaign: s?.utmCampaign ?? null,
    utmTerm: s?.utmTerm ?? null,
    utmContent: s?.utmContent ?? null,
    priorCalls,
  };
}
