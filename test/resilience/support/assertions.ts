import assert from 'node:assert/strict';
import type { ProcessStack } from './process-stack';
import { secretLeaks, type ScenarioResult } from './call-load';

/** What every fault scenario must show: all calls finished as scripted, none lost, none doubled. */
export function assertNothingLost(r: ScenarioResult, stack: ProcessStack): void {
  const f = r.figures;
  assert.ok(f.started >= 100 || process.env.RESILIENCE_CALLS, `at least 100 calls (${f.started})`);
  assert.equal(f.lost, 0, `lost calls:\n${r.problems.join('\n')}`);
  assert.equal(f.duplicates, 0, `duplicate commands:\n${r.problems.join('\n')}`);
  assert.equal(f.duplicate_records, 0, 'duplicate call records');
  assert.equal(f.unexpected, 0, `calls that ended otherwise than scripted:\n${r.problems.join('\n')}`);
  assert.equal(f.completed, f.started);
  assert.equal(f.retries_after_422, 0, 'a command was repeated after 422 "call has ended"');
  assert.deepEqual(secretLeaks(stack).slice(0, 3), [], 'an API key or the Telnyx key was logged');
}
