import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadScenario, runScenario, type CallResult } from '@switchboard/scenarios';
import { callWorkflowId } from '@switchboard/contracts';
import { maybeRecordHistory } from '../support/histories';
import { REPO_ROOT } from '../support/repo-root';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Every scenario file in scenarios/ must pass against the real stack, and again (docs/SCENARIOS.md). */
describe('scenarios in the repo', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
  });
  after(async () => {
    await stack?.stop();
  });

  const dir = path.join(REPO_ROOT, 'scenarios');
  /** What a run of a call came to, without the ids and instants that differ from run to run. */
  const outcome = (r: CallResult) => ({
    call: r.call,
    passed: r.passed,
    outcome: r.observed?.outcome,
    answered_by: r.observed?.answered_by,
    path: r.observed?.path,
    source: r.observed?.source,
    first_time: r.observed?.first_time,
    failed: r.failed,
    error: r.error,
  });

  for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    it(`${file}, twice on the same stack with the same result`, async () => {
      const scenario = loadScenario(path.join(dir, file));
      const results = await runScenario(stack.endpoints, scenario);
      const failures = results.filter((r) => !r.passed);
      assert.equal(results.length, scenario.calls.length + (scenario.privacy?.length ?? 0));
      // An erasure deletes its person's call histories: a scenario with privacy requests has none to record.
      for (const r of scenario.privacy ? [] : results) {
        const session = (r.record as { callSessionId?: string } | undefined)?.callSessionId;
        if (session) {
          const name = `${file.replace(/\.\w+$/, '')}--${r.call.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
          await maybeRecordHistory(stack.client, callWorkflowId(session), name);
        }
      }
      assert.deepEqual(
        failures.map((f) => ({ call: f.call, failed: f.failed, error: f.error })),
        [],
        'every call of the scenario passes',
      );
      // Each run plays in an account of its own: the first run's callers are not repeat callers
      // of the second, and its round-robin turns and pool numbers are not the second's.
      const again = await runScenario(stack.endpoints, scenario);
      assert.deepEqual(again.map(outcome), results.map(outcome), 'a second run gives the same result');
    });
  }
});
