import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { CallFlow } from '@switchboard/domain';
import { applyBundle, type StackEndpoints } from '@switchboard/scenarios';
import { freePort } from '@switchboard/devstack';
import { loadConfig, requireTemporalAddress } from '@switchboard/config';
import { historyLines } from './history-counts';
import { runningStack, startStack, type RunningEndpoints, type RunningStack } from './stack';
import {
  FORWARD_BENCH,
  MENU_BENCH,
  baselineCall,
  callerNumber,
  dtmfLatencies,
  header,
  latencies,
  machine,
  percentile,
  placeCalls,
  round1,
  row,
  runBaseline,
  runSwitchboard,
  sleep,
  startBaseline,
  summarise,
  timelines,
  waitForRecords,
  aliveLegs,
  cpuLine,
  cpuMs,
  cpuRootsOf,
  type CpuRoots,
  type BenchSetup,
  type Figures,
  type SwitchboardRun,
} from './bench-calls';

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
 * `--profile soak [--minutes 30] [--rate 0.5]` places menu calls at a steady rate for that long, and
 * as many forwarding calls into the baseline alongside, reports them per 5-minute window, samples the
 * resident memory of the worker, the api and the baseline every 20 s, and says whether the worker and
 * the api grew after the first window (warm-up). --calls does not apply: the duration sets the count.
 *
 * The stack the benchmark starts (when `npm start` is not running) is chosen with `--temporal
 * dev|postgres` (the dev server on SQLite, or temporal-server with its history in PostgreSQL),
 * `--apis N` (behind one entry point) and `--workers N`; forward and menu runs on it also print the
 * CPU milliseconds per call of Temporal, the worker(s), the api(s) and PostgreSQL (JSON: both
 * `cpu_s_per_call` and `cpu_ms_per_call`). `npm run bench:runtime` runs both Temporals and both
 * sizes side by side.
 *
 * Forward and menu runs then fetch each call's workflow history from Temporal and print, per call
 * (p50 and max), its events, workflow tasks (completed; failed or timed out), search-attribute and
 * memo upserts, markers (local activities, patches), activities, timers and signals (JSON:
 * `history_per_call`): issue 18's targets are set in these.
 */
type FlowName = 'forward' | 'menu';

interface Args {
  calls: number;
  rate: number;
  json: boolean;
  flow: FlowName;
  /** `inflight`: every call held in IVR menus at once, with the worker's memory per call. */
  profile: 'default' | 'inflight' | 'knee' | 'soak';
  /** `soak` only: how long calls are placed. */
  minutes: number;
  /** The stack the benchmark starts: where Temporal keeps history, and how many processes. */
  temporal: 'dev' | 'postgres';
  apis: number;
  workers: number;
  /** Whether --temporal, --apis or --workers was given (they need a stack of the benchmark's own). */
  stackChosen: boolean;
}

/**
 * The soak's default rate: half the knee measured on the shared two-core machine (about 1 call/s,
 * BENCHMARKS.md), so that the run measures memory under a load the stack sustains, not a backlog.
 */
const SOAK_DEFAULT_RATE = 0.5;

function parseArgs(argv: string[]): Args {
  const a: Args = {
    calls: 100,
    rate: 10,
    json: false,
    flow: 'forward',
    profile: 'default',
    minutes: 30,
    temporal: 'dev',
    apis: 1,
    workers: 1,
    stackChosen: false,
  };
  let rateGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--calls') a.calls = Number(argv[++i]);
    else if (k === '--rate') {
      a.rate = Number(argv[++i]);
      rateGiven = true;
    } else if (k === '--minutes') a.minutes = Number(argv[++i]);
    else if (k === '--flow') a.flow = parseFlow(argv[++i]);
    else if (k === '--temporal') {
      const v = argv[++i];
      if (v !== 'dev' && v !== 'postgres') throw new Error(`--temporal must be dev or postgres, not ${v}`);
      a.temporal = v;
      a.stackChosen = true;
    } else if (k === '--apis' || k === '--workers') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 16)
        throw new Error(`${k} must be a whole number from 1 to 16`);
      a[k === '--apis' ? 'apis' : 'workers'] = n;
      a.stackChosen = true;
    } else if (k === '--profile') {
      const v = argv[++i];
      if (v !== 'inflight' && v !== 'knee' && v !== 'soak' && v !== 'default')
        throw new Error(`--profile must be inflight, knee or soak, not ${v}`);
      a.profile = v;
    } else throw new Error(`unknown argument ${k}`);
  }
  if (a.profile === 'soak' && !rateGiven) a.rate = SOAK_DEFAULT_RATE;
  if (!(a.calls > 0 && a.rate > 0 && a.minutes > 0))
    throw new Error('--calls, --rate and --minutes must be positive numbers');
  return a;
}

