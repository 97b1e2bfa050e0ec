import { applyBundle } from './apply-bundle';
import type { DniTarget } from './apply-dni';
import { checkExpectations, type FailedExpectation, type ObservedCall } from './expectations';
import type { Bundle, Scenario, ScenarioCall } from './scenario-model';
import { apiClient, expectOk, http, type StackEndpoints } from './stack-client';

export interface CallResult {
  scenario: string;
  call: string;
  passed: boolean;
  observed?: ObservedCall & { commands_detail: unknown[] };
  record?: unknown;
  failed?: FailedExpectation[];
  error?: string;
}

interface SimTimeline {
  alive: boolean;
  commands: { action: string; body: unknown; status: number; duplicate: boolean; call_control_id: string }[];
}

/**
 * The call's record as the account sees it, or, for calls no property owns (an unknown number),
 * as the platform operator does when the stack's admin token is known.
 */
async function waitForRecord(s: StackEndpoints, sessionId: string, timeoutMs: number): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  const query = `callSessionId=${encodeURIComponent(sessionId)}`;
  const platform = s.adminToken ? apiClient({ ...s, apiKey: s.adminToken }) : null;
  for (;;) {
    const page = await expectOk<{ items: unknown[] }>(
      'list calls',
      apiClient(s)('GET', `/v1/calls?${query}`),
    );
    if (page.items.length > 0) return page.items[0];
    if (platform) {
      const all = await expectOk<{ items: unknown[] }>(
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

/** Visitors played so far: each is a client of its own. */
let visitors = 0;

/** Places one scripted call through the simulator and checks what the stack did with it. */
/**
 * Plays the call's website visitor through the public DNI endpoints (docs/DNI.md) as the script
 * would: the visit, then each page view. Answers the number the page showed in place of `to`.
 */
async function visit(s: StackEndpoints, dni: DniTarget | null, call: ScenarioCall): Promise<string> {
  const v = call.visitor;
  if (!v) return call.to;
  if (!dni) throw new Error('the call has a visitor but the bundle has no dni.allowed_origins');
  // Each visitor is a different person: as if behind a proxy, each is named by its own address
  // (the stacks trust loopback proxies; DNI caps the numbers one address holds).
  const n = ++visitors;
  const headers = { origin: dni.origin, 'x-forwarded-for': `198.18.${(n >> 8) & 255}.${n & 255}` };
  const base = `${s.apiUrl}/dni/${dni.dniKey}/visits`;
  const landingUrl = v.landing ?? `${dni.origin}/`;
  let answer = await expectOk<{ sessionId: string; swaps: { original: string; replacement: string }[] }>(
    'visit',
    http(
      'POST',
      base,
      { landingUrl, pageUrl: landingUrl, ...(v.referrer ? { referrer: v.referrer } : {}) },
      headers,
    ),
  );
  const sessionId = answer.sessionId;
  for (const page of v.pages ?? []) {
    const beat = await expectOk<{ swaps: { original: string; replacement: string }[] }>(
      'page view',
      http('POST', `${base}/${sessionId}/pages`, { pageUrl: page }, headers),
    );
    answer = { sessionId, swaps: beat.swaps };
  }
  return answer.swaps.find((x) => x.original === call.to)?.replacement ?? call.to;
}

export async function runCall(
  s: StackEndpoints,
  scenario: string,
  call: ScenarioCall,
  timeoutMs = 60_000,
  dni: DniTarget | null = null,
): Promise<CallResult> {
  try {
    const to = await visit(s, dni, call);
    const placed = await expectOk<{ call_session_id: string }>(
      'place call',
      http('POST', `${s.simUrl}/sim/calls`, {
        from: call.from,
        to,
        ...(call.at ? { at: call.at } : {}),
        ...(call.caller ? { caller: call.caller } : {}),
        ...(call.agents ? { agents: call.agents } : {}),
      }),
    );
    const record = await waitForRecord(s, placed.call_session_id, timeoutMs);
    const timeline = await expectOk<SimTimeline>(
      'read simulator timeline',
      http('GET', `${s.simUrl}/sim/calls/${encodeURIComponent(placed.call_session_id)}`),
    );
    const commands = timeline.commands.filter((c) => !c.duplicate && c.status < 300);
    const observed: ObservedCall = {
      outcome: record.outcome,
      answered_by: record.answeredBy,
      path: (record.path as { step: string }[]).map((p) => p.step),
      commands: commands.map((c) => c.action),
      recorded: Boolean(record.recordingUrl),
      source: record.sourceName,
      campaign: record.campaign ?? null,
      keyword: record.keyword ?? null,
      first_time: typeof record.priorCalls === 'number' ? record.priorCalls === 0 : null,
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

/** Applies the scenario's bundle, then plays its calls in order (later calls may depend on earlier). */
export async function runScenario(
  s: StackEndpoints,
  scenario: Scenario & { config: Bundle },
): Promise<CallResult[]> {
  if (scenario.history?.length) {
    return [
      { scenario: scenario.name, call: '(history)', passed: false, error: 'history: is not supported yet' },
    ];
  }
  const { dni } = await applyBundle(s, scenario.config);
  const results: CallResult[] = [];
  for (const call of scenario.calls) results.push(await runCall(s, scenario.name, call, 60_000, dni));
  return results;
}
