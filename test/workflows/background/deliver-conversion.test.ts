import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import {
  conversionDeliveryWorkflowId,
  DELIVER_CONVERSION_WORKFLOW,
  type ConversionAttempt,
  type DeliverConversionInput,
} from '@switchboard/contracts';
import { testServers, uniqueName } from '../../support/test-env';
import { sharedBundle } from '../../support/workflow-bundle';

/**
 * What a platform answers each attempt of one delivery, in order, and when each attempt came: the
 * workflow's activities, mocked (the real ones are exercised end to end in test/e2e/conversions).
 */
interface Script {
  answers: ConversionAttempt[];
  attemptsAt: number[];
  failedMarks: number;
}

const POLICY: DeliverConversionInput['retry'] = {
  initialIntervalMs: 50,
  maximumIntervalMs: 200,
  giveUpAfterMs: 20_000,
  attemptTimeoutMs: 2_000,
};

describe('deliverConversion: retried on "retry", ended by accepted or rejected', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueName('conversions');
  const scripts = new Map<string, Script>();

  before(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: testServers().temporalAddress });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await sharedBundle(),
      activities: {
        async attemptConversionDelivery(deliveryId: string): Promise<ConversionAttempt> {
          const s = scripts.get(deliveryId)!;
          s.attemptsAt.push(Date.now());
          return s.answers[Math.min(s.attemptsAt.length - 1, s.answers.length - 1)];
        },
        async markConversionDeliveryFailed(deliveryId: string): Promise<void> {
          scripts.get(deliveryId)!.failedMarks++;
        },
      },
    });
    running = worker.run();
  });
  after(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function deliver(
    answers: ConversionAttempt[],
    retry = POLICY,
  ): Promise<{ result: string; s: Script }> {
    const deliveryId = uniqueName('delivery');
    const s: Script = { answers, attemptsAt: [], failedMarks: 0 };
    scripts.set(deliveryId, s);
    const result = await env.client.workflow.execute(DELIVER_CONVERSION_WORKFLOW, {
      workflowId: conversionDeliveryWorkflowId(deliveryId),
      taskQueue,
      args: [{ deliveryId, retry } satisfies DeliverConversionInput],
    });
    return { result: result as string, s };
  }

  it('an accepted upload is delivered after one attempt', async () => {
    const { result, s } = await deliver([{ status: 'delivered' }]);
    assert.equal(result, 'delivered');
    assert.equal(s.attemptsAt.length, 1);
    assert.equal(s.failedMarks, 0);
  });

  it('a rejection (an unknown click id) ends the delivery at once: never retried', async () => {
    const { result, s } = await deliver([
      { status: 'rejected', code: 'invalid_click_id' },
      { status: 'delivered' },
    ]);
    assert.equal(result, 'rejected');
    assert.equal(s.attemptsAt.length, 1);
    assert.equal(s.failedMarks, 0);
  });

  it('rate limited: waits at least the Retry-After the platform asked for, then delivers', async () => {
    const { result, s } = await deliver([
      { status: 'retry', code: 'rate_limited', retryAfterSeconds: 2 },
      { status: 'retry', code: 'platform_error' },
      { status: 'delivered' },
    ]);
    assert.equal(result, 'delivered');
    assert.equal(s.attemptsAt.length, 3);
    const [first, second, third] = s.attemptsAt;
    // The policy alone would have waited 50 ms: the platform's 2 s wins.
    assert.ok(second - first >= 2_000, `retried after ${second - first} ms, before the 2 s Retry-After`);
    // Without a Retry-After, the doubled policy wait (100 ms), not 2 s again.
    assert.ok(third - second < 1_500, `second retry waited ${third - second} ms`);
  });

  it('still asked to retry when the policy runs out: marked failed, not retried for ever', async () => {
    const { result, s } = await deliver([{ status: 'retry', code: 'platform_error' }], {
      ...POLICY,
      initialIntervalMs: 200,
      maximumIntervalMs: 400,
      giveUpAfterMs: 1_500,
    });
    assert.equal(result, 'failed');
    assert.equal(s.failedMarks, 1);
    // Retried meanwhile, but no wait planned past the policy's 1.5 s: waits of 200, 400, 400 and
    // 400 ms fit in it, a fifth would not, so at most five attempts (fewer on a slow machine).
    assert.ok(s.attemptsAt.length >= 2 && s.attemptsAt.length <= 5, `${s.attemptsAt.length} attempts`);
  });

  it('a delivery with nothing to send (gone, or already final) ends quietly', async () => {
    const { result, s } = await deliver([{ status: 'skipped' }]);
    assert.equal(result, 'skipped');
    assert.equal(s.attemptsAt.length, 1);
  });
});
