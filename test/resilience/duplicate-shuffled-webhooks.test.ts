import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessStack } from './support/process-stack';
import { CALLS, LATE_S, RATE, RESILIENCE_BUNDLE, TIME_SCALE, runFaultScenario } from './support/call-load';
import { assertNothingLost } from './support/assertions';

describe('every webhook delivered twice, in shuffled order within each call', () => {
  let stack: ProcessStack;
  before(async () => {
    stack = await ProcessStack.start({ timeScale: TIME_SCALE });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => stack?.stop());

  it('sends zero duplicate commands and every call completes as scripted', async () => {
    stack.sim.setFaults({ duplicateWebhooks: true, shuffleWebhooks: true });
    let twice = 0;
    const r = await runFaultScenario({
      name: 'duplicate-shuffled-webhooks',
      stack,
      plan: { calls: CALLS, rate: RATE, lateS: LATE_S, kind: (i) => (i % 2 ? 'ring' : 'menu') },
      inject: async (calls) => {
        // The faults are on from the first webhook; count the doubled deliveries at the end.
        await Promise.resolve();
        return {
          get webhooks_delivered_twice() {
            twice = calls.reduce(
              (n, c) =>
                n +
                (stack.sim.session(c.sessionId)?.webhooks.filter((w) => w.attempts.some((a) => a.duplicate))
                  .length ?? 0),
              0,
            );
            return twice;
          },
        };
      },
    });
    stack.sim.setFaults({});
    assertNothingLost(r, stack);
    assert.ok(twice > 0, 'webhooks were delivered twice');
  });
});
