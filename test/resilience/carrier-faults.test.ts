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
  sleep,
  stages,
  waitUntil,
} from './support/call-load';
import { assertNothingLost } from './support/assertions';

describe('Telnyx API answering 500, then 429, for a while', () => {
  let stack: ProcessStack;
  before(async () => {
    stack = await ProcessStack.start({ timeScale: TIME_SCALE });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => stack?.stop());

  it('commands retry with backoff; 422 "call has ended" stops a call without retries', async () => {
    const r = await runFaultScenario({
      name: 'carrier-500-429',
      stack,
      // A quarter of the callers press 1 during the faults and hang up a second later, while the
      // flow's dials are still retried: their calls must end without a command sent again.
      plan: {
        calls: CALLS,
        rate: RATE,
        lateS: LATE_S,
        kind: (i) => (i % 4 === 3 ? 'quitter' : i % 2 ? 'ring' : 'menu'),
      },
      inject: async (calls) => {
        await waitUntil('the first menu choices', () => pressed(stack, calls) >= 3);
        const at = stages(stack, calls);
        stack.sim.setFaults({ apiErrorStatus: 500, apiErrorCount: 1_000_000 });
        await sleep(6000);
        stack.sim.setFaults({ apiErrorStatus: 429, apiErrorCount: 1_000_000 });
        await sleep(4000);
        stack.sim.setFaults({});
        return { ...at, fault_500_s: 6, fault_429_s: 4 };
      },
    });
    assertNothingLost(r, stack);
    assert.ok(r.figures.injected_faults > 0, 'commands met the injected errors');
    // A 422 "call has ended" is never retried (assertNothingLost requires retries_after_422 = 0).
    // Since legs known to be gone get no commands (the bridge-ends-together patch), quitters' calls
    // may meet none at all: how many met one is printed, not required.
  });
});
