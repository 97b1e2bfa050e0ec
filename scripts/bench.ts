import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallFlow } from '@switchboard/domain';
import {
  apiClient,
  applyBundle,
  expectOk,
  http,
  type Bundle,
  type StackEndpoints,
} from '@switchboard/scenarios';
import { runningStack, startStack, type RunningStack } from './stack';

/**
 * `npm run bench -- --calls N --rate R [--json] [--flow forward|menu]`: places N calls at R calls/s
 * through the Telnyx simulator into the whole stack, and the same number into a stateless baseline
 * handler, then prints how many calls completed or were lost, webhook acknowledgement latency, and the
 * time from `call.initiated` sent to `answer` received for both, with their ratio.
 *
 * `--flow menu` places calls into a two-level IVR menu instead and adds the time from the simulator
 * sending `call.gather.ended` with the caller's digits to it receiving the next command for that call.
 * It has no baseline run: the stateless handler cannot walk a menu.
 *
 * `--profile inflight` holds every call in two IVR menus at once and reports the peak of calls in
 * flight and the worker's resident memory per in-flight call (e.g. `--calls 1000 --rate 8`).
 * `--profile knee` steps the menu flow through 1, 2, 3, 5, 8… calls/s (up to --rate), --calls calls
 * each, until the p99 from `call.initiated` to `answer` passes 250 ms, with the baseline alongside.
 */
type FlowName = 'forward' | 'menu';

interface Args {
  calls: number;
  rate: number;
  json: boolean;
  flow: FlowName;
  /** `inflight`: every call held in IVR menus at once, with the worker's memory per call. */
  profile: 'default' | 'inflight' | 'knee';
}

function parseArgs(argv: string[]): Args {
  const a: Args = { calls: 100, rate: 10, json: false, flow: 'forward', profile: 'default' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--calls') a.calls = Number(argv[++i]);
    else if (k === '--rate') a.rate = Number(argv[++i]);
    else if (k === '--flow') a.flow = parseFlow(argv[++i]);
    else if (k === '--profile') {
      const v = argv[++i];
      if (v !== 'inflight' && v !== 'knee' && v !== 'default')
        throw new Error(`--profile must be inflight or knee, not ${v}`);
      a.profile = v;
    } else throw new Error(`unknown argument ${k}`);
  }
  if (!(a.calls > 0 && a.rate > 0)) throw new Error('--calls and --rate must be positive numbers');
  return a;
}

function parseFlow(v: string | undefined): FlowName {
  if (v === 'forward' || v === 'menu') return v;
  throw new Error(`--flow must be forward or menu, not ${v}`);
}

interface Timeline {
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

function summarise(values: number[]) {
  const s = [...values].sort((x, y) => x - y);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
  };
}

async function placeCalls(
  simUrl: string,
  n: number,
  rate: number,
  body: (i: number) => object,
): Promise<string[]> {
  const t0 = Date.now();
  const sessions: Promise<string>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sessions.push(
      expectOk<{ call_session_id: string }>('place call', http('POST', `${simUrl}/sim/calls`, body(i))).then(
        (p) => p.call_session_id,
      ),
    );
  }
  return Promise.all(sessions);
}

