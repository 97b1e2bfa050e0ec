import { callWorkflowId } from '@switchboard/contracts';
import type { Bundle } from '@switchboard/bundle';
import type { SessionTimeline } from '@switchboard/telnyx-sim';
import type { ProcessStack } from './process-stack';

/**
 * The calls every fault scenario drives: a tracking number whose flow is an IVR menu ("press 1")
 * leading to a simultaneous ring group of two agents. Ann answers (when her script says so), Bob
 * never does. Calls are placed well apart from the fault, then left waiting mid-flow (in the menu
 * for DTMF, or with both agents ringing) while the fault is injected.
 */
export const TRACKING_NUMBER = '+13125550180';
export const ANN = '+13125550181';
export const BOB = '+13125550182';

export const RESILIENCE_BUNDLE: Bundle = {
  property: { name: 'Resilience Towers', time_zone: 'America/Chicago' },
  sources: [{ name: 'Resilience' }],
  agents: [
    { id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: ANN }, available: true },
    { id: 'bob', name: 'Bob', endpoint: { kind: 'phone', number: BOB }, available: true },
  ],
  ring_groups: [
    {
      id: 'team',
      name: 'Team',
      strategy: 'simultaneous',
      members: [{ agentId: 'ann' }, { agentId: 'bob' }],
      agentRingTimeoutSeconds: 110,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    },
  ],
  flows: [
    {
      name: 'Resilience menu',
      definition: {
        initialStepId: 'main',
        recording: false,
        steps: [
          {
            id: 'main',
            type: 'menu',
            prompt: { kind: 'tts', text: 'Press 1 for the team.' },
            options: { '1': 'team' },
            timeoutSeconds: 120,
            maxRetries: 0,
            fallback: 'bye',
          },
          { id: 'team', type: 'ring_group', ringGroupId: 'team', noAnswer: 'bye' },
          { id: 'bye', type: 'hangup', message: { kind: 'tts', text: 'Goodbye.' } },
        ],
      },
    },
  ],
  numbers: [{ number: TRACKING_NUMBER, source: 'Resilience', forward_to: ANN, flow: 'Resilience menu' }],
};

/**
 * - `menu`: waits `lateS` in the menu before pressing 1; Ann answers 2 s after being rung.
 * - `ring`: presses 1 at once; Ann answers `lateS` after being rung (both agents ring meanwhile).
 * - `quitter`: waits `lateS` in the menu, presses 1 and hangs up 1 s later while the group rings
 *   (when the carrier is failing, the dials are still being retried by then: 422 "call has ended").
 * Agents hang up 3 s into the conversation, after which the flow hangs up the caller.
 */
export type CallKind = 'menu' | 'ring' | 'quitter';

export interface PlacedCall {
  i: number;
  kind: CallKind;
  sessionId: string;
}

export interface LoadPlan {
  calls: number;
  /** Calls placed per second (real time). */
  rate: number;
  kind: (i: number) => CallKind;
  /** Scenario seconds a `menu` caller waits, a `ring` agent takes, a `quitter` holds on. */
  lateS: number;
  /** Called after each call is placed (the api-kill scenario kills mid-placement). */
  onPlaced?: (i: number) => Promise<void> | void;
}

/** Expected end of each kind: outcome and who answered. */
const EXPECTED: Record<CallKind, { outcome: string; answeredBy: string | null }> = {
  menu: { outcome: 'answered', answeredBy: ANN },
  ring: { outcome: 'answered', answeredBy: ANN },
  quitter: { outcome: 'abandoned', answeredBy: null },
};

const caller = (i: number) => `+1773555${String(1000 + (i % 9000)).padStart(4, '0')}`;

function script(i: number, kind: CallKind, lateS: number) {
  const annAnswers = (after: number) => ({ answer_after_s: after, hangup_after_s: 3 });
  switch (kind) {
    case 'menu':
      return {
        caller: [{ press: '1', after_s: lateS }, { hangup_after_s: 600 }],
        agents: { [ANN]: annAnswers(2), [BOB]: 'no_answer' },
      };
    case 'ring':
      return {
        caller: [{ press: '1', after_s: 0.5 }, { hangup_after_s: 600 }],
        agents: { [ANN]: annAnswers(lateS), [BOB]: 'no_answer' },
      };
    case 'quitter':
      return {
        caller: [{ press: '1', after_s: lateS }, { hangup_after_s: 1 }],
        agents: { [ANN]: 'no_answer', [BOB]: 'no_answer' },
      };
  }
}

