import { applyBundle, type StackEndpoints } from '@switchboard/scenarios';
import {
  FORWARD_BENCH,
  MENU_BENCH,
  cpuLine,
  cpuRootsOf,
  dtmfLatencies,
  latencies,
  placeCalls,
  baselineCall,
  round1,
  runBaseline,
  runSwitchboard,
  startBaseline,
  summarise,
  type Figures,
} from './bench-calls';
import type { HistoryPerCall } from './history-counts';
import { runningStack, startStack, type StackOptions } from './stack';

/**
 * What the side-by-side benchmarks (`bench:runtime`, `bench:engine`) do on each stack they compare:
 * start it fresh, warm it up, then the same steps of calls, with CPU per call read off its processes.
 */

/** Forward calls at three rates, then the menu flow: the issue 17 and 18 targets are set in these. */
export const STEPS = [
  { flow: 'forward', rate: 5 },
  { flow: 'forward', rate: 10 },
  { flow: 'forward', rate: 20 },
  { flow: 'menu', rate: 5 },
] as const;

/** Calls each fresh stack takes first, not counted: JIT, caches and connection pools warm up. */
const WARM_UP_CALLS = 10;

/** The baseline handler's first calls, not counted: a fresh process too. */
const BASELINE_WARM_UP_CALLS = 5;

/** How the stacks compared differ; the rest is the same for all (throwaway, quiet, durable PostgreSQL). */
export type StackChoice = Pick<StackOptions, 'temporalStore' | 'apis' | 'workers' | 'callEngine'>;

export interface StepOptions {
  /** Calls per step. */
  calls: number;
  /**
   * Fetch and count each call's workflow history after each step (`history_per_call`), and stop
   * after the warm-up unless every warm-up call ran this workflow type: a comparison of engines
   * must measure the engine it names.
   */
  workflowType?: string;
  /** Send each forward step's calls to the stateless baseline handler too (`baseline_answer_ms`). */
  baseline?: boolean;
}

export interface StepResult {
  flow: 'forward' | 'menu';
  rate: number;
  calls: number;
  completed: number;
  lost: number;
  answer_ms: Figures;
  dtmf_to_next_ms: Figures | null;
  cpu_s_per_call: Record<string, number>;
  /** With `workflowType`: the step's histories counted (null when Temporal would not give them). */
  history_per_call?: HistoryPerCall | null;
  /** With `baseline`, forward steps: the same calls into the stateless handler, and p50 Switchboard ÷ it. */
  baseline_answer_ms?: Figures;
  answer_p50_ratio?: number;
}

export interface StackRun {
  /** Seconds from starting the stack to its worker polling (fresh data, tools already built). */
  start_s: number;
  steps: StepResult[];
}

/**
 * The stacks compared are the benchmark's own, started one after the other: not `npm start`'s, nor
 * an external Temporal or database, which every stack would share and whose CPU is not measured.
 */
export async function requireOwnStacks(script: string): Promise<void> {
  if (await runningStack()) throw new Error(`${script} starts stacks of its own: stop npm start first`);
  for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL'])
    if (process.env[name]) throw new Error(`${script} compares stacks it starts itself: unset ${name}`);
}

/** Starts a fresh stack as `choice` says, runs every step on it, and stops it. */
export async function measureStack(
  name: string,
  choice: StackChoice,
  o: StepOptions,
  log: (m: string) => void,
): Promise<StackRun> {
  const t0 = Date.now();
  // Embedded PostgreSQL flushes commits to disk as `npm start`'s does.
  const stack = await startStack({
    ephemeral: true,
    log,
    simTimeScale: 1,
    childOutput: 'quiet',
    durablePostgres: true,
    ...choice,
  });
  const startS = (Date.now() - t0) / 1000;
  let baseline: Awaited<ReturnType<typeof startBaseline>> | null = null;
  try {
    const endpoints: StackEndpoints = {
      apiUrl: stack.apiUrl,
      simUrl: stack.simUrl!,
      apiKey: stack.apiKey,
      adminToken: stack.adminToken,
    };
    await applyBundle(endpoints, FORWARD_BENCH.bundle);
    await applyBundle(endpoints, MENU_BENCH.bundle);
    const histories = o.workflowType ? stack.temporalAddress : undefined;
    log(`${name}: up in ${startS.toFixed(1)} s; ${WARM_UP_CALLS} warm-up calls`);
    const warmUp = await runSwitchboard(
      endpoints,
      { calls: WARM_UP_CALLS, rate: 5 },
      FORWARD_BENCH,
      undefined,
      histories,
    );
    if (o.workflowType) checkWorkflowType(name, o.workflowType, warmUp.history);
    if (o.baseline) {
      baseline = await startBaseline(endpoints);
      await placeCalls(endpoints.simUrl, BASELINE_WARM_UP_CALLS, 1, baselineCall(baseline.url));
    }
    const steps: StepResult[] = [];
    for (const step of STEPS) {
      log(`${name}: ${o.calls} ${step.flow} calls at ${step.rate}/s`);
      const args = { calls: o.calls, rate: step.rate };
      const setup = step.flow === 'menu' ? MENU_BENCH : FORWARD_BENCH;
      const run = await runSwitchboard(endpoints, args, setup, cpuRootsOf(stack.processes), histories);
      const answer = summarise(latencies(run.tls).answer);
      const result: StepResult = {
        flow: step.flow,
        rate: step.rate,
        calls: o.calls,
        completed: run.completed,
        lost: run.lost,
        answer_ms: answer,
        dtmf_to_next_ms: step.flow === 'menu' ? summarise(dtmfLatencies(run.tls).all) : null,
        cpu_s_per_call: run.cpu!,
      };
      if (histories) result.history_per_call = run.history;
      log(`  ${cpuLine(run.cpu!)}`);
      // The baseline's calls come after the step's CPU was read: they are not counted in it.
      if (baseline && step.flow === 'forward') {
        log(`${name}: the same ${o.calls} calls at ${step.rate}/s into the stateless baseline`);
        result.baseline_answer_ms = summarise(
          (await runBaseline(endpoints.simUrl, baseline.url, args)).answer,
        );
        result.answer_p50_ratio = round1(answer.p50 / result.baseline_answer_ms.p50);
      }
      steps.push(result);
    }
    return { start_s: round1(startS), steps };
  } finally {
    baseline?.stop();
    await stack.stop();
  }
}

/** Every warm-up call's history names `type`, else the run stops: it would measure the wrong engine. */
function checkWorkflowType(name: string, type: string, history: HistoryPerCall | null): void {
  if (!history) throw new Error(`${name}: no histories to tell which workflow type the calls ran`);
  const others = Object.entries(history.workflow_types).filter(([t]) => t !== type);
  if (others.length || history.missing)
    throw new Error(
      `${name}: warm-up calls should all run ${type}, ran ${JSON.stringify(history.workflow_types)}${history.missing ? `, ${history.missing} without a workflow` : ''}`,
    );
}