async function timelines(simUrl: string, sessions: string[]): Promise<Timeline[]> {
  const out: Timeline[] = [];
  for (let i = 0; i < sessions.length; i += 50) {
    const batch = sessions
      .slice(i, i + 50)
      .map((s) => expectOk<Timeline>('timeline', http('GET', `${simUrl}/sim/calls/${s}`)));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

function latencies(tls: Timeline[]) {
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
function dtmfLatencies(tls: Timeline[]) {
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
function nextCommand(t: Timeline, t_ms: number): Timeline['commands'][number] | undefined {
  return t.commands.filter((c) => c.t_ms >= t_ms && !c.duplicate).sort((x, y) => x.t_ms - y.t_ms)[0];
}

async function startBaseline(sim: {
  apiBaseUrl: string;
  publicKey: string;
}): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'bench-baseline.js')], {
    env: {
      ...process.env,
      TELNYX_API_KEY: 'sim-key',
      TELNYX_BASE_URL: sim.apiBaseUrl,
      TELNYX_PUBLIC_KEY: sim.publicKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (c: Buffer) =>
      resolve((JSON.parse(c.toString()) as { baselineUrl: string }).baselineUrl),
    );
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** What one benchmark mode sets up through the admin API, and the script every simulated call follows. */
interface BenchSetup {
  bundle: Bundle;
  call: (i: number) => object;
}

/** A distinct caller number per call (up to 8000), so the stack sees many callers, not one. */
const callerNumber = (i: number) => `+1312555${String(2000 + (i % 8000)).padStart(4, '0')}`;

const FORWARD_BENCH: BenchSetup = {
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

// Every menu falls back to a hangup, not to voicemail: voicemail steps name stored voicemail boxes,
// which this benchmark does not set up and should not depend on.
const MENU_FLOW: CallFlow = {
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
};

const MENU_BENCH: BenchSetup = {
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
 * Polls for each call's record until all exist or 120 s have passed. Returns how many were answered
 * and the sessions still without a record (lost).
 */
async function waitForRecords(endpoints: StackEndpoints, sessions: string[]) {
  const api = apiClient(endpoints);
  const deadline = Date.now() + 120_000;
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
    if (pending.size) await new Promise((r) => setTimeout(r, 200));
  }
  return { completed, pending };
}

type Figures = ReturnType<typeof summarise>;

const machine = () =>
  `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`;

const row = (name: string, v: Figures) =>
  `${name.padEnd(38)} ${String(v.p50).padStart(8)} ${String(v.p95).padStart(8)} ${String(v.p99).padStart(8)} ${String(v.max).padStart(8)}`;

const header = () =>
  `${'ms'.padEnd(38)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`;

/** Switchboard's side of a run: place the calls, wait for their records, read the timelines. */
async function runSwitchboard(endpoints: StackEndpoints, args: Args, setup: BenchSetup) {
  const t0 = Date.now();
  const sessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, setup.call);
  const { completed, pending } = await waitForRecords(endpoints, sessions);
  const wallS = (Date.now() - t0) / 1000;
  const tls = await timelines(endpoints.simUrl, sessions);
  return { completed, lost: pending.size, wallS, tls };
}

type SwitchboardRun = Awaited<ReturnType<typeof runSwitchboard>>;

/** The forwarding benchmark: Switchboard, then the stateless baseline with the same calls, and their ratio. */
async function forwardBench(
  endpoints: StackEndpoints,
  args: Args,
  log: (m: string) => void,
): Promise<number> {
  log(`placing ${args.calls} calls at ${args.rate}/s into Switchboard`);
  const run = await runSwitchboard(endpoints, args, FORWARD_BENCH);
  const sb = latencies(run.tls);

  log(`placing ${args.calls} calls at ${args.rate}/s into the stateless baseline handler`);
  const pk = await expectOk<{ public_key: string }>(
    'public key',
    http('GET', `${endpoints.simUrl}/sim/public-key`),
  );
  const baseline = await startBaseline({ apiBaseUrl: `${endpoints.simUrl}/v2`, publicKey: pk.public_key });
  const baseSessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, (i) => ({
    ...FORWARD_BENCH.call(i),
    webhook_url: baseline.url,
  }));
  await new Promise((r) => setTimeout(r, 3000));
  const base = latencies(await timelines(endpoints.simUrl, baseSessions));
  baseline.stop();

  const answerSb = summarise(sb.answer);
  const answerBase = summarise(base.answer);
  const summary = {
    calls: args.calls,
    rate: args.rate,
    completed: run.completed,
    lost: run.lost,
    not_answered: args.calls - run.completed - run.lost,
    wall_s: Math.round(run.wallS * 10) / 10,
    webhook_ack_ms: summarise(sb.ack),
    initiated_to_answer_ms: answerSb,
    baseline_initiated_to_answer_ms: answerBase,
    baseline_webhook_ack_ms: summarise(base.ack),
    ratio_p50: Math.round((answerSb.p50 / answerBase.p50) * 10) / 10,
    ratio_p99: Math.round((answerSb.p99 / answerBase.p99) * 10) / 10,
    machine: machine(),
  };
  if (!args.json) {
    console.log(
      `calls ${summary.calls} at ${summary.rate}/s: completed ${summary.completed}, lost ${summary.lost}, not answered ${summary.not_answered}, ${summary.wall_s} s`,
    );
    console.log(header());
    console.log(row('webhook ack (Switchboard api)', summary.webhook_ack_ms));
    console.log(row('initiated → answer (Switchboard)', answerSb));
    console.log(row('webhook ack (baseline)', summary.baseline_webhook_ack_ms));
    console.log(row('initiated → answer (baseline)', answerBase));
    console.log(`ratio Switchboard/baseline: p50 ${summary.ratio_p50}x, p99 ${summary.ratio_p99}x`);
  }
  console.log(JSON.stringify(summary));
  return summary.lost;
}

/** The menu benchmark: Switchboard only, with the DTMF → next command figures. */
async function menuBench(endpoints: StackEndpoints, args: Args, log: (m: string) => void): Promise<number> {
  log(`placing ${args.calls} menu calls at ${args.rate}/s into Switchboard`);
  const run = await runSwitchboard(endpoints, args, MENU_BENCH);
  const summary = menuSummary(args, run);
  if (!args.json) printMenu(summary);
  console.log(JSON.stringify(summary));
  return summary.lost;
}

function menuSummary(args: Args, run: SwitchboardRun) {
  const sb = latencies(run.tls);
  const dtmf = dtmfLatencies(run.tls);
  return {
    flow: 'menu' as const,
    calls: args.calls,
    rate: args.rate,
    completed: run.completed,
    lost: run.lost,
    not_answered: args.calls - run.completed - run.lost,
    wall_s: Math.round(run.wallS * 10) / 10,
    webhook_ack_ms: summarise(sb.ack),
    initiated_to_answer_ms: summarise(sb.answer),
    dtmf_to_next_command_ms: summarise(dtmf.all),
    dtmf_to_next_command_by_action_ms: Object.fromEntries(
      Object.entries(dtmf.byAction).map(([action, v]) => [action, summarise(v)]),
    ),
    dtmf_without_next_command: dtmf.withoutNext,
    machine: machine(),
  };
}

function printMenu(summary: ReturnType<typeof menuSummary>): void {
  console.log(
    `menu calls ${summary.calls} at ${summary.rate}/s: completed ${summary.completed}, lost ${summary.lost}, not answered ${summary.not_answered}, ${summary.wall_s} s`,
  );
  console.log(header());
  console.log(row('webhook ack (Switchboard api)', summary.webhook_ack_ms));
  console.log(row('initiated → answer (Switchboard)', summary.initiated_to_answer_ms));
  console.log(row('DTMF → next command (Switchboard)', summary.dtmf_to_next_command_ms));
  for (const [action, v] of Object.entries(summary.dtmf_to_next_command_by_action_ms))
    console.log(row(`  … when it is ${action}`, v));
  if (summary.dtmf_without_next_command > 0)
    console.log(`menu choices followed by no command: ${summary.dtmf_without_next_command}`);
}

// --profile inflight: two menus back to back (120 s timeouts), so that every call is alive at once.
const INFLIGHT_FLOW: CallFlow = {
  initialStepId: 'first',
  recording: false,
  steps: [
    {
      id: 'first',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Press 1 to continue.' },
      options: { '1': 'second' },
      timeoutSeconds: 120,
      maxRetries: 0,
      fallback: 'bye',
    },
    {
      id: 'second',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Press 1 for an agent.' },
      options: { '1': 'agent' },
      timeoutSeconds: 120,
      maxRetries: 0,
      fallback: 'bye',
    },
    { id: 'agent', type: 'forward', to: '+13125550191', timeoutSeconds: 20, callerId: 'tracking_number' },
    { id: 'bye', type: 'hangup', message: { kind: 'tts', text: 'Goodbye.' } },
  ],
};

const inflightBench = (waitS: number): BenchSetup => ({
  bundle: {
    property: { name: 'Bench In-flight Property', time_zone: 'America/Chicago' },
    sources: [{ name: 'Bench In-flight' }],
    flows: [{ name: 'Bench in-flight', definition: INFLIGHT_FLOW }],
    numbers: [
      {
        number: '+13125550190',
        source: 'Bench In-flight',
        forward_to: '+13125550191',
        flow: 'Bench in-flight',
      },
    ],
  },
  call: (i) => ({
    from: callerNumber(i),
    to: '+13125550190',
    caller: [{ press: '1', after_s: waitS }, { press: '1', after_s: waitS }, { hangup_after_s: 10 }],
    agents: { '+13125550191': { answer_after_s: 0.5 } },
  }),
});

/** The worker process of a stack this benchmark started (a child of this process), if any. */
function workerPid(): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('apps/worker/src/main.js')) return Number(d);
    } catch {
      // the process ended while being read
    }
  }
  return null;
}

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
}

