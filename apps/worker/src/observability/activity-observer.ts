import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { CallRecordInput, FinishCallRequest } from '@switchboard/contracts';
import type { Logger } from '@switchboard/observability';
import type { WorkerMetrics } from './worker-metrics';

/**
 * Counts and times every activity attempt, derives the call metrics from the two activities every
 * call runs once, and logs failures with the workflow id. An interceptor, so the activities
 * themselves stay free of observability code.
 */
export function activityObserver(metrics: WorkerMetrics, log: () => Logger): ActivityInterceptorsFactory {
  return (ctx: Context) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, activityId, attempt, workflowExecution } = ctx.info;
        const start = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
        try {
          const result = await next(input);
          metrics.activityDuration.observe({ activity_type: activityType, result: 'ok' }, seconds());
          recordCall(metrics, activityType, input.args);
          return result;
        } catch (err) {
          metrics.activityDuration.observe({ activity_type: activityType, result: 'error' }, seconds());
          metrics.activityFailures.inc({ activity_type: activityType });
          log().warn(
            {
              workflowId: workflowExecution?.workflowId,
              runId: workflowExecution?.runId,
              activityType,
              activityId,
              attempt,
              error: err instanceof Error ? err.message : String(err),
            },
            'activity failed',
          );
          throw err;
        }
      },
    },
  });
}

function recordCall(metrics: WorkerMetrics, activityType: string, args: unknown[]): void {
  // Engine v1 starts and ends a call with resolveCall and saveCallRecord, engine v2 with beginCall
  // and finishCall (which run those two inside, as functions: nothing is counted twice).
  if (activityType === 'resolveCall' || activityType === 'beginCall') {
    metrics.callsStarted.inc();
    metrics.callsInFlight.inc();
  } else if (activityType === 'saveCallRecord' || activityType === 'finishCall') {
    const record =
      activityType === 'finishCall'
        ? (args[0] as FinishCallRequest | undefined)?.record
        : (args[0] as CallRecordInput | undefined);
    metrics.callsFinished.inc({ outcome: record?.outcome ?? 'unknown' });
    metrics.callsInFlight.dec();
    if (record?.answeredAt) {
      const latency = (Date.parse(record.answeredAt) - Date.parse(record.startedAt)) / 1000;
      if (Number.isFinite(latency) && latency >= 0) metrics.answerLatency.observe(latency);
    }
  }
}
