import { applyBundle, type StackEndpoints } from '@switchboard/scenarios';
import {
  FORWARD_BENCH,
  MENU_BENCH,
  cpuLine,
  cpuRootsOf,
  dtmfLatencies,
  latencies,
  machine,
  runSwitchboard,
  summarise,
  type Figures,
} from './bench-calls';
import { runningStack, startStack } from './stack';

/**
 * `npm run bench:runtime [-- --calls N] [--json]`: the same calls on each runtime, one after the
 * other in one run on this machine: the Temporal dev server (SQLite) and temporal-server with its
 * history in PostgreSQL, each with 1 api + 1 worker and with 2 api (behind the entry point) + 2
 * workers. On each: forward calls at 5, 10 and 20 calls/s and the menu flow at 5 calls/s, --calls
 * calls per step (default 100), with answer p50/p99, DTMF → next command, lost, and CPU seconds per
 * call of Temporal, the worker(s), the api(s) and PostgreSQL. The embedded PostgreSQL flushes
 * commits to disk as `npm start`'s does; the dev server is the baseline the others are read against.
 */

interface Runtime {
  temporal: 'dev' | 'postgres';
  apis: number;
  workers: number;
}

const RUNTIMES: Runtime[] = [
  { temporal: 'dev', apis: 1, workers: 1 },
  { temporal: 'postgres', apis: 1, workers: 1 },
  { temporal: 'dev', apis: 2, workers: 2 },
  { temporal: 'postgres', apis: 2, workers: 2 },
];

const STEPS = [
  { flow: 'forward', rate: 5 },
  { flow: 'forward', rate: 10 },
  { flow: 'forward', rate: 20 },
  { flow: 'menu', rate: 5 },
] as const;

/** Calls each fresh stack takes first, not counted: JIT, caches and connection pools warm up. */
const WARM_UP_CALLS = 10;

interface StepResult {
  runtime: string;
  flow: 'forward' | 'menu';
  rate: number;
  calls: number;
  completed: number;
  lost: number;
  answer_ms: Figures;
  dtmf_to_next_ms: Figures | null;
  cpu_s_per_call: Record<string, number>;
}

const nameOf = (r: Runtime) => `${r.temporal} ${r.apis}×api ${r.workers}×worker`;

function parseArgs(argv: string[]): { calls: number; json: boolean } {
  const a = { calls: 100, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') a.json = true;
    else if (argv[i] === '--calls') a.calls = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}: bench:runtime takes --calls N and --json`);
  }
  if (!(Number.isInteger(a.calls) && a.calls > 0)) throw new Error('--calls must be a positive whole number');
  return a;
}

async function measure(r: Runtime, calls: number, log: (m: string) => void) {
  const t0 = Date.now();
  const stack = await startStack({
    ephemeral: true,
    log,
    simTimeScale: 1,
    childOutput: 'quiet',
    temporalStore: r.temporal,
    apis: r.apis,
    workers: r.workers,
    durablePostgres: true,
  });
  const startS = (Date.now() - t0) / 1000;
  const results: StepResult[] = [];
  try {
    const endpoints: StackEndpoints = {
      apiUrl: stack.apiUrl,
      simUrl: stack.simUrl!,
      apiKey: stack.apiKey,
      adminToken: stack.adminToken,
    };
    await applyBundle(endpoints, FORWARD_BENCH.bundle);
    await applyBundle(endpoints, MENU_BENCH.bundle);
    log(`${nameOf(r)}: up in ${startS.toFixed(1)} s; ${WARM_UP_CALLS} warm-up calls`);
    await runSwitchboard(endpoints, { calls: WARM_UP_CALLS, rate: 5 }, FORWARD_BENCH);
    for (const step of STEPS) {
      log(`${nameOf(r)}: ${calls} ${step.flow} calls at ${step.rate}/s`);
      const setup = step.flow === 'menu' ? MENU_BENCH : FORWARD_BENCH;
      const run = await runSwitchboard(
        endpoints,
        { calls, rate: step.rate },
        setup,
        cpuRootsOf(stack.processes),
      );
      results.push({
        runtime: nameOf(r),
        flow: step.flow,
        rate: step.rate,
        calls,
        completed: run.completed,
        lost: run.lost,
        answer_ms: summarise(latencies(run.tls).answer),
        dtmf_to_next_ms: step.flow === 'menu' ? summarise(dtmfLatencies(run.tls).all) : null,
        cpu_s_per_call: run.cpu!,
      });
      log(`  ${cpuLine(run.cpu!)}`);
    }
  } finally {
    await stack.stop();
  }
  return { runtime: nameOf(r), start_s: Math.round(startS * 10) / 10, steps: results };
}

function print(all: Awaited<ReturnType<typeof measure>>[]): void {
  const cols = ['temporal', 'worker', 'api', 'postgres', 'total'];
  console.log(`machine: ${machine()}`);
  console.log(
    `${'runtime'.padEnd(30)} ${'flow'.padEnd(8)} ${'rate'.padStart(4)} ${'done'.padStart(5)} ${'lost'.padStart(4)}  ${'answer p50/p99 ms'.padStart(18)}  ${'DTMF→next p50/p99'.padStart(18)}  CPU s/call ${cols.join(' / ')}`,
  );
  for (const r of all) {
    for (const s of r.steps) {
      const dtmf = s.dtmf_to_next_ms ? `${s.dtmf_to_next_ms.p50} / ${s.dtmf_to_next_ms.p99}` : '';
      console.log(
        `${s.runtime.padEnd(30)} ${s.flow.padEnd(8)} ${String(s.rate).padStart(4)} ${String(s.completed).padStart(5)} ${String(s.lost).padStart(4)}  ${`${s.answer_ms.p50} / ${s.answer_ms.p99}`.padStart(18)}  ${dtmf.padStart(18)}  ${cols.map((c) => s.cpu_s_per_call[c] ?? '-').join(' / ')}`,
      );
    }
    console.log(`${r.runtime.padEnd(30)} stack start (fresh data, tools built): ${r.start_s} s`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  if (await runningStack()) throw new Error('bench:runtime starts stacks of its own: stop npm start first');
  for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL'])
    if (process.env[name]) throw new Error(`bench:runtime compares the local runtimes: unset ${name}`);
  const all = [];
  for (const r of RUNTIMES) all.push(await measure(r, args.calls, log));
  if (!args.json) print(all);
  for (const r of all) console.log(JSON.stringify({ ...r, machine: machine() }));
  if (all.some((r) => r.steps.some((s) => s.lost > 0))) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
