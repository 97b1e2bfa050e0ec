import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadScenario, repoRoot, runScenario } from '@switchboard/scenarios';
import { callWorkflowId } from '@switchboard/contracts';
import { maybeRecordHistory } from '../support/histories';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Every scenario file in scenarios/ must pass against the real stack (SCENARIOS.md format). */
describe('scenarios in the repo', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
  });
  after(async () => {
    await stack?.stop();
  });

  const dir = path.join(repoRoot(), 'scenarios');
  for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    it(file, async () => {
      const scenario = loadScenario(path.join(dir, file));
      const results = await runScenario(stack.endpoints, scenario);
      const failures = results.filter((r) => !r.passed);
      assert.equal(results.length, scenario.calls.length);
      for (const r of results) {
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
    });
  }
});
