import type { Bundle } from '@switchboard/bundle';
import { applyBundle } from './apply-bundle';
import { applyConversions, NO_CONVERSIONS, type ConversionNames } from './apply-conversions';
import type { DniTarget } from './apply-dni';
import {
  checkExpectations,
  checkFormOnly,
  type FailedExpectation,
  type ObservedCall,
  type ObservedForm,
  type ObservedPrivacy,
} from './expectations';
import { journeyLabels, leadConversions, type JourneyEntry, type LeadLabels } from './lead-records';
import { runPrivacyRequest } from './privacy-requests';
import type { Scenario, ScenarioCall, ScenarioHistoryCall } from './scenario.types';
import { closeRun, openRun } from './scenario-run';
import { apiClient, expectOk, http, type StackEndpoints } from './stack-client';
import { submitForm, type VisitState } from './visitor-form';

/**
 * What the runner saw of one entry: its call's (none for `call: false`) and its form's; of a
 * privacy request, the erasure and what was checked after it.
 */
export type ObservedEntry = Partial<ObservedCall> & {
  commands_detail?: unknown[];
  form?: ObservedForm;
  privacy?: ObservedPrivacy;
};

export interface CallResult {
  scenario: string;
  call: string;
  passed: boolean;
  observed?: ObservedEntry;
  record?: unknown;
  failed?: FailedExpectation[];
  error?: string;
}

interface SimTimeline {
  alive: boolean;
  commands: { action: string; body: unknown; status: number; duplicate: boolean; call_control_id: string }[];
}

/**
 * The fields of a call record (GET /v1/calls) the runner compares. Those a version of Switchboard
 * may not write yet are optional: an expectation of them then fails as "not recorded".
 */
interface CallRecord {
  id: string;
  propertyId?: string | null;
  outcome: string | null;
  answeredBy: string | null;
  path: { step: string }[];
  recordingUrl: string | null;
  /** Whether the recording disclosure the call owed was played; null: none applied. */
  disclosurePlayed?: boolean | null;
  transcript?: string | null;
  sourceName: string | null;
  campaign?: string | null;
  keyword?: string | null;
  priorCalls?: number | null;
  score?: number | null;
  leadStatus?: string | null;
  voicemailBoxId?: string | null;
  callFlowVersion?: number | null;
  landingPage?: string | null;
  activePage?: string | null;
  referrer?: string | null;
}

/**
 * The call's record as the account sees it, or, for calls no property owns (an unknown number),
 * as the platform operator does when the stack's admin token is known.
 */
