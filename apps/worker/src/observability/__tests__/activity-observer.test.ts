import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Context } from '@temporalio/activity';
import { createLogger } from '@switchboard/observability';
import { activityObserver } from '../activity-observer';
import { WorkerMetrics } from '../worker-metrics';

const info = (activityType: string) =>
  ({
    info: {
      activityType,
      activityId: '7',
      attempt: 2,
      workflowExecution: { workflowId: 'call-abc', runId: 'run-1' },
    },
  }) as unknown as Context;

/** prom-client's JSON has the series name of histogram values on `metricName` (untyped). */
const nameOf = (v: object) => (v as { metricName?: string }).metricName ?? '';
const isSum = (v: object) => nameOf(v).endsWith('_sum');

async function value(m: WorkerMetrics, name: string): Promise<number> {
  const metric = (await m.registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (metric?.values ?? []).reduce((s, v) => s + (isSum(v) ? 0 : v.value), 0);
}

describe('activity observer', () => {
  it('counts a failed attempt by activity type and logs it with the workflow id', async () => {
    const metrics = new WorkerMetrics();
    const lines: string[] = [];
    const log = createLogger({ level: 'info', format: 'json', destination: { write: (s) => lines.push(s) } });
    const { inbound } = activityObserver(metrics, () => log)(info('answerCall'));
    await assert.rejects(
      inbound!.execute!({ args: [], headers: {} }, () => Promise.reject(new Error('carrier down'))),
      /carrier down/,
    );
    const failures = (await metrics.registry.getSingleMetric('switchboard_activity_failures_total')!.get())
      .values;
    assert.deepEqual(
      failures.map((v) => [v.labels.activity_type, v.value]),
      [['answerCall', 1]],
    );
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    assert.equal(line.msg, 'activity failed');
    assert.equal(line.workflowId, 'call-abc');
    assert.equal(line.activityType, 'answerCall');
    assert.equal(line.attempt, 2);
  });

  it('counts a call in flight from resolveCall to saveCallRecord and its answer latency', async () => {
    const metrics = new WorkerMetrics();
    const log = createLogger({ level: 'silent', format: 'json' });
    const run = (type: string, args: unknown[]) =>
      activityObserver(metrics, () => log)(info(type)).inbound!.execute!({ args, headers: {} }, () =>
        Promise.resolve(undefined),
      );
    await run('resolveCall', ['+13125550199']);
    assert.equal(await value(metrics, 'switchboard_calls_in_flight'), 1);
    await run('saveCallRecord', [
      { outcome: 'answered', startedAt: '2026-11-23T14:00:00.000Z', answeredAt: '2026-11-23T14:00:07.500Z' },
    ]);
    assert.equal(await value(metrics, 'switchboard_calls_in_flight'), 0);
    const latency = (await metrics.registry.getSingleMetric('switchboard_call_answer_latency_seconds')!.get())
      .values;
    assert.equal(latency.find(isSum)?.value, 7.5);
    assert.equal(latency.find((v) => !isSum(v) && nameOf(v).endsWith('_count'))?.value, 1);
  });
});