function parseFlow(v: string | undefined): FlowName {
  if (v === 'forward' || v === 'menu') return v;
  throw new Error(`--flow must be forward or menu, not ${v}`);
}

/** The forwarding benchmark: Switchboard, then the stateless baseline with the same calls, and their ratio. */
async function forwardBench(
  endpoints: StackEndpoints,
  args: Args,
  log: (m: string) => void,
  cpuRoots?: CpuRoots,
  temporalAddress?: string,
): Promise<number> {
  log(`placing ${args.calls} calls at ${args.rate}/s into Switchboard`);
  const run = await runSwitchboard(endpoints, args, FORWARD_BENCH, cpuRoots, temporalAddress);
  const sb = latencies(run.tls);

  log(`placing ${args.calls} calls at ${args.rate}/s into the stateless baseline handler`);
  const baseline = await startBaseline(endpoints);
  const base = await runBaseline(endpoints.simUrl, baseline.url, args);
  baseline.stop();

  const answerSb = summarise(sb.answer);
  const answerBase = summarise(base.answer);
  const summary = {
    calls: args.calls,
    rate: args.rate,
    completed: run.completed,
    lost: run.lost,
    not_answered: args.calls - run.completed - run.lost,
    wall_s: round1(run.wallS),
    webhook_ack_ms: summarise(sb.ack),
    initiated_to_answer_ms: answerSb,
    baseline_initiated_to_answer_ms: answerBase,
    baseline_webhook_ack_ms: summarise(base.ack),
    ratio_p50: round1(answerSb.p50 / answerBase.p50),
    ratio_p99: round1(answerSb.p99 / answerBase.p99),
    cpu_s_per_call: run.cpu,
    cpu_ms_per_call: run.cpu && cpuMs(run.cpu),
    history_per_call: run.history,
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
    if (run.cpu) console.log(cpuLine(run.cpu));
    if (run.history) for (const line of historyLines(run.history)) console.log(line);
  }
  console.log(JSON.stringify(summary));
  return summary.lost;
}

/** The menu benchmark: Switchboard only, with the DTMF → next command figures. */
async function menuBench(
  endpoints: StackEndpoints,
  args: Args,
  log: (m: string) => void,
  cpuRoots?: CpuRoots,
  temporalAddress?: string,
): Promise<number> {
  log(`placing ${args.calls} menu calls at ${args.rate}/s into Switchboard`);
  const run = await runSwitchboard(endpoints, args, MENU_BENCH, cpuRoots, temporalAddress);
  const summary = menuSummary(args, run);
  if (!args.json) {
    printMenu(summary);
    if (run.cpu) console.log(cpuLine(run.cpu));
    if (run.history) for (const line of historyLines(run.history)) console.log(line);
  }
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
    wall_s: round1(run.wallS),
    webhook_ack_ms: summarise(sb.ack),
    initiated_to_answer_ms: summarise(sb.answer),
    dtmf_to_next_command_ms: summarise(dtmf.all),
    dtmf_to_next_command_by_action_ms: Object.fromEntries(
      Object.entries(dtmf.byAction).map(([action, v]) => [action, summarise(v)]),
    ),
    dtmf_without_next_command: dtmf.withoutNext,
    cpu_s_per_call: run.cpu,
    cpu_ms_per_call: run.cpu && cpuMs(run.cpu),
    history_per_call: run.history,
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
const INFLIGHT_FLOW = {
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
} satisfies CallFlow;

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

// How the stack's processes are told apart (scripts/stack.ts starts them from dist/).
const WORKER_MAIN = 'apps/worker/src/main.js';
const API_MAIN = 'apps/api/src/main.js';

/** The process running `main` of a stack this benchmark started (a child of this process), if any. */
function childPid(main: string): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(main)) return Number(d);
    } catch {
      // the process ended while being read
    }
  }
  return null;
}

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? round1(Number(m[1]) / 1024) : NaN;
}

