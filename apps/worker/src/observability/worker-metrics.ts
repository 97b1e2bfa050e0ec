import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The worker's Prometheus metrics, in a registry of its own (tests run an api in the same process).
 * Calls are counted from their activities, which every call runs once: `beginCall` (engine v1:
 * `resolveCall`) starts one, `finishCall` (v1: `saveCallRecord`) finishes it. In flight is the difference per process; sum it over workers.
 */
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly callsStarted = new Counter({
    name: 'switchboard_worker_calls_started_total',
    help: 'Calls whose workflow resolved its tracking number (beginCall or resolveCall completed)',
    registers: [this.registry],
  });

  readonly callsFinished = new Counter({
    name: 'switchboard_worker_calls_finished_total',
    help: 'Calls whose record was saved (finishCall or saveCallRecord completed), by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly callsInFlight = new Gauge({
    name: 'switchboard_calls_in_flight',
    help: 'Calls started minus calls finished on this worker process (sum over workers)',
    registers: [this.registry],
  });

  readonly answerLatency = new Histogram({
    name: 'switchboard_call_answer_latency_seconds',
    help: "Seconds from the carrier's call start to an agent answering, for answered calls",
    buckets: [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120],
    registers: [this.registry],
  });

  readonly activityFailures = new Counter({
    name: 'switchboard_activity_failures_total',
    help: 'Activity attempts that threw, by activity type (each retry attempt counts)',
    labelNames: ['activity_type'] as const,
    registers: [this.registry],
  });

  readonly activityDuration = new Histogram({
    name: 'switchboard_activity_duration_seconds',
    help: 'Activity attempt duration by activity type and result',
    labelNames: ['activity_type', 'result'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

let shared: WorkerMetrics | undefined;

/** One set per process: every worker of the process records here, the metrics server serves it. */
export function workerMetrics(): WorkerMetrics {
  shared ??= new WorkerMetrics();
  return shared;
}