/**
 * Every call held in two IVR menus at once: the most calls alive at the same time, the worker's
 * resident memory before and at that moment, and so its memory per in-flight call. The stateless
 * baseline is not run: it keeps no state per call and cannot walk a menu.
 */
async function inflightProfile(endpoints: StackEndpoints, args: Args, log: (m: string) => void) {
  const pid = workerPid();
  if (pid === null)
    throw new Error('--profile inflight needs the stack the benchmark starts itself (stop npm start)');
  const placeS = args.calls / args.rate;
  // Each menu waits up to 115 s: together longer than placing every call, so all are alive at once.
  const waitS = Math.min(115, Math.ceil(placeS / 2) + 15);
  const setup = inflightBench(waitS);
  await applyBundle(endpoints, setup.bundle);
  await new Promise((r) => setTimeout(r, 3000));
  const baseMiB = rssMiB(pid);
  let peak = { alive: 0, rss: baseMiB, t_s: 0 };
  let maxRss = baseMiB;
  const t0 = Date.now();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const h = await expectOk<{ alive_legs: number }>(
        'health',
        http('GET', `${endpoints.simUrl}/sim/health`),
      );
      const rss = rssMiB(pid);
      maxRss = Math.max(maxRss, rss);
      if (h.alive_legs >= peak.alive) peak = { alive: h.alive_legs, rss, t_s: (Date.now() - t0) / 1000 };
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  log(`placing ${args.calls} calls at ${args.rate}/s, each waiting ${waitS} s in each of two menus`);
  const sessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, setup.call);
  // The last call leaves its menus 2 × waitS after it was placed: records are awaited from then.
  await new Promise((r) => setTimeout(r, 2 * waitS * 1000));
  log('calls leave the menus now; waiting for their records');
  const { completed, pending } = await waitForRecords(endpoints, sessions);
  sampling = false;
  await sampler;
  const tls = await timelines(endpoints.simUrl, sessions);
  const sb = latencies(tls);
  const summary = {
    profile: 'inflight',
    calls: args.calls,
    rate: args.rate,
    menu_wait_s: waitS,
    completed,
    lost: pending.size,
    not_answered: args.calls - completed - pending.size,
    in_flight_peak: peak.alive,
    in_flight_peak_at_s: Math.round(peak.t_s),
    worker_rss_before_mib: baseMiB,
    worker_rss_at_peak_mib: peak.rss,
    worker_rss_max_mib: maxRss,
    worker_kib_per_inflight_call: peak.alive ? Math.round(((peak.rss - baseMiB) * 1024) / peak.alive) : null,
    initiated_to_answer_ms: summarise(sb.answer),
    dtmf_to_next_command_ms: summarise(dtmfLatencies(tls).all),
    webhook_ack_ms: summarise(sb.ack),
    machine: machine(),
  };
  if (!args.json) {
    console.log(
      `${summary.calls} calls in flight (peak ${summary.in_flight_peak} legs alive): completed ${completed}, lost ${summary.lost}; worker RSS ${baseMiB} → ${peak.rss} MiB (max ${maxRss}), ${summary.worker_kib_per_inflight_call} KiB per call`,
    );
    console.log(header());
    console.log(row('initiated → answer (Switchboard)', summary.initiated_to_answer_ms));
    console.log(row('DTMF → next command (Switchboard)', summary.dtmf_to_next_command_ms));
  }
  console.log(JSON.stringify(summary));
  return summary.lost;
}

