import type {
  ScenarioConversionExpectation,
  ScenarioExpectations,
  ScenarioFormExpectation,
  ScenarioPrivacyExpectation,
} from './scenario.types';

/** One delivery of a conversion a lead earned, named as the scenario names its rules and destinations. */
export interface ObservedConversion {
  rule: string;
  destination: string;
  status: string;
  code: string | null;
}

/** What became of a visitor's form: the api's answer and, once stored, the form as the form log shows it. */
export interface ObservedForm {
  stored: boolean;
  /** Why the api refused it (`HTTP 403 form_tracking_off`). */
  refused?: string;
  id?: string;
  source?: string | null;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  message?: string | null;
  journey?: string[];
  conversions?: ObservedConversion[];
}

/** What actually happened on one call, gathered from the call record and the simulator's log. */
export interface ObservedCall {
  outcome: string | null;
  answered_by: string | null;
  path: string[];
  /** Telnyx actions the simulator received, in order (duplicates by command_id left out). */
  commands: string[];
  recorded: boolean;
  /** The recording disclosure the call owed: played, not played, or null when none applied. */
  disclosure?: 'played' | 'not_played' | null;
  /** The record's transcript (null: none). */
  transcript?: string | null;
  /** The summaries of the call's timeline, in order (read only when an expectation names it). */
  timeline?: string[];
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
  /** The lead's journey (GET /v1/calls/{id}), each contact labelled as the scenario names it. */
  journey?: string[];
  /** The deliveries of the conversions the call earned, once none is pending (or the wait ran out). */
  conversions?: ObservedConversion[];
  /** The form the visitor sent before calling. */
  form?: ObservedForm;
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

/** True when each of `want` begins a summary of `seen`, in order, possibly with others between. */
export function isTimelineOf(want: string[], seen: string[]): boolean {
  let i = 0;
  for (const s of seen) if (i < want.length && s.startsWith(want[i])) i++;
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
  if (expect.disclosure !== undefined) eq('disclosure', expect.disclosure, recorded(o.disclosure));
  if (expect.timeline !== undefined && !(o.timeline && isTimelineOf(expect.timeline, o.timeline)))
    failed.push({ key: 'timeline', expected: expect.timeline, actual: recorded(o.timeline) });
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
  if (expect.journey !== undefined) eq('journey', expect.journey, recorded(o.journey));
  if (expect.conversions !== undefined)
    failed.push(...checkConversions('conversions', expect.conversions, o.conversions));
  if (expect.form !== undefined) failed.push(...checkForm(expect.form, o.form));
  return failed;
}

/** What is said of a form the api refused, or of one never sent. */
const NOT_STORED = 'form not stored';
const NO_FORM = 'no form sent (visitor.form)';

/** The form's expectations (`expect.form`). */
export function checkForm(expect: ScenarioFormExpectation, o: ObservedForm | undefined): FailedExpectation[] {
  const failed: FailedExpectation[] = [];
  const eq = (key: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      failed.push({ key: `form.${key}`, expected, actual });
  };
  const seen = (v: unknown) => (!o ? NO_FORM : o.stored ? (v ?? null) : NOT_STORED);
  if (expect.stored !== undefined) eq('stored', expect.stored, o ? o.stored : NO_FORM);
  if (expect.source !== undefined) eq('source', expect.source, seen(o?.source));
  if (expect.name !== undefined) eq('name', expect.name, seen(o?.name));
  if (expect.phone !== undefined) eq('phone', expect.phone, seen(o?.phone));
  if (expect.email !== undefined) eq('email', expect.email, seen(o?.email));
  if (expect.message !== undefined) eq('message', expect.message, seen(o?.message));
  if (expect.journey !== undefined) eq('journey', expect.journey, seen(o?.journey));
  if (expect.conversions !== undefined)
    failed.push(
      ...checkConversions('form.conversions', expect.conversions, o?.stored ? o.conversions : undefined),
    );
  return failed;
}

/**
 * The expectations of an entry that places no call (`call: false`): only `form` can hold; any other
 * key fails, since there is no call to hold it to.
 */
export function checkFormOnly(expect: ScenarioExpectations | undefined, form: ObservedForm | undefined) {
  if (!expect) return [];
  const { form: formExpect, ...callKeys } = expect;
  const failed: FailedExpectation[] = Object.entries(callKeys).map(([key, expected]) => ({
    key,
    expected,
    actual: 'no call placed (call: false)',
  }));
  if (formExpect) failed.push(...checkForm(formExpect, form));
  return failed;
}

/** Whether the deliveries seen are exactly those expected: one each, in any order. */
export function conversionsMatch(
  want: readonly ScenarioConversionExpectation[],
  seen: readonly ObservedConversion[],
): boolean {
  if (want.length !== seen.length) return false;
  const fits = (w: ScenarioConversionExpectation, c: ObservedConversion) =>
    w.rule === c.rule &&
    w.status === c.status &&
    (w.destination === undefined || w.destination === c.destination) &&
    (w.code === undefined || w.code === c.code);
  // Expectations may leave out the destination or code, so a first fit is not always the right one:
  // try every pairing (a lead earns a handful of deliveries at most).
  const taken = new Array<boolean>(seen.length).fill(false);
  const pair = (i: number): boolean => {
    if (i === want.length) return true;
    for (let j = 0; j < seen.length; j++) {
      if (taken[j] || !fits(want[i], seen[j])) continue;
      taken[j] = true;
      if (pair(i + 1)) return true;
      taken[j] = false;
    }
    return false;
  };
  return pair(0);
}

function checkConversions(
  key: string,
  want: readonly ScenarioConversionExpectation[],
  seen: readonly ObservedConversion[] | undefined,
): FailedExpectation[] {
  if (seen === undefined) return [{ key, expected: want, actual: NOT_RECORDED }];
  return conversionsMatch(want, seen) ? [] : [{ key, expected: want, actual: seen }];
}

/** What became of a privacy request (`privacy[]`): the erasure's end, and what was checked after it. */
export interface ObservedPrivacy {
  /** The erasure as `GET /v1/privacy/erasures/{id}` last answered it. */
  erasure: { id: string; status: string; counts: Record<string, number>; error: string | null };
  /** The person's export after the erasure, as the number of items in each of its lists (when asked). */
  export?: Record<string, number>;
  /** The call placed from the erased number after the erasure (when asked), or why it could not be. */
  next_call?: { id?: string; first_time: boolean | null; error?: string };
}

/**
 * A privacy request's expectations. The erasure must have ended `done`; each kind `removed` names
 * must have changed exactly that many of the person's records (other kinds are not checked).
 */
export function checkPrivacyExpectations(
  expect: ScenarioPrivacyExpectation | undefined,
  o: ObservedPrivacy,
): FailedExpectation[] {
  const failed: FailedExpectation[] = [];
  const eq = (key: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) failed.push({ key, expected, actual });
  };
  eq('status', 'done', o.erasure.error ? `${o.erasure.status}: ${o.erasure.error}` : o.erasure.status);
  for (const [kind, n] of Object.entries(expect?.removed ?? {}))
    eq(`removed.${kind}`, n, o.erasure.counts[kind] ?? `not reported (${kind} not done)`);
  if (expect?.export_empty !== undefined) {
    const held = o.export ? Object.values(o.export).reduce((a, b) => a + b, 0) : undefined;
    const actual = held === undefined ? 'no export' : held === 0;
    if (actual !== expect.export_empty)
      failed.push({ key: 'export_empty', expected: expect.export_empty, actual: o.export ?? actual });
  }
  if (expect?.next_call_first_time !== undefined)
    eq(
      'next_call_first_time',
      expect.next_call_first_time,
      o.next_call?.error ?? o.next_call?.first_time ?? NOT_RECORDED,
    );
  return failed;
}