async function waitForRecord(s: StackEndpoints, sessionId: string, timeoutMs: number): Promise<CallRecord> {
  const deadline = Date.now() + timeoutMs;
  const query = `callSessionId=${encodeURIComponent(sessionId)}`;
  const platform = s.adminToken ? apiClient({ ...s, apiKey: s.adminToken }) : null;
  for (;;) {
    const page = await expectOk<{ items: CallRecord[] }>(
      'list calls',
      apiClient(s)('GET', `/v1/calls?${query}`),
    );
    if (page.items.length > 0) return page.items[0];
    if (platform) {
      const all = await expectOk<{ items: CallRecord[] }>(
        'list calls',
        platform('GET', `/v1/platform/calls?${query}`),
      );
      if (all.items.length > 0) return all.items[0];
    }
    if (Date.now() > deadline)
      throw new Error(`no call record for session ${sessionId} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * At most how long the call's own script runs (every `…_s` wait of the caller, the agents and the
 * conversation added up), in real time: a scripted long call is waited for on top of the timeout,
 * on a stack whose simulator runs in real time (`npm start`) as on a compressed one.
 */
export function scriptedMs(call: Pick<ScenarioCall, 'caller' | 'agents' | 'conversation'>): number {
  const sum = (v: unknown, key = ''): number => {
    if (typeof v === 'number') return key.endsWith('_s') ? v : 0;
    if (Array.isArray(v)) return v.reduce((n: number, x) => n + sum(x), 0);
    if (v && typeof v === 'object')
      return Object.entries(v as Record<string, unknown>).reduce((n, [k, x]) => n + sum(x, k), 0);
    return 0;
  };
  return sum([call.caller, call.agents, call.conversation]) * 1000;
}

/** Visitors without an id played so far: each is a person of their own. */
let anonymousVisitors = 0;

/**
 * The address a visitor's requests come from, as if through a proxy (the stacks trust loopback
 * proxies; DNI caps the numbers one address holds): one per anonymous visitor, the same one for a
 * returning visitor's every visit.
 */
function visitorAddress(id: string | undefined): string {
  if (id === undefined) {
    const n = ++anonymousVisitors;
    return `198.18.${(n >> 8) & 255}.${n & 255}`;
  }
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `198.19.${(h >> 8) & 255}.${h & 255}`;
}

/**
 * Plays the call's website visitor through the public DNI endpoints (docs/DNI.md) as the script
 * would: the visit (with the ad platforms' cookies), then each page view. Answers the number the
 * page showed in place of `to`, and the visit a form is then sent from.
 * `visitors` maps the scenario's visitor ids to the DNI visitor ids their first visit was given,
 * which a returning visitor sends again (as the script's cookie would).
 */
async function visit(
  s: StackEndpoints,
  dni: DniTarget | null,
  call: ScenarioCall,
  visitors: Map<string, string>,
): Promise<{ to: string | undefined; visit: VisitState | null }> {
  const v = call.visitor;
  if (!v) return { to: call.to, visit: null };
  if (!dni) throw new Error('the call has a visitor but the bundle has no dni.allowed_origins');
  const headers = { origin: dni.origin, 'x-forwarded-for': visitorAddress(v.id) };
  const base = `${s.apiUrl}/dni/${dni.dniKey}/visits`;
  const landingUrl = v.landing ?? `${dni.origin}/`;
  const known = v.id === undefined ? undefined : visitors.get(v.id);
  let answer = await expectOk<{
    visitorId: string;
    sessionId: string;
    swaps: { original: string; replacement: string }[];
  }>(
    'visit',
    http(
      'POST',
      base,
      {
        landingUrl,
        pageUrl: landingUrl,
        ...(v.referrer ? { referrer: v.referrer } : {}),
        ...(known ? { visitorId: known } : {}),
        ...v.cookies,
      },
      headers,
    ),
  );
  if (v.id !== undefined) visitors.set(v.id, answer.visitorId);
  const sessionId = answer.sessionId;
  for (const page of v.pages ?? []) {
    const beat = await expectOk<{ swaps: { original: string; replacement: string }[] }>(
      'page view',
      http('POST', `${base}/${sessionId}/pages`, { pageUrl: page }, headers),
    );
    answer = { ...answer, swaps: beat.swaps };
  }
  return {
    to: answer.swaps.find((x) => x.original === call.to)?.replacement ?? call.to,
    visit: { sessionId, visitorId: answer.visitorId, pageUrl: v.pages?.at(-1) ?? landingUrl, headers },
  };
}

/** What a run knows of its leads: its property, the names of its conversion setup, its contacts' labels. */
export interface LeadContext {
  propertyId: string | null;
  conversions: ConversionNames;
  labels: LeadLabels;
}

/** The form of an entry, sent from its visit; a form without a visit cannot be. */
async function sendForm(
  s: StackEndpoints,
  dni: DniTarget | null,
  call: ScenarioCall,
  visited: VisitState | null,
  lead: LeadContext,
): Promise<ObservedForm | undefined> {
  const form = call.visitor?.form;
  if (!form) return undefined;
  if (!dni || !visited) throw new Error('the visitor sends a form but the bundle has no dni.allowed_origins');
  const observed = await submitForm(s, dni, visited, form, `form: ${call.name}`, lead.labels);
  if (observed.stored && observed.id && lead.propertyId)
    observed.conversions = await leadConversions(
      s,
      lead.propertyId,
      { kind: 'form', id: observed.id },
      lead.conversions,
    );
  return observed;
}

/** Places one scripted call through the simulator and checks what the stack did with it. */
export async function runCall(
  s: StackEndpoints,
  scenario: string,
  call: ScenarioCall,
  timeoutMs = 60_000,
  dni: DniTarget | null = null,
  visitors = new Map<string, string>(),
  lead: LeadContext = { propertyId: null, conversions: NO_CONVERSIONS, labels: new Map() },
): Promise<CallResult> {
  try {
    const visited = await visit(s, dni, call, visitors);
    const form = await sendForm(s, dni, call, visited.visit, lead);
    if (call.call === false) {
      const failed = checkFormOnly(call.expect, form);
      return {
        scenario,
        call: call.name,
        passed: failed.length === 0,
        observed: form ? { form } : {},
        ...(failed.length ? { failed } : {}),
      };
    }
    const { to } = visited;
    if (!call.from || !to) throw new Error('a call needs `from` and `to` (or `call: false`)');
    const placed = await expectOk<{ call_session_id: string }>(
      'place call',
      http('POST', `${s.simUrl}/sim/calls`, {
        from: call.from,
        to,
        ...(call.at ? { at: call.at } : {}),
        ...(call.caller ? { caller: call.caller } : {}),
        ...(call.agents ? { agents: call.agents } : {}),
        ...(call.conversation ? { conversation: call.conversation } : {}),
      }),
    );
    const record = await waitForRecord(s, placed.call_session_id, timeoutMs + scriptedMs(call));
    const timeline = await expectOk<SimTimeline>(
      'read simulator timeline',
      http('GET', `${s.simUrl}/sim/calls/${encodeURIComponent(placed.call_session_id)}`),
    );
    const commands = timeline.commands.filter((c) => !c.duplicate && c.status < 300);
    lead.labels.set(record.id, `call: ${call.name}`);
    const observed: ObservedCall = {
      outcome: record.outcome,
      answered_by: record.answeredBy,
      path: record.path.map((p) => p.step),
      commands: commands.map((c) => c.action),
      recorded: Boolean(record.recordingUrl),
      ...disclosureOf(record),
      transcript: record.transcript,
      source: record.sourceName,
      campaign: record.campaign ?? null,
      keyword: record.keyword ?? null,
      first_time: typeof record.priorCalls === 'number' ? record.priorCalls === 0 : null,
      score: record.score,
      lead_status: record.leadStatus,
      voicemail_box: record.voicemailBoxId,
      flow_version: record.callFlowVersion,
      landing_page: record.landingPage,
      active_page: record.activePage,
      referrer: record.referrer,
      ...(form ? { form } : {}),
      ...(record.propertyId ? await leadOfCall(s, record.id, record.propertyId, lead) : {}),
      ...(call.expect?.timeline ? { timeline: await timelineOf(s, record.id) } : {}),
    };
    const failed = checkExpectations(call.expect, observed);
    return {
      scenario,
      call: call.name,
      passed: failed.length === 0,
      observed: { ...observed, commands_detail: commands.map((c) => ({ action: c.action, body: c.body })) },
      record,
      ...(failed.length ? { failed } : {}),
    };
  } catch (err) {
    return {
      scenario,
      call: call.name,
      passed: false,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/** The record's disclosure (`disclosurePlayed`: null when none applied); absent from older records. */
function disclosureOf(record: CallRecord): Pick<ObservedCall, 'disclosure'> {
  if (record.disclosurePlayed === undefined) return {};
  return {
    disclosure: record.disclosurePlayed === null ? null : record.disclosurePlayed ? 'played' : 'not_played',
  };
}

/** The summaries of a call's timeline, in order. */
async function timelineOf(s: StackEndpoints, callId: string): Promise<string[]> {
  const timeline = await expectOk<{ entries: { summary: string }[] }>(
    'read call timeline',
    apiClient(s)('GET', `/v1/calls/${callId}/timeline`),
  );
  return timeline.entries.map((e) => e.summary);
}

/** A call's journey (GET /v1/calls/{id}) and the deliveries of the conversions it earned. */
async function leadOfCall(
  s: StackEndpoints,
  callId: string,
  propertyId: string,
  lead: LeadContext,
): Promise<Pick<ObservedCall, 'journey' | 'conversions'>> {
  const detail = await expectOk<{ journey?: JourneyEntry[] }>(
    'read call',
    apiClient(s)('GET', `/v1/calls/${callId}`),
  );
  return {
    ...(detail.journey ? { journey: journeyLabels(detail.journey, lead.labels) } : {}),
    conversions: await leadConversions(s, propertyId, { kind: 'call', id: callId }, lead.conversions),
  };
}

/**
 * Places one earlier call of the scenario's `history` through the simulator at its instant (the
 * caller hangs up after a second), then gives it its score and lead status by hand, as a person
 * would in the call log: later calls then see a real repeat caller with a real previous score.
 */
async function placeHistoryCall(s: StackEndpoints, h: ScenarioHistoryCall, timeoutMs: number): Promise<void> {
  const placed = await expectOk<{ call_session_id: string }>(
    'place history call',
    http('POST', `${s.simUrl}/sim/calls`, { from: h.from, to: h.to, at: h.at, caller: [{ hangup_at_s: 1 }] }),
  );
  const record = await waitForRecord(s, placed.call_session_id, timeoutMs);
  if (h.score === undefined && h.lead_status === undefined) return;
  await expectOk(
    'score history call',
    apiClient(s)('PUT', `/v1/calls/${record.id}/score`, {
      // A score alone keeps the lead status the property's rules gave the call.
      leadStatus: h.lead_status ?? record.leadStatus,
      ...(h.score !== undefined ? { score: h.score } : {}),
      note: 'scenario history',
    }),
  );
}

/**
 * Plays one run of a scenario: opens the run's own account (see openRun), applies the bundle to a
 * property of it and the scenario's conversion setup, places the history, then the entries in order
 * (later calls may depend on earlier ones and forms), then the privacy requests (each after every
 * call), and finally gives the bundle's numbers back so the next run can take them.
 */
export async function runScenario(
  s: StackEndpoints,
  scenario: Scenario & { config: Bundle },
  timeoutMs = 60_000,
): Promise<CallResult[]> {
  const run = await openRun(s, scenario.name);
  const { propertyId, dni } = await applyBundle(run.endpoints, scenario.config);
  try {
    const lead: LeadContext = {
      propertyId,
      conversions: await applyConversions(run.endpoints, propertyId, scenario.conversions),
      labels: new Map(),
    };
    for (const [i, h] of (scenario.history ?? []).entries()) {
      try {
        await placeHistoryCall(run.endpoints, h, timeoutMs);
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return [{ scenario: scenario.name, call: `(history[${i}])`, passed: false, error }];
      }
    }
    const visitors = new Map<string, string>();
    const results: CallResult[] = [];
    for (const call of scenario.calls)
      results.push(await runCall(run.endpoints, scenario.name, call, timeoutMs, dni, visitors, lead));
    const calls = [...results];
    for (const request of scenario.privacy ?? [])
      results.push(
        await runPrivacyRequest(
          run.endpoints,
          scenario.name,
          request,
          calls,
          (call) => runCall(run.endpoints, scenario.name, call, timeoutMs, dni, visitors, lead),
          timeoutMs,
        ),
      );
    return results;
  } finally {
    await closeRun(run, propertyId, scenario.config);
  }
}
