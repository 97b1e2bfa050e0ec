import type { LeadStatus } from './criterion-model';

/**
 * Everything routing may know about a caller at call start. Built once per call by the workflow
 * (from an activity's database reads) and passed to pure decisions.
 */
export interface CallerContext {
  /** First call to this company (any of its numbers). Anonymous callers count as first-time. */
  readonly firstTime: boolean;
  /** Calls from the same caller id before this one (0 on the first). */
  readonly priorCalls: number;
  /** Marketing source of the tracking number that was dialled (name, compared case-insensitively). */
  readonly source?: string;
  /** The website visit behind a pool number; absent for source numbers and expired sessions. */
  readonly session?: VisitorSession;
  /** Outcome of the caller's earlier calls; absent when there was none. */
  readonly previousCall?: PreviousCall;
}

export interface VisitorSession {
  readonly keyword?: string;
  readonly landingPage?: string;
  readonly activePage?: string;
  readonly campaign?: string;
  readonly referrer?: string;
}

export interface PreviousCall {
  readonly score?: number;
  /**
   * Caller-level lead status as of this call. A caller once marked good stays good
   * ("previously marked good lead"), so the activity passes 'good_lead' for them.
   */
  readonly leadStatus?: LeadStatus;
}

/** What scoring stored about a caller's earlier calls (see previousCallOf). */
export interface CallerScoreHistory {
  /** The caller's most recent earlier call. */
  readonly last: { readonly score: number | null; readonly leadStatus: LeadStatus };
  /** Whether any earlier call of the caller is a good lead. */
  readonly everGoodLead: boolean;
}

/**
 * The one rule behind "previously marked good lead": once any of a caller's calls is a good lead
 * (by rules or by hand), the caller stays one on later calls; the score compared is the last call's.
 */
export function previousCallOf(history: CallerScoreHistory): PreviousCall {
  return {
    ...(history.last.score !== null ? { score: history.last.score } : {}),
    leadStatus: history.everGoodLead ? 'good_lead' : history.last.leadStatus,
  };
}

/**
 * Caller ids that identify nobody. The carrier reports withheld numbers with words like these or
 * with no digits at all; such callers must never count as repeat callers, because every one of them
 * would otherwise look like the same person.
 */
const ANONYMOUS_WORDS = new Set(['anonymous', 'restricted', 'unavailable', 'unknown', 'private', 'withheld']);

export function isAnonymousCallerId(callerId: string | null | undefined): boolean {
  if (callerId === null || callerId === undefined) return true;
  const trimmed = callerId.trim().toLowerCase();
  if (trimmed === '' || ANONYMOUS_WORDS.has(trimmed)) return true;
  return (trimmed.match(/\d/g) ?? []).length < 3;
}

export interface CallerHistoryInput {
  readonly callerId: string | null | undefined;
  /** Calls from this caller id before this one, already limited to any lookback window. */
  readonly priorCalls: number;
  readonly source?: string;
  readonly session?: VisitorSession;
  readonly previousCall?: PreviousCall;
}

/**
 * The one place that turns raw caller history into a CallerContext: repeat status follows the
 * caller id (company-scoped, no time window unless the activity applied one), and anonymous caller
 * ids are always first-time with no previous call, since their history cannot be theirs.
 */
export function buildCallerContext(input: CallerHistoryInput): CallerContext {
  const anonymous = isAnonymousCallerId(input.callerId);
  const priorCalls = anonymous ? 0 : Math.max(0, Math.floor(input.priorCalls));
  return {
    firstTime: priorCalls === 0,
    priorCalls,
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.session !== undefined ? { session: input.session } : {}),
    ...(!anonymous && priorCalls > 0 && input.previousCall !== undefined
      ? { previousCall: input.previousCall }
      : {}),
  };
}
