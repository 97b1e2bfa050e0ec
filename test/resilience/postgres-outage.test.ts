import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessStack } from './support/process-stack';
import { TcpProxy } from './support/tcp-proxy';
import {
  CALLS,
  LATE_S,
  RATE,
  RESILIENCE_BUNDLE,
  TIME_SCALE,
  pressed,
  runFaultScenario,
  sleep,
  stages,
  waitUntil,
} from './support/call-load';
import { assertNothingLost } from './support/assertions';
import { testServers } from '../support/test-env';

describe('PostgreSQL unreachable for 10 s with calls in flight', () => {
  let stack: ProcessStack;
  let proxy: TcpProxy;
  before(async () => {
    const pg = new URL(testServers().pgAdminUrl);
    proxy = await TcpProxy.start({ host: pg.hostname, port: Number(pg.port || 5432) });
    stack = await ProcessStack.start({ timeScale: TIME_SCALE, appDatabaseUrl: (url) => proxy.rewrite(url) });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => {
    await stack?.stop();
    await proxy?.close();
  });

  it('webhooks are retried, activities retry, and nothing is lost once it returns', async () => {
    const r = await runFaultScenario({
      name: 'postgres-outage',
      stack,
      plan: { calls: CALLS, rate: RATE, lateS: LATE_S, kind: (i) => (i % 2 ? 'ring' : 'menu') },
      inject: async (calls) => {
        // Cut while callers press keys and agents answer: webhooks to store, rings to plan.
        await waitUntil('the first menu choices', () => pressed(stack, calls) >= 3);
        const at = stages(stack, calls);
        proxy.setCut(true);
        await sleep(10_000);
        proxy.setCut(false);
        return { ...at, pg_down_s: 10, pg_connections_refused: proxy.refused };
      },
    });
    assertNothingLost(r, stack);
    assert.ok(r.figures.webhook_retries > 0, 'webhooks were refused while the database was away');
    assert.equal(r.figures.webhooks_failed, 0);
    assert.ok(stack.api && stack.worker, 'neither process died');
    assert.equal(stack.api.child.exitCode, null);
    assert.equal(stack.worker.child.exitCode, null);
  });
});
