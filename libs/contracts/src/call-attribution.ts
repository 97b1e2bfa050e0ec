/**
 * What a call was attributed to beyond its number's source: the website visit (DNI session) that
 * held the dialled pool number, and the caller's history. Resolved once at call start by an
 * activity, so it is part of the workflow's history and replays unchanged; copied into the record.
 */
export interface CallAttribution {
  /**
   * `session`: the visit holding the pool number at the call's start; `lookback`: its last holder
   * within the property's look-back window; `ambiguous`: a number shared on pool exhaustion;
   * `none`: a pool number nobody held recently; null: not a pool number (the source is all there is).
   */
  kind: 'session' | 'lookback' | 'ambiguous' | 'none' | null;
  sessionId: string | null;
  keyword: string | null;
  campaign: string | null;
  landingPage: string | null;
  activePage: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** Earlier calls from the caller id, account-wide; 0 for anonymous caller ids. */
  priorCalls: number;
}
