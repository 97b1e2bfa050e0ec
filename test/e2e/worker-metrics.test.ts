import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyBundle } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { startMetricsServer, type MetricsServer } from '../../apps/worker/src/observability/metrics-server';
import { workerMetrics } from '../../apps/worker/src/observability/worker-metrics';
import { metricValue, scrape, type MetricSample } from '../support/metrics';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const bundle: Bundle = {
  property: { name: 'Metrics Towers', time_zone: 'America/Chicago' },
  sources: [{ name: 'Zillow' }],
  numbers: [{ number: '+13125550177', source: 'Zillow', forward_to: '+13125550178' }],
};

/**
 * The worker's /metrics on the real stack: one call through the simulator moves calls started and
 * finished, leaves nothing in flight, and gives the answer-latency histogram its sample.
 */
describe('worker metrics', () => {
  let stack: TestStack;
  let server: MetricsServer;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    await applyBundle(stack.endpoints, bundle);
    // The worker app serves this registry on WORKER_METRICS_PORT; port 0 here, any free one.
    server = await startMetricsServer({ registry: workerMetrics().registry, port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await server?.close();
    await stack?.stop();
  });

  it('counts a call from start to finish and its answer latency', async () => {
    const before = await scrape(server.url);
    const placed = await stack.sim.placeCall({
      from: '+13125550100',
      to: '+13125550177',
      // Long enough (3 s real at the 0.1 time scale) to see it in flight, even on a loaded machine.
      caller: [{ hangup_after_s: 30 }],
      agents: { '+13125550178': { answer_after_s: 4 } },
    });
    // While the call rings it is in flight.
    await eventually('call in flight', async () => {
      const m = await scrape(server.url);
      return metricValue(m, 'switchboard_calls_in_flight') >
        metricValue(before, 'switchboard_calls_in_flight')
        ? m
        : undefined;
    });
    await eventually('call record', async () => {
      const r = await stack.api('GET', `/v1/calls?callSessionId=${placed.call_session_id}`);
      return r.body.items[0];
    });
    const now = await eventually('call finished', async () => {
      const m = await scrape(server.url);
      return metricValue(m, 'switchboard_worker_calls_finished_total') >
        metricValue(before, 'switchboard_worker_calls_finished_total')
        ? m
        : undefined;
    });
    const delta = (name: string, labels: Record<string, string> = {}, m: MetricSample[] = now) =>
      metricValue(m, name, labels) - metricValue(before, name, labels);

    assert.equal(delta('switchboard_worker_calls_started_total'), 1);
    assert.equal(delta('switchboard_worker_calls_finished_total', { outcome: 'answered' }), 1);
    assert.equal(delta('switchboard_calls_in_flight'), 0);
    assert.equal(delta('switchboard_call_answer_latency_seconds_count'), 1);
    // Carrier time: the agent answers 4 s after the leg is dialled, plus the greeting before it.
    const latency = delta('switchboard_call_answer_latency_seconds_sum');
    // Our own delays are magnified 10x by the compressed clock, hence the loose upper bound.
    assert.ok(latency >= 4 && latency < 60, `answer latency ${latency}s`);
    assert.ok(
      delta('switchboard_activity_duration_seconds_count', { activity_type: 'beginCall', result: 'ok' }) >= 1,
    );
    assert.equal(delta('switchboard_activity_failures_total'), 0);
    assert.ok(metricValue(now, 'process_resident_memory_bytes') > 0, 'default process metrics');
  });
});
