import { after, before, describe, it } from 'node:test';
import { ProcessStack } from './support/process-stack';
import {
  CALLS,
  LATE_S,
  RATE,
  RESILIENCE_BUNDLE,
  TIME_SCALE,
  runFaultScenario,
  secs,
} from './support/call-load';
import { assertNothingLost } from './support/assertions';

describe('worker killed with SIGKILL while calls wait in menus and ring groups', () => {
  let stack: ProcessStack;
  before(async () => {
    stack = await ProcessStack.start({ timeScale: TIME_SCALE });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => stack?.stop());

  it('a new worker resumes every call and each completes as scripted', async () => {
    const r = await runFaultScenario({
      name: 'worker-sigkill',
      stack,
      // Half wait LATE_S in the menu before pressing 1, half have both agents ringing
      // until Ann answers LATE_S in: the kill lands while all of them wait.
      plan: { calls: CALLS, rate: RATE, lateS: LATE_S, kind: (i) => (i % 2 ? 'ring' : 'menu') },
      inject: async () => {
        const t = Date.now();
        await stack.kill('worker');
        await stack.startWorker();
        return { worker_restart_s: secs(Date.now() - t) };
      },
    });
    assertNothingLost(r, stack);
  });
});
