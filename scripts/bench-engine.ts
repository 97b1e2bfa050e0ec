import { CALL_ENGINES, type CallEngine } from '@switchboard/config';
import { INBOUND_CALL_V1_WORKFLOW, INBOUND_CALL_WORKFLOW } from '@switchboard/contracts';
import { cpuMs, machine } from './bench-calls';
import { parseFlags, positiveInteger, runBench, UsageError } from './bench-args';
import { measureStack, requireOwnStacks, STEPS, type StackRun, type StepResult } from './bench-steps';
import type { HistoryFigure } from './history-counts';

/**
 * `npm run bench:engine [-- --engines v1,v2] [--calls N] [--json]`: issue 18's before and after in
 * one run on this machine. One fresh stack per call engine (the api's CALL_ENGINE), one after the
 * other, each the dev server with 1 api + 1 worker as `npm start` runs it: warm-up calls, then
 * forward calls at 5, 10 and 20 calls/s and the menu flow at 5 calls/s, --calls calls per step
 * (default 100). Printed side by side per step: answered/lost, answer p50/p99, DTMF → next command
 * (menu), CPU ms per call of Temporal, the worker, the api and PostgreSQL, each call's workflow
 * history (p50 / max per call), and the stateless baseline handler's answer p50 on the same stack
 * with Switchboard's p50 as a multiple of it (forward steps). One JSON line per engine follows.
 */

/** The workflow type each engine starts calls on: the run checks its calls ran it. */
const WORKFLOW_TYPE: Record<CallEngine, string> = {
  v1: INBOUND_CALL_V1_WORKFLOW,
  v2: INBOUND_CALL_WORKFLOW,
};

export interface EngineArgs {
  engines: CallEngine[];
  calls: number;
  json: boolean;
}

export function parseEngineArgs(argv: string[]): EngineArgs {
  const flags = parseFlags(argv, {
    values: ['engines', 'calls'],
    switches: ['json'],
    usage: '--engines v1,v2, --calls N, --json',
  });
  return {
    engines: enginesOf(flags.values.engines),
    calls: positiveInteger(flags, 'calls', 100),
    json: flags.switches.has('json'),
  };
}

/** `--engines v1,v2`: which engines, in the order their stacks run (default both, v1 first). */
function enginesOf(value: string | undefined): CallEngine[] {
  if (value === undefined) return [...CALL_ENGINES];
  const engines = value.split(',').map((v) => {
    const engine = CALL_ENGINES.find((e) => e === v.trim());
    if (!engine) throw new UsageError(`--engines takes ${CALL_ENGINES.join(' and/or ')}, got ${value}`);
    return engine;
  });
  if (new Set(engines).size !== engines.length) throw new UsageError(`--engines names one twice: ${value}`);
  return engines;
}

interface EngineRun extends StackRun {
  engine: CallEngine;
  workflow_type: string;
}

async function measure(engine: CallEngine, calls: number, log: (m: string) => void): Promise<EngineRun> {
  const workflowType = WORKFLOW_TYPE[engine];
  const run = await measureStack(
    `engine ${engine}`,
    { temporalStore: 'dev', apis: 1, workers: 1, callEngine: engine },
    { calls, workflowType, baseline: true },
    log,
  );
  return { engine, workflow_type: workflowType, ...run };
}

/** One printed row: a label, and the figure of each engine's run of the step. */
type Row = [label: string, cell: (s: StepResult) => string];

const CPU_PARTS = ['temporal', 'worker', 'api', 'postgres', 'total'];

/** The history figures the issue's targets are read in, of the ones counted (JSON: all of them). */
const HISTORY_ROWS: [HistoryFigure, string][] = [
  ['events', 'events'],
  ['workflow_tasks', 'workflow tasks'],
  ['failed_workflow_tasks', 'workflow tasks failed'],
  ['upserts', 'search-attribute upserts'],
  ['markers', 'markers'],
  ['timers', 'timers'],
  ['signals', 'signals'],
];

const pair = (a: number, b: number) => `${a} / ${b}`;

const ROWS: Row[] = [
  ['answered / lost', (s) => pair(s.completed, s.lost)],
  ['answer p50 / p99 ms', (s) => pair(s.answer_ms.p50, s.answer_ms.p99)],
  [
    'baseline answer p50 ms, ratio',
    (s) => (s.baseline_answer_ms ? `${s.baseline_answer_ms.p50}, ${s.answer_p50_ratio}×` : '-'),
  ],
  [
    'DTMF → next p50 / p99 ms',
    (s) => (s.dtmf_to_next_ms ? pair(s.dtmf_to_next_ms.p50, s.dtmf_to_next_ms.p99) : '-'),
  ],
  ...CPU_PARTS.map((part, i): Row => [
    i === 0 ? `CPU ms per call: ${part}` : `  ${part}`,
    (s) => String(cpuMs(s.cpu_s_per_call)[part] ?? '-'),
  ]),
  ...HISTORY_ROWS.map(([figure, label], i): Row => [
    i === 0 ? `history per call p50 / max: ${label}` : `  ${label}`,
    (s) => {
      const v = s.history_per_call?.per_call[figure];
      return v ? pair(v.p50, v.max) : 'n/a';
    },
  ]),
];

const LABEL_WIDTH = 40;
const COLUMN_WIDTH = 22;

/** Per step, one block: a row per figure, a column per engine. */
function print(all: EngineRun[], calls: number): void {
  const cells = (values: string[]) => values.map((v) => v.padStart(COLUMN_WIDTH)).join('');
  console.log(`machine: ${machine()}`);
  console.log(
    `stack start (fresh data, tools built): ${all.map((r) => `${r.engine} ${r.start_s} s`).join(', ')}`,
  );
  STEPS.forEach((step, i) => {
    console.log('');
    console.log(
      `${`${step.flow} at ${step.rate} calls/s (${calls} calls)`.padEnd(LABEL_WIDTH)}${cells(all.map((r) => `${r.engine} ${r.workflow_type}`))}`,
    );
    for (const [label, cell] of ROWS)
      console.log(`${label.padEnd(LABEL_WIDTH)}${cells(all.map((r) => cell(r.steps[i])))}`);
  });
}

async function main(): Promise<void> {
  const args = parseEngineArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  await requireOwnStacks('bench:engine');
  const all: EngineRun[] = [];
  for (const engine of args.engines) all.push(await measure(engine, args.calls, log));
  if (!args.json) print(all, args.calls);
  for (const r of all) {
    const steps = r.steps.map((s) => ({ ...s, cpu_ms_per_call: cpuMs(s.cpu_s_per_call) }));
    console.log(JSON.stringify({ ...r, steps, machine: machine() }));
  }
  if (all.some((r) => r.steps.some((s) => s.lost > 0))) process.exitCode = 1;
}

// Run as a script; imported (the flag tests), only the parsing is used.
if (require.main === module) runBench('bench:engine', main);