export async function placeCalls(stack: ProcessStack, plan: LoadPlan): Promise<PlacedCall[]> {
  const t0 = Date.now();
  const placed: PlacedCall[] = [];
  for (let i = 0; i < plan.calls; i++) {
    const wait = t0 + (i * 1000) / plan.rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const kind = plan.kind(i);
    const p = await stack.sim.placeCall({
      from: caller(i),
      to: TRACKING_NUMBER,
      ...script(i, kind, plan.lateS),
    } as Parameters<typeof stack.sim.placeCall>[0]);
    placed.push({ i, kind, sessionId: p.call_session_id });
    await plan.onPlaced?.(i);
  }
  return placed;
}

const ok = (c: SessionTimeline['commands'][number], action: string) =>
  c.action === action && c.status === 200 && !c.injected_fault;

/** Where a call is, read from what the simulator saw. */
export function stageOf(t: SessionTimeline | undefined): 'placed' | 'menu' | 'ringing' | 'later' {
  if (!t) return 'placed';
  const gathering = t.commands.some((c) => ok(c, 'gather_using_speak'));
  const gatherEnded = t.webhooks.some((w) => w.event_type === 'call.gather.ended');
  const dialled = t.commands.some((c) => ok(c, 'dial'));
  const bridged = t.commands.some((c) => ok(c, 'bridge'));
  const callerGone = t.legs.some((l) => l.direction === 'incoming' && l.state === 'hangup');
  if (gathering && !gatherEnded) return 'menu';
  if (dialled && !bridged && !callerGone) return 'ringing';
  if (!gathering) return 'placed';
  return 'later';
}

export interface MidFlow {
  menu: number;
  ringing: number;
  other: number;
  waited_s: number;
}

/** Waits until every call waits in the menu or rings the group; counts where they are. */
export async function waitMidFlow(
  stack: ProcessStack,
  calls: PlacedCall[],
  timeoutMs = 120_000,
): Promise<MidFlow> {
  const t0 = Date.now();
  for (;;) {
    const stages = calls.map((c) => stageOf(stack.sim.session(c.sessionId)));
    const count = (s: string) => stages.filter((x) => x === s).length;
    const midFlow = { menu: count('menu'), ringing: count('ringing') };
    if (midFlow.menu + midFlow.ringing === calls.length || Date.now() - t0 > timeoutMs) {
      return {
        ...midFlow,
        other: calls.length - midFlow.menu - midFlow.ringing,
        waited_s: secs(Date.now() - t0),
      };
    }
    await sleep(250);
  }
}