/** Placement rates the knee profile steps through, up to --rate. */
const KNEE_RATES = [1, 2, 3, 5, 8, 12, 20];
const KNEE_P99_MS = 250;

/**
 * Sustained calls/s of the IVR flow (two menus, then a forward) stepped up until the p99 from
 * `call.initiated` to `answer` passes 250 ms: each step places --calls calls at one rate and waits
 * for their records (after 5 warm-up calls). The stateless baseline then takes the same calls at
 * the same rates.
 */
async function kneeProfile(endpoints: StackEndpoints, args: Args, log: (m: string) => void) {
  await applyBundle(endpoints, MENU_BENCH.bundle);
  const rates = KNEE_RATES.filter((r) => r <= args.rate);
  // The first calls of a fresh stack pay for JIT, caches and connections: a warm-up, not counted.
  log('knee: 5 warm-up calls');
  await runSwitchboard(endpoints, { ...args, calls: 5, rate: 1 }, MENU_BENCH);
  const steps: {
    rate: number;
    completed: number;
    lost: number;
    answer_ms: Figures;
    baseline_answer_ms?: Figures;
  }[] = [];
  for (const rate of rates) {
    log(`knee: ${args.calls} menu calls at ${rate}/s`);
    const run = await runSwitchboard(endpoints, { ...args, rate }, MENU_BENCH);
    const answer = summarise(latencies(run.tls).answer);
    steps.push({ rate, completed: run.completed, lost: run.lost, answer_ms: answer });
    if (answer.p99 > KNEE_P99_MS) break;
  }
  const pk = await expectOk<{ public_key: string }>(
    'public key',
    http('GET', `${endpoints.simUrl}/sim/public-key`),
  );
  const baseline = await startBaseline({ apiBaseUrl: `${endpoints.simUrl}/v2`, publicKey: pk.public_key });
  try {
    await placeCalls(endpoints.simUrl, 5, 1, (i) => ({
      ...FORWARD_BENCH.call(i),
      webhook_url: baseline.url,
    }));
    for (const step of steps) {
      log(`knee: ${args.calls} calls at ${step.rate}/s into the stateless baseline`);
      const sessions = await placeCalls(endpoints.simUrl, args.calls, step.rate, (i) => ({
        ...FORWARD_BENCH.call(i),
        webhook_url: baseline.url,
      }));
      await new Promise((r) => setTimeout(r, 3000));
      step.baseline_answer_ms = summarise(latencies(await timelines(endpoints.simUrl, sessions)).answer);
    }
  } finally {
    baseline.stop();
  }
  const under = steps.filter((s) => s.answer_ms.p99 <= KNEE_P99_MS);
  const summary = {
    profile: 'knee',
    calls_per_step: args.calls,
    p99_limit_ms: KNEE_P99_MS,
    knee_calls_per_s: under.length ? under[under.length - 1].rate : null,
    first_rate_over_limit: steps.find((s) => s.answer_ms.p99 > KNEE_P99_MS)?.rate ?? null,
    steps,
    lost: steps.reduce((n, s) => n + s.lost, 0),
    machine: machine(),
  };
  if (!args.json) {
    console.log(`rate  completed  lost  answer p50 / p99 (ms)   baseline p50 / p99 (ms)`);
    for (const s of steps)
      console.log(
        `${String(s.rate).padStart(4)}  ${String(s.completed).padStart(9)}  ${String(s.lost).padStart(4)}  ${`${s.answer_ms.p50} / ${s.answer_ms.p99}`.padStart(21)}   ${`${s.baseline_answer_ms?.p50} / ${s.baseline_answer_ms?.p99}`.padStart(23)}`,
      );
    console.log(
      `knee: p99 answer stays within ${KNEE_P99_MS} ms up to ${summary.knee_calls_per_s ?? 'no tested rate'} calls/s`,
    );
  }
  console.log(JSON.stringify(summary));
  return summary.lost;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  let own: RunningStack | null = null;
  let s = await runningStack();
  if (s) log(`using the running stack at ${s.apiUrl}`);
  else {
    log('starting a throwaway stack (Temporal dev server, embedded PostgreSQL, api, worker, simulator)');
    own = await startStack({ ephemeral: true, log, simTimeScale: 1, childOutput: 'quiet' });
    s = { apiUrl: own.apiUrl, simUrl: own.simUrl!, apiKey: own.apiKey, adminToken: own.adminToken };
  }
  const endpoints: StackEndpoints = s;
  try {
    let lost: number;
    if (args.profile === 'inflight') lost = await inflightProfile(endpoints, args, log);
    else if (args.profile === 'knee') lost = await kneeProfile(endpoints, args, log);
    else {
      const setup = args.flow === 'menu' ? MENU_BENCH : FORWARD_BENCH;
      await applyBundle(endpoints, setup.bundle);
      lost =
        args.flow === 'menu'
          ? await menuBench(endpoints, args, log)
          : await forwardBench(endpoints, args, log);
    }
    if (lost > 0) process.exitCode = 1;
  } finally {
    await own?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
