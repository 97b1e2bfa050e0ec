import { checkPrivacyExpectations, type ObservedPrivacy } from './expectations';
import type { CallResult } from './run-scenario';
import type { Scenario, ScenarioCall, ScenarioPrivacyRequest } from './scenario.types';
import { apiClient, expectOk, type StackEndpoints } from './stack-client';

/** The lists of a person's export (GET /v1/privacy/exports), each counted in what the runner observes. */
const EXPORT_LISTS = [
  'calls',
  'voicemails',
  'textConversations',
  'emails',
  'forms',
  'visitorSessions',
  'conversions',
] as const;

/** How long an erasure may take: it waits for the person's calls still in progress (up to 2 min between looks). */
const ERASURE_TIMEOUT_MS = 5 * 60_000;

/** What the runner reads of the call records of the run's calls. */
interface RunCallRecord {
  id: string;
  fromNumber?: string;
  toNumber?: string;
  startedAt?: string;
}

interface Erasure {
  id: string;
  status: string;
  counts: Record<string, number>;
  error: string | null;
}

/** The request's person as the api takes it (`{phone}` or `{email}`) and as the output names it. */
const subjectOf = (r: ScenarioPrivacyRequest): string => r.erase.phone ?? r.erase.email ?? '';

/**
 * What the schema cannot check of a scenario's privacy requests, each naming its path: placing a
 * call after the erasure needs the number of a caller of the scenario (it calls the number they
 * last called).
 */
export function privacySetupIssues(s: Pick<Scenario, 'calls' | 'privacy'>): string[] {
  const callers = new Set(s.calls.filter((c) => c.call !== false).map((c) => c.from));
  return (s.privacy ?? []).flatMap((r, i) =>
    r.expect?.next_call_first_time !== undefined && !(r.erase.phone && callers.has(r.erase.phone))
      ? [`privacy[${i}].expect.next_call_first_time needs erase.phone to be the number of a call in calls`]
      : [],
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until no recording of the run's calls is still being copied, so the erasure meets every
 * recording where it will stay (its count is then the same from run to run).
 */
async function recordingsSettled(s: StackEndpoints, callIds: readonly string[], timeoutMs: number) {
  const api = apiClient(s);
  const deadline = Date.now() + timeoutMs;
  for (const id of callIds) {
    for (;;) {
      const page = await expectOk<{ items: { status: string }[] }>(
        'list recordings',
        api('GET', `/v1/calls/${id}/recordings`),
      );
      if (!page.items.some((r) => r.status === 'pending')) break;
      if (Date.now() > deadline)
        throw new Error(`call ${id}: a recording still pending after ${timeoutMs} ms`);
      await sleep(250);
    }
  }
}

/** Polls the erasure until it ends (done or failed). */
async function erasureEnded(s: StackEndpoints, id: string): Promise<Erasure> {
  const api = apiClient(s);
  const deadline = Date.now() + ERASURE_TIMEOUT_MS;
  for (;;) {
    const e = await expectOk<Erasure>('read the erasure', api('GET', `/v1/privacy/erasures/${id}`));
    if (e.status === 'done' || e.status === 'failed') return e;
    if (Date.now() > deadline)
      throw new Error(
        `erasure ${id} still ${e.status} after ${ERASURE_TIMEOUT_MS} ms (done: ${Object.keys(e.counts).join(', ')})`,
      );
    await sleep(250);
  }
}

/** The person's export, each list counted (an empty export is all zeros). */
async function exportCounts(s: StackEndpoints, r: ScenarioPrivacyRequest): Promise<Record<string, number>> {
  const query = r.erase.phone
    ? `phone=${encodeURIComponent(r.erase.phone)}`
    : `email=${encodeURIComponent(r.erase.email ?? '')}`;
  const doc = await expectOk<Record<string, unknown>>(
    'export the person',
    apiClient(s)('GET', `/v1/privacy/exports?${query}`),
  );
  return Object.fromEntries(
    EXPORT_LISTS.map((k) => [k, Array.isArray(doc[k]) ? (doc[k] as unknown[]).length : 0]),
  );
}

/**
 * The call placed from the erased number after the erasure: to the number its last call of the run
 * reached, after every one of its calls (a call of the scenario may start at a later instant than
 * now), the caller hanging up after a second.
 */
function nextCallOf(r: ScenarioPrivacyRequest, records: readonly RunCallRecord[]): ScenarioCall | string {
  const last = records
    .filter((c) => c.fromNumber === r.erase.phone && c.toNumber && c.startedAt)
    .sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!))
    .at(-1);
  if (!last) return 'the erased number has no call in this run to call again';
  const after = Date.parse(last.startedAt!) + 60_000;
  return {
    name: `a new call from ${r.erase.phone}`,
    from: r.erase.phone,
    to: last.toNumber,
    ...(after > Date.now() ? { at: new Date(after).toISOString() } : {}),
    caller: [{ hangup_at_s: 1 }],
  };
}

/** Places one call of the scenario format and answers what the runner observed of it. */
export type PlaceCall = (call: ScenarioCall) => Promise<CallResult>;

/**
 * Plays one privacy request after the scenario's calls (docs/SCENARIOS.md "Privacy requests"):
 * waits for the run's recordings to be copied, asks for the erasure, waits for it to end, then
 * checks what `expect` asks (the export, a new call from the number).
 */
export async function runPrivacyRequest(
  s: StackEndpoints,
  scenario: string,
  request: ScenarioPrivacyRequest,
  calls: readonly CallResult[],
  placeCall: PlaceCall,
  timeoutMs = 60_000,
): Promise<CallResult> {
  const name = request.name ?? `erase ${subjectOf(request)}`;
  try {
    const records = calls.flatMap((c) => (c.record ? [c.record as RunCallRecord] : []));
    await recordingsSettled(
      s,
      records.map((c) => c.id),
      timeoutMs,
    );
    const asked = await expectOk<Erasure>(
      'ask for the erasure',
      apiClient(s)('POST', '/v1/privacy/erasures', request.erase),
    );
    const erasure = await erasureEnded(s, asked.id);
    const observed: ObservedPrivacy = {
      erasure: { id: erasure.id, status: erasure.status, counts: erasure.counts, error: erasure.error },
    };
    if (request.expect?.export_empty !== undefined) observed.export = await exportCounts(s, request);
    if (request.expect?.next_call_first_time !== undefined) {
      const call = nextCallOf(request, records);
      if (typeof call === 'string') observed.next_call = { first_time: null, error: call };
      else {
        const placed = await placeCall(call);
        const id = (placed.record as RunCallRecord | undefined)?.id;
        observed.next_call = placed.error
          ? { first_time: null, error: placed.error }
          : { ...(id ? { id } : {}), first_time: placed.observed?.first_time ?? null };
      }
    }
    const failed = checkPrivacyExpectations(request.expect, observed);
    return {
      scenario,
      call: name,
      passed: failed.length === 0,
      observed: { privacy: observed },
      ...(failed.length ? { failed } : {}),
    };
  } catch (err) {
    return { scenario, call: name, passed: false, error: err instanceof Error ? err.message : String(err) };
  }
}