/** Waits until at least `n` calls satisfy `pred` (for faults timed to traffic). */
export async function waitUntil(what: string, fn: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export interface Figures {
  started: number;
  completed: number;
  lost: number;
  duplicates: number;
  duplicate_records: number;
  /** Calls with a record whose outcome is not what their script leads to. */
  unexpected: number;
  /** Webhook deliveries the simulator had to retry (non-2xx or no answer). */
  webhook_retries: number;
  webhooks_failed: number;
  /** Carrier requests answered with an injected 500/429/503. */
  injected_faults: number;
  /** Carrier commands that ended in 422 "call has ended" (90018), and repeats of one after it. */
  call_ended_422: number;
  retries_after_422: number;
  /** Repeats of a command_id the simulator recognised and replayed (safe retries). */
  command_id_replays: number;
}

interface CallRow {
  call_session_id: string;
  outcome: string;
  answered_by: string | null;
  workflow_id: string;
}

/**
 * Waits until every call has a record and its workflow has closed (or `timeoutMs`), then counts.
 * lost: a call without exactly one record, or whose workflow did not complete.
 * duplicates: the same carrier intent (same leg, action and body) sent under two command_ids.
 */
export async function settleAndCount(
  stack: ProcessStack,
  calls: PlacedCall[],
  timeoutMs = 240_000,
): Promise<{ figures: Figures; problems: string[] }> {
  const ids = calls.map((c) => c.sessionId);
  const deadline = Date.now() + timeoutMs;
  let rows: CallRow[] = [];
  for (;;) {
    rows = (
      await stack.db.query<CallRow>(
        'SELECT call_session_id, outcome, answered_by, workflow_id FROM calls WHERE call_session_id = ANY($1)',
        [ids],
      )
    ).rows;
    if (new Set(rows.map((r) => r.call_session_id)).size >= ids.length || Date.now() > deadline) break;
    await sleep(1000);
  }
  const problems: string[] = [];
  const bySession = new Map<string, CallRow[]>();
  for (const r of rows) bySession.set(r.call_session_id, [...(bySession.get(r.call_session_id) ?? []), r]);

  // Workflows finish just after writing the record (announcements): give them until the deadline.
  const status = new Map<string, string>();
  for (;;) {
    const open = calls.filter((c) => status.get(c.sessionId) !== 'COMPLETED');
    for (let k = 0; k < open.length; k += 20) {
      await Promise.all(
        open.slice(k, k + 20).map(async (c) => {
          const d = await stack.client.workflow
            .getHandle(callWorkflowId(c.sessionId))
            .describe()
            .catch((e: unknown) => ({ status: { name: `not found (${String(e)})` } }));
          status.set(c.sessionId, d.status.name);
        }),
      );
    }
    if (calls.every((c) => status.get(c.sessionId) === 'COMPLETED') || Date.now() > deadline) break;
    await sleep(1000);
  }

  const f: Figures = {
    started: calls.length,
    completed: 0,
    lost: 0,
    duplicates: 0,
    duplicate_records: 0,
    unexpected: 0,
    webhook_retries: 0,
    webhooks_failed: 0,
    injected_faults: 0,
    call_ended_422: 0,
    retries_after_422: 0,
    command_id_replays: 0,
  };
  for (const c of calls) {
    const recs = bySession.get(c.sessionId) ?? [];
    const wf = status.get(c.sessionId);
    if (recs.length > 1) f.duplicate_records += recs.length - 1;
    if (recs.length === 0 || wf !== 'COMPLETED') {
      f.lost++;
      problems.push(`call ${c.i} (${c.kind}) ${c.sessionId}: ${recs.length} records, workflow ${wf}`);
      continue;
    }
    const want = EXPECTED[c.kind];
    if (recs[0].outcome !== want.outcome || recs[0].answered_by !== want.answeredBy) {
      f.unexpected++;
      problems.push(
        `call ${c.i} (${c.kind}) ${c.sessionId}: ${recs[0].outcome} by ${recs[0].answered_by}, expected ${want.outcome} by ${want.answeredBy}`,
      );
      continue;
    }
    f.completed++;
  }

  for (const c of calls) {
    const t = stack.sim.session(c.sessionId);
    if (!t) continue;
    const d = commandFigures(t);
    f.duplicates += d.duplicates;
    f.injected_faults += d.injected;
    f.call_ended_422 += d.ended422;
    f.retries_after_422 += d.after422;
    f.command_id_replays += d.replays;
    for (const k of d.duplicateKeys) problems.push(`call ${c.i} ${c.sessionId}: duplicate command ${k}`);
    for (const w of t.webhooks) {
      if (w.failed) f.webhooks_failed++;
      f.webhook_retries += w.attempts.filter((a) => !a.duplicate && a.attempt > 1).length;
    }
  }
  return { figures: f, problems };
}

/** Duplicate intents, injected faults and 422 behaviour of one call's carrier commands. */
export function commandFigures(t: SessionTimeline) {
  const intents = new Map<string, Set<string>>();
  const ended = new Set<string>();
  let injected = 0;
  let ended422 = 0;
  let after422 = 0;
  let replays = 0;
  const sorted = [...t.commands].sort((a, b) => a.t_ms - b.t_ms);
  for (const c of sorted) {
    const { command_id: commandId, ...rest } = (c.body ?? {}) as Record<string, unknown>;
    const id = typeof commandId === 'string' ? commandId : '';
    if (c.injected_fault) {
      injected++;
      continue;
    }
    if (id && ended.has(id)) after422++;
    if (c.duplicate) {
      replays++;
      continue;
    }
    if (c.status === 422 && c.error_code === '90018') {
      ended422++;
      if (id) ended.add(id);
    }
    if (c.status !== 200) continue;
    // A dial is recorded under the leg it creates: the intent is its body (to, link_to, tag).
    const key = `${c.action === 'dial' ? '' : c.call_control_id} ${c.action} ${JSON.stringify(rest)}`;
    const set = intents.get(key) ?? new Set<string>();
    set.add(id);
    intents.set(key, set);
  }
  const duplicateKeys = [...intents].filter(([, s]) => s.size > 1).map(([k]) => k);
  const duplicates = [...intents.values()].reduce((n, s) => n + s.size - 1, 0);
  return { duplicates, duplicateKeys, injected, ended422, after422, replays };
}

/** One recognisable line per scenario: `RESILIENCE <name>: key=value …`. */
export function printFigures(name: string, f: Figures, extra: Record<string, string | number> = {}): string {
  const parts = Object.entries({ ...f, ...extra }).map(([k, v]) => `${k}=${v}`);
  const line = `RESILIENCE ${name}: ${parts.join(' ')}`;
  console.log(line);
  return line;
}

/** Lines of the apps' logs that contain a secret. */
export function secretLeaks(stack: ProcessStack): string[] {
  const secrets = [stack.apiKey, stack.telnyxApiKey].filter((s) => s.length > 0);
  return stack.logs.filter((l) => secrets.some((s) => l.includes(s)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const secs = (ms: number) => Math.round(ms / 100) / 10;

/** Calls per scenario (at least 100 for the figures) and placement rate, from env. */
export const CALLS = Number(process.env.RESILIENCE_CALLS ?? 100);
export const RATE = Number(process.env.RESILIENCE_RATE ?? 8);
/**
 * Simulator time scale. Real time: the simulator hangs up an inbound call nobody answers within
 * 30 scenario seconds, and on two shared cores answering 100 calls can take longer than 15 s.
 */
export const TIME_SCALE = 1;
/**
 * Seconds a `menu` caller waits before pressing, a `ring` agent before answering: longer than
 * placing every call (100 at 8/s) and getting it answered, so all of them are mid-flow at once.
 */
export const LATE_S = Number(process.env.RESILIENCE_LATE_S ?? 40);

export interface ScenarioResult {
  figures: Figures;
  problems: string[];
  line: string;
}

/**
 * Places the plan's calls, waits until all of them are mid-flow (in the menu or ringing), runs
 * `inject` (the fault), then waits for every call to finish and counts. `inject` returns extra
 * figures for the printed line.
 */
export async function runFaultScenario(o: {
  name: string;
  stack: ProcessStack;
  plan: LoadPlan;
  inject: (calls: PlacedCall[]) => Promise<Record<string, string | number>>;
  /** Waits for every call to be mid-flow first (false: the fault runs during placement too). */
  midFlowGate?: boolean;
}): Promise<ScenarioResult> {
  const t0 = Date.now();
  const calls = await placeCalls(o.stack, o.plan);
  const mid = o.midFlowGate === false ? null : await waitMidFlow(o.stack, calls);
  const extra = await o.inject(calls);
  const { figures, problems } = await settleAndCount(o.stack, calls);
  const line = printFigures(o.name, figures, {
    ...(mid ? { at_fault_in_menu: mid.menu, at_fault_ringing: mid.ringing } : {}),
    ...extra,
    wall_s: secs(Date.now() - t0),
  });
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  return { figures, problems, line };
}

/** Where the calls are right now: how many wait in the menu, how many ring the group. */
export function stages(stack: ProcessStack, calls: PlacedCall[]): { in_menu: number; ringing: number } {
  const s = calls.map((c) => stageOf(stack.sim.session(c.sessionId)));
  return { in_menu: s.filter((x) => x === 'menu').length, ringing: s.filter((x) => x === 'ringing').length };
}

/**
 * `menu` calls whose caller has made the choice they waited for (the simulator generated
 * `call.gather.ended`): from then on webhooks and commands stream for the rest of the calls.
 */
export function pressed(stack: ProcessStack, calls: PlacedCall[]): number {
  return calls.filter(
    (c) =>
      c.kind === 'menu' &&
      stack.sim.session(c.sessionId)?.webhooks.some((w) => w.event_type === 'call.gather.ended'),
  ).length;
}

/** Webhook deliveries sent and not yet answered, across the calls. */
export function webhooksInFlight(stack: ProcessStack, calls: PlacedCall[]): number {
  let n = 0;
  for (const c of calls)
    for (const w of stack.sim.session(c.sessionId)?.webhooks ?? [])
      if (w.attempts.some((a) => a.acked_t_ms === undefined && a.status === undefined && !a.error)) n++;
  return n;
}
