import { machine } from './bench-calls';
import { parseFlags, positiveInteger, runBench } from './bench-args';
import { measureStack, requireOwnStacks } from './bench-steps';

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

const nameOf = (r: Runtime) => `${r.temporal} ${r.apis}×api ${r.workers}×worker`;

function parseArgs(argv: string[]): { calls: number; json: boolean } {
  const flags = parseFlags(argv, { values: ['calls'], switches: ['json'], usage: '--calls N, --json' });
  return { calls: positiveInteger(flags, 'calls', 100), json: flags.switches.has('json') };
}

/** A runtime's stack and its steps, as one JSON line (each step named after its runtime too). */
async function measure(r: Runtime, calls: number, log: (m: string) => void) {
  const choice = { temporalStore: r.temporal, apis: r.apis, workers: r.workers };
  const run = await measureStack(nameOf(r), choice, { calls }, log);
  return {
    runtime: nameOf(r),
    start_s: run.start_s,
    steps: run.steps.map((s) => ({ runtime: nameOf(r), ...s })),
  };
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
  await requireOwnStacks('bench:runtime');
  const all = [];
  for (const r of RUNTIMES) all.push(await measure(r, args.calls, log));
  if (!args.json) print(all);
  for (const r of all) console.log(JSON.stringify({ ...r, machine: machine() }));
  if (all.some((r) => r.steps.some((s) => s.lost > 0))) process.exitCode = 1;
}

runBench('bench:runtime', main);