/**
 * Runs `tick` now and then every `ms` until stopped. stop() ends the wait at once and resolves after
 * the last tick, or rejects with the error that ended the loop.
 */
function every(ms: number, tick: () => Promise<void>): { stop(): Promise<void> } {
  let stopped = false;
  let wake = () => {};
  const loop = (async () => {
    while (!stopped) {
      await tick();
      await new Promise<void>((r) => {
        const timer = setTimeout(r, ms);
        wake = () => (clearTimeout(timer), r());
      });
    }
  })();
  // A failed tick ends the loop; its error is reported by stop(), not as an unhandled rejection that
  // would end the process before the stack is stopped.
  loop.catch(() => undefined);
  return {
    stop: () => {
      stopped = true;
      wake();
      return loop;
    },
  };
}

/**
 * Every call held in two IVR menus at once: the most calls alive at the same time, the worker's
 * resident memory before and at that moment, and so its memory per in-flight call. The stateless
 * baseline is not run: it keeps no state per call and cannot walk a menu.
 */
async function inflightProfile(endpoints: StackEndpoints, args: Args, log: (m: string) => void) {
  const pid = childPid(WORKER_MAIN);
  if (pid === null)
    throw new Error('--profile inflight needs the stack the benchmark starts itself (stop npm start)');
  const placeS = args.calls / args.rate;
  // Each menu waits up to 115 s: together longer than placing every call, so all are alive at once.
  const waitS = Math.min(115, Math.ceil(placeS / 2) + 15);
  const setup = inflightBench(waitS);
  await applyBundle(endpoints, setup.bundle);
  await sleep(3000);
  const baseMiB = rssMiB(pid);
  let peak = { alive: 0, rss: baseMiB, t_s: 0 };
  let maxRss = baseMiB;
  const t0 = Date.now();
  const sampler = every(1000, async () => {
    const alive = await aliveLegs(endpoints.simUrl);
    const rss = rssMiB(pid);
    maxRss = Math.max(maxRss, rss);
    if (alive >= peak.alive) peak = { alive, rss, t_s: (Date.now() - t0) / 1000 };
  });
  log(`placing ${args.calls} calls at ${args.rate}/s, each waiting ${waitS} s in each of two menus`);
  const sessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, setup.call);
  // The last call leaves its menus 2 × waitS after it was placed: records are awaited from then.
  await sleep(2 * waitS * 1000);
  log('calls leave the menus now; waiting for their records');
  const { completed, pending } = await waitForRecords(endpoints, sessions);
  await sampler.stop();
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
  const baseline = await startBaseline(endpoints);
  try {
    await placeCalls(endpoints.simUrl, 5, 1, baselineCall(baseline.url));
    for (const step of steps) {
      log(`knee: ${args.calls} calls at ${step.rate}/s into the stateless baseline`);
      const base = await runBaseline(endpoints.simUrl, baseline.url, { calls: args.calls, rate: step.rate });
      step.baseline_answer_ms = summarise(base.answer);
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

// --profile soak: windows of this length (a run shorter than three of them gets three windows, so
// that a shake-out still has a warm-up and two windows to compare); the first one is warm-up.
const SOAK_WINDOW_S = 300;
const SOAK_SAMPLE_S = 20;
/** A window's records are first read this long after its last call: a menu call lasts about 20 s. */
const SOAK_SETTLE_S = 30;
/**
 * "No growth" is a least-squares slope, after warm-up, of the worker's and the api's V8 heap floor
 * (the least heap in use in each window) below 5 % of that heap per hour. Why the heap floor: state
 * kept per call lives there, and between collections the heap in use swings by tens of MiB, while
 * the floor does not; RSS (reported too) keeps pages allocators took once, and crept by 9–13 %/h in
 * the first 30-minute run for the worker and the stateless baseline alike (BENCHMARKS.md). Why 5 %:
 * a real leak passes it: at 0.5 calls/s, 5 % of a 100 MiB heap per hour is under 3 KiB per call,
 * while keeping a finished call's workflow (about 270 KiB, `--profile inflight`) is a hundred times that.
 */
const SOAK_GROWTH_LIMIT_PCT_PER_H = 5;

/** The soak's schedule: windows back to back, each with the same number of calls. */
interface SoakPlan {
  rate: number;
  windowS: number;
  windows: number;
  callsPerWindow: number;
  t0: number;
}

function soakPlan(args: Args): SoakPlan {
  const durationS = args.minutes * 60;
  const windowS = durationS >= 3 * SOAK_WINDOW_S ? SOAK_WINDOW_S : durationS / 3;
  return {
    rate: args.rate,
    windowS,
    windows: Math.max(3, Math.round(durationS / windowS)),
    callsPerWindow: Math.max(1, Math.round(windowS * args.rate)),
    t0: Date.now(),
  };
}

/** Processes whose memory the soak follows; `bench` is this process, with the simulator in it. */
const SOAK_PROCESSES = ['worker', 'api', 'baseline', 'bench'] as const;
type SoakProcess = (typeof SOAK_PROCESSES)[number];

interface SoakSample {
  t_s: number;
  alive_legs: number;
  rss_mib: Record<SoakProcess, number>;
  /** V8 heap in use (the processes' own /metrics): what state kept per call would raise. */
  heap_mib: Record<HeapProcess, number>;
}

/** The processes whose V8 heap the soak reads from their Prometheus metrics. */
const HEAP_PROCESSES = ['worker', 'api'] as const;
type HeapProcess = (typeof HEAP_PROCESSES)[number];

/** `nodejs_heap_size_used_bytes` (prom-client's default metrics) from a /metrics page, in MiB. */
async function heapUsedMiB(metricsUrl: string): Promise<number> {
  // A missed scrape is a gap in the samples, not the end of a long run.
  const text = await fetch(metricsUrl)
    .then((r) => r.text())
    .catch(() => '');
  const m = /^nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)$/m.exec(text);
  return m ? round1(Number(m[1]) / 2 ** 20) : NaN;
}

/** Places window `w`'s calls on the run's schedule: Switchboard's and the baseline's interleaved. */
async function placeSoakWindow(sim: string, plan: SoakPlan, w: number, baselineUrl: string) {
  const startAt = plan.t0 + w * plan.windowS * 1000;
  // Caller numbers carry on from the previous window, so the stack keeps seeing new callers.
  const first = w * plan.callsPerWindow;
  const [sb, base] = await Promise.all([
    placeCalls(sim, plan.callsPerWindow, plan.rate, (i) => MENU_BENCH.call(first + i), startAt),
    placeCalls(
      sim,
      plan.callsPerWindow,
      plan.rate,
      (i) => baselineCall(baselineUrl)(first + i),
      startAt + 500 / plan.rate,
    ),
  ]);
  return { sb, base, lastPlacedAt: Date.now() };
}

/**
 * One window's outcome, read once its calls have had time to end: records (a call is lost without
 * one 120 s after the window's last call, as in the other modes), then both sides' timelines. Only
 * these figures are kept, not the timelines, so the benchmark holds no more per window than this.
 */
async function collectSoakWindow(
  endpoints: StackEndpoints,
  w: number,
  plan: SoakPlan,
  placed: Awaited<ReturnType<typeof placeSoakWindow>>,
) {
  await sleep(placed.lastPlacedAt + SOAK_SETTLE_S * 1000 - Date.now());
  const { completed, pending } = await waitForRecords(endpoints, placed.sb, placed.lastPlacedAt + 120_000);
  const tls = await timelines(endpoints.simUrl, placed.sb);
  const baseAnswer = latencies(await timelines(endpoints.simUrl, placed.base)).answer;
  return {
    from_min: round1((w * plan.windowS) / 60),
    to_min: round1(((w + 1) * plan.windowS) / 60),
    calls: placed.sb.length,
    completed,
    not_answered: placed.sb.length - completed - pending.size,
    lost: pending.size,
    answer_ms: summarise(latencies(tls).answer),
    dtmf_to_next_command_ms: summarise(dtmfLatencies(tls).all),
    baseline_calls: placed.base.length,
    baseline_answered: baseAnswer.length,
    baseline_answer_ms: summarise(baseAnswer),
  };
}

type SoakWindow = Awaited<ReturnType<typeof collectSoakWindow>>;

const median = (values: number[]) =>
  percentile(
    [...values].sort((x, y) => x - y),
    50,
  );

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

/**
 * One process's memory over the run: median RSS of the first window after warm-up and of the last
 * window, the slope over every sample after warm-up (also per hour as a share of its median, and per
 * call placed into Switchboard), and RSS at the end, once every call has ended.
 */
function memoryTrend(samples: SoakSample[], proc: SoakProcess, plan: SoakPlan) {
  const endS = plan.windows * plan.windowS;
  const after = samplesIn(samples, plan.windowS, endS);
  const mibPerH = slope(
    after.map((s) => s.t_s / 3600),
    after.map((s) => s.rss_mib[proc]),
  );
  return {
    first_window_after_warmup_median_mib: medianRss(samplesIn(samples, plan.windowS, 2 * plan.windowS), proc),
    last_window_median_mib: medianRss(samplesIn(samples, endS - plan.windowS, endS), proc),
    slope_mib_per_h: round1(mibPerH),
    at_end_mib: samples[samples.length - 1].rss_mib[proc],
    slope_pct_per_h: round1((100 * mibPerH) / medianRss(after, proc)),
    kib_per_call: round1((mibPerH * 1024) / (plan.rate * 3600)),
  };
}

/**
 * One process's V8 heap over the run, by its floor: the least heap in use in each window (after
 * the collections of those five minutes), whose slope after warm-up is what state kept per call
 * would raise. RSS cannot tell that apart: it keeps pages the allocators and the Temporal core took
 * once (the stateless baseline's RSS creeps too).
 */
function heapTrend(samples: SoakSample[], proc: HeapProcess, plan: SoakPlan) {
  const floors = Array.from({ length: plan.windows }, (_, i) => {
    const heap = samplesIn(samples, i * plan.windowS, (i + 1) * plan.windowS)
      .map((s) => s.heap_mib[proc])
      .filter((v) => !Number.isNaN(v));
    return Math.min(...heap);
  });
  const after = floors.slice(1);
  const mibPerH = slope(
    after.map((_, i) => ((i + 1.5) * plan.windowS) / 3600),
    after,
  );
  return {
    window_floors_mib: floors,
    slope_mib_per_h: round1(mibPerH),
    slope_pct_per_h: round1((100 * mibPerH) / median(after)),
    kib_per_call: round1((mibPerH * 1024) / (plan.rate * 3600)),
  };
}

/** The samples taken from fromS to toS seconds into the run. */
const samplesIn = (samples: SoakSample[], fromS: number, toS: number) =>
  samples.filter((s) => s.t_s >= fromS && s.t_s <= toS);

const medianRss = (samples: SoakSample[], proc: SoakProcess) => median(samples.map((s) => s.rss_mib[proc]));

/**
 * A steady rate of IVR calls (two menus, then a forward) for --minutes, with the same rate of
 * forwarding calls into the stateless baseline in the same run. Reports calls and answer latency per
 * window, and whether the worker's and the api's resident memory grew after the first window.
 */
async function soakProfile(
  endpoints: StackEndpoints,
  args: Args,
  log: (m: string) => void,
  workerMetricsUrl: string,
) {
  const worker = childPid(WORKER_MAIN);
  const api = childPid(API_MAIN);
  if (worker === null || api === null)
    throw new Error('--profile soak needs the stack the benchmark starts itself (stop npm start)');
  await applyBundle(endpoints, MENU_BENCH.bundle);
  const baseline = await startBaseline(endpoints);
  const loadStart = os.loadavg();
  try {
    const pids: Record<SoakProcess, number> = { worker, api, baseline: baseline.pid, bench: process.pid };
    const plan = soakPlan(args);
    const samples: SoakSample[] = [];
    const takeSample = async () => {
      const alive_legs = await aliveLegs(endpoints.simUrl);
      const rss_mib = Object.fromEntries(SOAK_PROCESSES.map((p) => [p, rssMiB(pids[p])]));
      const heap_mib = {
        worker: await heapUsedMiB(workerMetricsUrl),
        api: await heapUsedMiB(`${endpoints.apiUrl}/metrics`),
      };
      samples.push({ t_s: (Date.now() - plan.t0) / 1000, alive_legs, rss_mib, heap_mib } as SoakSample);
    };
    const sampler = every(SOAK_SAMPLE_S * 1000, takeSample);
    let windows: SoakWindow[];
    try {
      windows = await runSoakWindows(endpoints, plan, baseline.url, log);
    } finally {
      await sampler.stop();
    }
    // Every window has been read, so every call has ended: what each process holds once idle again.
    await takeSample();
    const summary = soakSummary(plan, windows, samples, loadStart);
    if (!args.json) printSoak(summary);
    console.log(JSON.stringify(summary));
    return summary.lost;
  } finally {
    baseline.stop();
  }
}

/** Places every window's calls back to back; each window is read while the next one is placed. */
async function runSoakWindows(
  endpoints: StackEndpoints,
  plan: SoakPlan,
  baselineUrl: string,
  log: (m: string) => void,
): Promise<SoakWindow[]> {
  const collecting: Promise<SoakWindow>[] = [];
  for (let w = 0; w < plan.windows; w++) {
    log(
      `soak window ${w + 1}/${plan.windows}${w === 0 ? ' (warm-up)' : ''}: ${plan.callsPerWindow} menu calls and ${plan.callsPerWindow} baseline calls at ${plan.rate}/s each`,
    );
    const placed = await placeSoakWindow(endpoints.simUrl, plan, w, baselineUrl);
    const collected = collectSoakWindow(endpoints, w, plan, placed);
    // Awaited below with the rest; a failure must not count as unhandled before then.
    collected.catch(() => undefined);
    collecting.push(collected);
  }
  log('all calls placed; reading the last windows');
  return Promise.all(collecting);
}

/** Median RSS of each process over window i. */
function windowRss(samples: SoakSample[], plan: SoakPlan, i: number) {
  const inWindow = samplesIn(samples, i * plan.windowS, (i + 1) * plan.windowS);
  return Object.fromEntries(SOAK_PROCESSES.map((p) => [p, medianRss(inWindow, p)])) as Record<
    SoakProcess,
    number
  >;
}

function soakSummary(plan: SoakPlan, windows: SoakWindow[], samples: SoakSample[], loadStart: number[]) {
  const sum = (f: (w: SoakWindow) => number) => windows.reduce((n, w) => n + f(w), 0);
  const memory = Object.fromEntries(SOAK_PROCESSES.map((p) => [p, memoryTrend(samples, p, plan)])) as Record<
    SoakProcess,
    ReturnType<typeof memoryTrend>
  >;
  const heap = Object.fromEntries(HEAP_PROCESSES.map((p) => [p, heapTrend(samples, p, plan)])) as Record<
    HeapProcess,
    ReturnType<typeof heapTrend>
  >;
  const grew = HEAP_PROCESSES.filter((p) => heap[p].slope_pct_per_h >= SOAK_GROWTH_LIMIT_PCT_PER_H);
  const load = (l: number[]) => l.map(round1);
  return {
    profile: 'soak',
    minutes: round1((plan.windows * plan.windowS) / 60),
    rate: plan.rate,
    window_min: round1(plan.windowS / 60),
    warmup_min: round1(plan.windowS / 60),
    sample_s: SOAK_SAMPLE_S,
    calls: sum((w) => w.calls),
    completed: sum((w) => w.completed),
    not_answered: sum((w) => w.not_answered),
    lost: sum((w) => w.lost),
    baseline_calls: sum((w) => w.baseline_calls),
    baseline_answered: sum((w) => w.baseline_answered),
    windows: windows.map((w, i) => ({ ...w, rss_median_mib: windowRss(samples, plan, i) })),
    alive_legs_max: Math.max(...samples.map((s) => s.alive_legs)),
    memory,
    heap,
    growth_limit_pct_per_h: SOAK_GROWTH_LIMIT_PCT_PER_H,
    verdict: grew.length ? `growth: ${grew.join(', ')}` : 'no growth',
    load_avg_start: load(loadStart),
    load_avg_end: load(os.loadavg()),
    machine: machine(),
  };
}

function printSoak(summary: ReturnType<typeof soakSummary>): void {
  console.log(
    `window (min)  calls  completed  not ans.  lost  answer p50 / p99 ms  baseline ans. p50 / p99 ms  RSS MiB worker / api / baseline`,
  );
  for (const w of summary.windows)
    console.log(
      `${`${w.from_min}–${w.to_min}`.padEnd(12)}  ${String(w.calls).padStart(5)}  ${String(w.completed).padStart(9)}  ${String(w.not_answered).padStart(8)}  ${String(w.lost).padStart(4)}  ${`${w.answer_ms.p50} / ${w.answer_ms.p99}`.padStart(19)}  ${`${w.baseline_answer_ms.p50} / ${w.baseline_answer_ms.p99}`.padStart(26)}  ${`${w.rss_median_mib.worker} / ${w.rss_median_mib.api} / ${w.rss_median_mib.baseline}`.padStart(32)}`,
    );
  console.log(
    `memory after the ${summary.warmup_min}-minute warm-up (the first window; samples every ${SOAK_SAMPLE_S} s):`,
  );
  console.log(`process     first window  last window  at the end  slope MiB/h  % per h  KiB per call`);
  for (const p of SOAK_PROCESSES) {
    const m = summary.memory[p];
    console.log(
      `${p.padEnd(10)}  ${String(m.first_window_after_warmup_median_mib).padStart(12)}  ${String(m.last_window_median_mib).padStart(11)}  ${String(m.at_end_mib).padStart(10)}  ${String(m.slope_mib_per_h).padStart(11)}  ${String(m.slope_pct_per_h).padStart(7)}  ${String(m.kib_per_call).padStart(12)}`,
    );
  }
  console.log(`V8 heap in use, least per window (MiB), and its slope after the warm-up:`);
  for (const p of HEAP_PROCESSES) {
    const h = summary.heap[p];
    console.log(
      `${p.padEnd(10)}  ${h.window_floors_mib.join(' / ')}   ${h.slope_mib_per_h} MiB/h, ${h.slope_pct_per_h} % per h, ${h.kib_per_call} KiB per call`,
    );
  }
  console.log(
    `verdict: ${summary.verdict} (worker and api heap-floor slope limit ${SOAK_GROWTH_LIMIT_PCT_PER_H} % per hour); lost ${summary.lost} of ${summary.calls}`,
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  let own: RunningStack | null = null;
  // The soak reads the worker's heap from its /metrics, which a throwaway stack otherwise leaves off.
  const workerMetricsPort = await freePort();
  let s = await runningStack();
  if (s && args.stackChosen)
    throw new Error('--temporal, --apis and --workers choose the stack the benchmark starts: stop npm start');
  if (s) log(`using the running stack at ${s.apiUrl}`);
  else {
    log(
      `starting a throwaway stack (${args.temporal === 'dev' ? 'Temporal dev server' : 'temporal-server on PostgreSQL'}, embedded PostgreSQL, ${args.apis} api, ${args.workers} worker, simulator)`,
    );
    own = await startStack({
      ephemeral: true,
      log,
      simTimeScale: 1,
      childOutput: 'quiet',
      workerMetricsPort: args.profile === 'soak' ? workerMetricsPort : undefined,
      temporalStore: args.temporal,
      apis: args.apis,
      workers: args.workers,
    });
    s = {
      apiUrl: own.apiUrl,
      simUrl: own.simUrl!,
      apiKey: own.apiKey,
      adminToken: own.adminToken,
      temporalAddress: own.temporalAddress,
    };
  }
  const endpoints: RunningEndpoints = s;
  try {
    let lost: number;
    if (args.profile === 'inflight') lost = await inflightProfile(endpoints, args, log);
    else if (args.profile === 'knee') lost = await kneeProfile(endpoints, args, log);
    else if (args.profile === 'soak')
      lost = await soakProfile(endpoints, args, log, `http://127.0.0.1:${workerMetricsPort}/metrics`);
    else {
      const setup = args.flow === 'menu' ? MENU_BENCH : FORWARD_BENCH;
      await applyBundle(endpoints, setup.bundle);
      // CPU per call is read off the processes this benchmark started; npm start's are not its children.
      const cpu = own ? cpuRootsOf(own.processes) : undefined;
      // The histories come from the stack's Temporal: its own, npm start's (stack.json), else the
      // configured one.
      const temporal = endpoints.temporalAddress ?? requireTemporalAddress(loadConfig());
      lost =
        args.flow === 'menu'
          ? await menuBench(endpoints, args, log, cpu, temporal)
          : await forwardBench(endpoints, args, log, cpu, temporal);
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
