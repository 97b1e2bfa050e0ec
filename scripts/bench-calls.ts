import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import { loadConfig, temporalConnectionOptions } from '@switchboard/config';
import { callWorkflowId } from '@switchboard/contracts';
import type { CallFlow } from '@switchboard/domain';
import { apiClient, expectOk, http, type StackEndpoints } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { countHistory, historyPerCall, type HistoryCounts, type HistoryPerCall } from './history-counts';
import { cpuPerCall, cpuSecondsByTree } from './process-cpu';
import type { StackProcesses } from './stack';

/**
 * What every benchmark of calls shares: the two call scripts (forward, menu) and their bundles,
 * placing calls through the Telnyx simulator at a rate, reading back each call's timeline, the
 * latencies taken from them, and the stateless baseline handler.
 */

export interface Timeline {
  alive: boolean;
  commands: { t_ms: number; action: string; duplicate: boolean }[];
  webhooks: {
    event_type: string;
    /** Only on `call.gather.ended`: what the caller pressed ('' on a timeout). */
    digits?: string;
    attempts: { sent_t_ms: number; acked_t_ms?: number; status?: number }[];
  }[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function summarise(values: number[]) {
  const s = [...values].sort((x, y) => x - y);
  return {
    n: s.length,
    p50: round1(percentile(s, 50)),
    p95: round1(percentile(s, 95)),
    p99: round1(percentile(s, 99)),
    max: round1(s[s.length - 1] ?? NaN),
  };
}

/** Places n calls at `rate` per second from `t0` on (now unless a schedule says otherwise). */
export async function placeCalls(
  simUrl: string,
  n: number,
  rate: number,
  body: (i: number) => object,
  t0 = Date.now(),
): Promise<string[]> {
  const sessions: Promise<string>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    sessions.push(
      expectOk<{ call_session_id: string }>('place call', http('POST', `${simUrl}/sim/calls`, body(i))).then(
        (p) => p.call_session_id,
      ),
    );
  }
  return Promise.all(sessions);
}

export async function timelines(simUrl: string, sessions: string[]): Promise<Timeline[]> {
  const out: Timeline[] = [];
  for (let i = 0; i < sessions.length; i += 50) {
    const batch = sessions
      .slice(i, i + 50)
      .map((s) => expectOk<Timeline>('timeline', http('GET', `${simUrl}/sim/calls/${s}`)));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

export function latencies(tls: Timeline[]) {
  const answer: number[] = [];
  const ack: number[] = [];
  for (const t of tls) {
    const init = t.webhooks.find((w) => w.event_type === 'call.initiated');
    const ans = t.commands.find((c) => c.action === 'answer' && !c.duplicate);
    if (init?.attempts[0] && ans) answer.push(ans.t_ms - init.attempts[0].sent_t_ms);
    for (const w of t.webhooks)
      for (const a of w.attempts) if (a.acked_t_ms !== undefined) ack.push(a.acked_t_ms - a.sent_t_ms);
  }
  return { answer, ack };
}

/**
 * For every `call.gather.ended` that carried digits: from the simulator sending it (first attempt) to
 * it receiving the call's next command, i.e. how long the stack takes to act on a menu choice. Keyed
 * by that command's action too, since a next menu (`gather_using_speak`) and a forward (`dial`) take
 * different paths through the workflow.
 */
export function dtmfLatencies(tls: Timeline[]) {
  const all: number[] = [];
  const byAction: Record<string, number[]> = {};
  let withoutNext = 0;
  for (const t of tls) {
    for (const w of t.webhooks) {
      const sent = w.attempts[0]?.sent_t_ms;
      if (w.event_type !== 'call.gather.ended' || !w.digits || sent === undefined) continue;
      const next = nextCommand(t, sent);
      if (!next) {
        withoutNext++;
        continue;
      }
      all.push(next.t_ms - sent);
      (byAction[next.action] ??= []).push(next.t_ms - sent);
    }
  }
  return { all, byAction, withoutNext };
}

/** The call's first command received after `t_ms`; replays of a `command_id` are not new commands. */
export function nextCommand(t: Timeline, t_ms: number): Timeline['commands'][number] | undefined {
  return t.commands.filter((c) => c.t_ms >= t_ms && !c.duplicate).sort((x, y) => x.t_ms - y.t_ms)[0];
}

/** The stateless baseline handler as a child process, talking to the stack's simulator. */
export async function startBaseline(
  endpoints: StackEndpoints,
): Promise<{ url: string; pid: number; stop(): void }> {
  const pk = await expectOk<{ public_key: string }>(
    'public key',
    http('GET', `${endpoints.simUrl}/sim/public-key`),
  );
  const child = spawn(process.execPath, [path.join(__dirname, 'bench-baseline.js')], {
    env: {
      ...process.env,
      TELNYX_API_KEY: 'sim-key',
      TELNYX_BASE_URL: `${endpoints.simUrl}/v2`,
      TELNYX_PUBLIC_KEY: pk.public_key,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (c: Buffer) =>
      resolve((JSON.parse(c.toString()) as { baselineUrl: string }).baselineUrl),
    );
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/** What one benchmark mode sets up through the admin API, and the script every simulated call follows. */
export interface BenchSetup {
  bundle: Bundle;
  call: (i: number) => object;
}

/** A distinct caller number per call (up to 8000), so the stack sees many callers, not one. */
export const callerNumber = (i: number) => `+1312555${String(2000 + (i % 8000)).padStart(4, '0')}`;

export const FORWARD_BENCH: BenchSetup = {
  bundle: {
    property: { name: 'Benchmark Towers', time_zone: 'America/Chicago' },
    sources: [{ name: 'Bench' }],
    numbers: [
      { number: '+13125550150', source: 'Bench', forward_to: '+13125550151', greeting: { text: 'Hi.' } },
    ],
  },
  call: (i) => ({
    from: callerNumber(i),
    to: '+13125550150',
    // The caller talks 10 s once connected, and gives up after 10 s if nobody is connected by then.
    caller: [{ hangup_after_s: 10 }],
    agents: { '+13125550151': { answer_after_s: 0.5 } },
  }),
};

/** The forwarding benchmark's calls, sent to the baseline handler at `url` instead of the api. */
export const baselineCall = (url: string) => (i: number) => ({ ...FORWARD_BENCH.call(i), webhook_url: url });

/** How long the baseline's last call gets to be answered before the timelines are read. */
const BASELINE_SETTLE_MS = 3000;

/**
 * The forwarding benchmark's calls at the same rate into the baseline handler at `url`: their
 * latencies (`latencies`), the yardstick Switchboard's are read against in the same run.
 */
export async function runBaseline(simUrl: string, url: string, args: { calls: number; rate: number }) {
  const sessions = await placeCalls(simUrl, args.calls, args.rate, baselineCall(url));
  await sleep(BASELINE_SETTLE_MS);
  return latencies(await timelines(simUrl, sessions));
}

// Every menu falls back to a hangup, not to voicemail: voicemail steps name stored voicemail boxes,
// which this benchmark does not set up and should not depend on.
export const MENU_FLOW = {
  initialStepId: 'welcome',
  recording: false,
  steps: [
    { id: 'welcome', type: 'greeting', prompt: { kind: 'tts', text: 'Hi.' }, next: 'main' },
    {
      id: 'main',
      type: 'menu',
      prompt: { kind: 'tts', text: 'For leasing press 1. For the office press 2.' },
      options: { '1': 'leasing', '2': 'office' },
      timeoutSeconds: 5,
      maxRetries: 1,
      fallback: 'bye',
    },
    {
      id: 'leasing',
      type: 'menu',
      prompt: { kind: 'tts', text: 'For the office press 1. For an agent press 2.' },
      options: { '1': 'office', '2': 'agent' },
      timeoutSeconds: 5,
      maxRetries: 1,
      fallback: 'bye',
    },
    { id: 'agent', type: 'forward', to: '+13125550171', timeoutSeconds: 20, callerId: 'tracking_number' },
    { id: 'office', type: 'forward', to: '+13125550172', timeoutSeconds: 20, callerId: 'tracking_number' },
    { id: 'bye', type: 'hangup', message: { kind: 'tts', text: 'Goodbye.' } },
  ],
} satisfies CallFlow;

export const MENU_BENCH: BenchSetup = {
  bundle: {
    property: { name: 'Bench Menu Property', time_zone: 'America/Chicago' },
    sources: [{ name: 'Bench Menu' }],
    flows: [{ name: 'Bench menu', definition: MENU_FLOW }],
    numbers: [
      { number: '+13125550170', source: 'Bench Menu', forward_to: '+13125550171', flow: 'Bench menu' },
    ],
  },
  call: (i) => ({
    from: callerNumber(i),
    to: '+13125550170',
    // 1 in the main menu, 2 in the second one (→ agent); then as in the forwarding benchmark: talks
    // 10 s once connected, gives up 10 s after the last key if nobody is connected by then.
    caller: [{ press: '1' }, { press: '2' }, { hangup_after_s: 10 }],
    agents: { '+13125550171': { answer_after_s: 0.5 }, '+13125550172': { answer_after_s: 0.5 } },
  }),
};

/**
 * Polls for each call's record until all exist or the deadline (120 s from now unless given) has
 * passed. Returns how many were answered and the sessions still without a record (lost).
 */
export async function waitForRecords(
  endpoints: StackEndpoints,
  sessions: string[],
  deadline = Date.now() + 120_000,
) {
  const api = apiClient(endpoints);
  let completed = 0;
  const pending = new Set(sessions);
  while (pending.size && Date.now() < deadline) {
    for (const id of [...pending].slice(0, 100)) {
      const page = await expectOk<{ items: { outcome: string }[] }>(
        'calls',
        api('GET', `/v1/calls?callSessionId=${id}`),
      );
      if (page.items[0]) {
        pending.delete(id);
        if (page.items[0].outcome === 'answered') completed++;
      }
    }
    if (pending.size) await sleep(200);
  }
  return { completed, pending };
}

export type Figures = ReturnType<typeof summarise>;

export const machine = () =>
  `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`;

export const row = (name: string, v: Figures) =>
  `${name.padEnd(38)} ${String(v.p50).padStart(8)} ${String(v.p95).padStart(8)} ${String(v.p99).padStart(8)} ${String(v.max).padStart(8)}`;

export const header = () =>
  `${'ms'.padEnd(38)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`;

/** Legs the simulator holds alive right now. */
export async function aliveLegs(simUrl: string): Promise<number> {
  const h = await expectOk<{ alive_legs: number }>('health', http('GET', `${simUrl}/sim/health`));
  return h.alive_legs;
}

/** Root process ids of the stack's parts by name (temporal, worker, api, postgres), for CPU figures. */
export type CpuRoots = Record<string, number[]>;

/** The parts of a stack this process started, as CPU roots; a part started elsewhere is left out. */
export function cpuRootsOf(p: StackProcesses): CpuRoots {
  const roots: CpuRoots = { temporal: p.temporal ? [p.temporal] : [], worker: p.workers, api: p.apis };
  if (p.postgres) roots.postgres = [p.postgres];
  if (!p.temporal) delete roots.temporal;
  return roots;
}

/** CPU per call in milliseconds, from the seconds (to 3 decimals) `cpuPerCall` gives. */
export const cpuMs = (cpuS: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(cpuS).map(([name, s]) => [name, Math.round(s * 1000)]));

export const cpuLine = (cpuS: Record<string, number>) =>
  `CPU ms per call: ${Object.entries(cpuMs(cpuS))
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ')}`;

/** How many call histories are fetched from Temporal at once. */
const HISTORY_BATCH = 20;
/** A workflow still running after its call ended (writing its record) is fetched again until then. */
const HISTORY_OPEN_WAIT_MS = 30_000;
/** gRPC's NOT_FOUND: Temporal knows no workflow by that id. */
const GRPC_NOT_FOUND = 5;

/**
 * Each call's workflow history (`call-<call_session_id>`), fetched from the Temporal at
 * `temporalAddress` (TLS, API key and namespace as libs/config reads them for the api and the
 * worker), counted, and summed up as p50 and max per call. Fetched 20 at a time; a history that
 * does not end the workflow yet is fetched again for up to 30 s, then counted as it stands (`open`).
 */
export async function callHistories(temporalAddress: string, sessions: string[]): Promise<HistoryPerCall> {
  const cfg = loadConfig({ ...process.env, TEMPORAL_ADDRESS: temporalAddress });
  const connection = await Connection.connect(temporalConnectionOptions(cfg));
  try {
    const client = new Client({ connection, namespace: cfg.temporal.namespace });
    const deadline = Date.now() + HISTORY_OPEN_WAIT_MS;
    const count = async (session: string): Promise<HistoryCounts | null> => {
      const handle = client.workflow.getHandle(callWorkflowId(session));
      for (;;) {
        let counts: HistoryCounts;
        try {
          counts = countHistory(await handle.fetchHistory());
        } catch (err) {
          if (isGrpcServiceError(err) && Number(err.code) === GRPC_NOT_FOUND) return null;
          throw err;
        }
        if (counts.closed || Date.now() > deadline) return counts;
        await sleep(500);
      }
    };
    const found: HistoryCounts[] = [];
    let missing = 0;
    for (let i = 0; i < sessions.length; i += HISTORY_BATCH) {
      for (const c of await Promise.all(sessions.slice(i, i + HISTORY_BATCH).map(count))) {
        if (c) found.push(c);
        else missing++;
      }
    }
    return historyPerCall(found, missing);
  } finally {
    await connection.close();
  }
}

/**
 * Switchboard's side of a run: place the calls, wait for their records, read the timelines. With
 * `cpuRoots`, also the CPU seconds per call of each part, from the first call placed to a moment
 * after the last leg ended (when the workflows have written their records), so that the polling
 * for records that follows is not counted. With `temporalAddress`, also each call's workflow
 * history counted (`callHistories`), fetched after the CPU figures were read.
 */
export async function runSwitchboard(
  endpoints: StackEndpoints,
  args: { calls: number; rate: number },
  setup: BenchSetup,
  cpuRoots?: CpuRoots,
  temporalAddress?: string,
) {
  const before = cpuRoots && cpuSecondsByTree(cpuRoots);
  const t0 = Date.now();
  const sessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, setup.call);
  let cpu: Record<string, number> | null = null;
  if (cpuRoots && before) {
    const deadline = Date.now() + 120_000;
    while ((await aliveLegs(endpoints.simUrl)) > 0 && Date.now() < deadline) await sleep(250);
    await sleep(CPU_SETTLE_MS);
    cpu = cpuPerCall(before, cpuSecondsByTree(cpuRoots), args.calls);
  }
  const { completed, pending } = await waitForRecords(endpoints, sessions);
  const wallS = (Date.now() - t0) / 1000;
  const tls = await timelines(endpoints.simUrl, sessions);
  // The latency and CPU figures stand without the history counts: a Temporal that refuses the
  // history reads (permissions, say) is reported, not a failed run.
  const history = temporalAddress
    ? await callHistories(temporalAddress, sessions).catch((err: unknown) => {
        console.error(`› history counts unavailable: ${String(err)}`);
        return null;
      })
    : null;
  return { completed, lost: pending.size, wallS, tls, cpu, history };
}

/** After the last hang-up, how long the workflows get to write their records before CPU is read. */
const CPU_SETTLE_MS = 2000;

export type SwitchboardRun = Awaited<ReturnType<typeof runSwitchboard>>;
