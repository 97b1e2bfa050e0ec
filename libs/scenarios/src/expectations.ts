import type { ScenarioExpectations } from './scenario.types';

/** What actually happened on one call, gathered from the call record and the simulator's log. */
export interface ObservedCall {
  outcome: string | null;
  answered_by: string | null;
  path: string[];
  /** Telnyx actions the simulator received, in order (duplicates by command_id left out). */
  commands: string[];
  recorded: boolean;
  /** The record's transcript (null: none). */
  transcript?: string | null;
  source: string | null;
  /** The visit's campaign and keyword on the record (null: none, or not a pool call). */
  campaign?: string | null;
  keyword?: string | null;
  /** From the record's prior_calls; null when the record does not carry it (older versions). */
  first_time?: boolean | null;
  score?: number | null;
  lead_status?: string | null;
  voicemail_box?: string | null;
  flow_version?: number | null;
  landing_page?: string | null;
  active_page?: string | null;
  referrer?: string | null;
}

/** What a record does not say is reported as such, so an expectation of it fails rather than passes. */
const NOT_RECORDED = 'not recorded by this version of Switchboard';

export interface FailedExpectation {
  key: string;
  expected: unknown;
  actual: unknown;
}

/** True when `want` appears in `seen` in order, possibly with other items between. */
export function isSubsequence(want: string[], seen: string[]): boolean {
  let i = 0;
  for (const s of seen) if (i < want.length && s === want[i]) i++;
  return i === want.length;
}

/** Compares every expectation given; keys Switchboard does not record yet fail loudly, never pass. */
export function checkExpectations(
  expect: ScenarioExpectations | undefined,
  o: ObservedCall,
): FailedExpectation[] {
  const failed: FailedExpectation[] = [];
  if (!expect) return failed;
  const eq = (key: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) failed.push({ key, expected, actual });
  };
  if (expect.outcome !== undefined) eq('outcome', expect.outcome, o.outcome);
  if (expect.answered_by !== undefined) eq('answered_by', expect.answered_by, o.answered_by);
  if (expect.path !== undefined) eq('path', expect.path, o.path);
  if (expect.commands !== undefined && !isSubsequence(expect.commands, o.commands)) {
    failed.push({ key: 'commands', expected: expect.commands, actual: o.commands });
  }
  if (expect.recorded !== undefined) eq('recorded', expect.recorded, o.recorded);
  if (expect.voicemail !== undefined) eq('voicemail', expect.voicemail, o.outcome === 'voicemail');
  const recorded = (v: unknown) => (v === undefined ? NOT_RECORDED : v);
  if (expect.transcript !== undefined) eq('transcript', expect.transcript, recorded(o.transcript));
  if (expect.score !== undefined) eq('score', expect.score, recorded(o.score));
  if (expect.lead_status !== undefined) eq('lead_status', expect.lead_status, recorded(o.lead_status));
  if (expect.voicemail_box !== undefined)
    eq('voicemail_box', expect.voicemail_box, recorded(o.voicemail_box));
  if (expect.flow_version !== undefined) eq('flow_version', expect.flow_version, recorded(o.flow_version));
  if (expect.attribution) {
    const { source, campaign, keyword, first_time, landing_page, active_page, referrer, ...rest } =
      expect.attribution;
    if (source !== undefined) eq('attribution.source', source, o.source);
    if (campaign !== undefined) eq('attribution.campaign', campaign, o.campaign ?? null);
    if (keyword !== undefined) eq('attribution.keyword', keyword, o.keyword ?? null);
    // A record without prior_calls cannot say: fail loudly rather than pass.
    if (first_time !== undefined) eq('attribution.first_time', first_time, o.first_time ?? NOT_RECORDED);
    if (landing_page !== undefined) eq('attribution.landing_page', landing_page, recorded(o.landing_page));
    if (active_page !== undefined) eq('attribution.active_page', active_page, recorded(o.active_page));
    if (referrer !== undefined) eq('attribution.referrer', referrer, recorded(o.referrer));
    for (const [k, v] of Object.entries(rest))
      failed.push({ key: `attribution.${k}`, expected: v, actual: NOT_RECORDED });
  }
  return failed;
}
