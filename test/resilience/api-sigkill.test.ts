import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessStack } from './support/process-stack';
import {
  CALLS,
  LATE_S,
  RATE,
  RESILIENCE_BUNDLE,
  TIME_SCALE,
  pressed,
  runFaultScenario,
  secs,
  stages,
  waitUntil,
  webhooksInFlight,
} from './support/call-load';
import { assertNothingLost } from './support/assertions';

describe('api killed with SIGKILL while webhooks are being delivered', () => {
  let stack: ProcessStack;
  before(async () => {
    stack = await ProcessStack.start({ timeScale: TIME_SCALE });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => stack?.stop());

  it("the simulator's retries deliver every webhook again and nothing is doubled", async () => {
    const r = await runFaultScenario({
      name: 'api-sigkill',
      stack,
      plan: { calls: CALLS, rate: RATE, lateS: LATE_S, kind: (i) => (i % 2 ? 'ring' : 'menu') },
      inject: async (calls) => {
        // Once callers start pressing keys and agents answer, webhooks stream in: kill then.
        await waitUntil('the first menu choices', () => pressed(stack, calls) >= 5);
        const at = { ...stages(stack, calls), webhooks_in_flight: webhooksInFlight(stack, calls) };
        const t = Date.now();
        await stack.kill('api');
        await stack.startApi();
        return { ...at, api_restart_s: secs(Date.now() - t) };
      },
    });
    assertNothingLost(r, stack);
    assert.ok(r.figures.webhook_retries > 0, 'some webhooks had to be delivered again');
    assert.equal(r.figures.webhooks_failed, 0, 'no webhook given up on');
    // Every event the simulator delivered is stored exactly once.
    const { rows } = await stack.db.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM carrier_events',
    );
    assert.equal(rows[0].n, rows[0].distinct);
  });
});
