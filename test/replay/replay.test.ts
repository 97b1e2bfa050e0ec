import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { sharedBundle } from '../support/workflow-bundle';

/**
 * Replays recorded histories of real calls (recorded by the e2e tests with RECORD_HISTORIES=1)
 * against today's workflow code: a non-deterministic change fails here before it can break calls in
 * flight. Changes to the workflow go behind `patched()` so these keep replaying.
 */
describe('workflow determinism: replay of recorded call histories', () => {
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    assert.ok(files.length >= 3, `expected recorded histories in ${HISTORIES_DIR}`);
  });

  for (const file of files) {
    it(file, async () => {
      const history: unknown = JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8'));
      await Worker.runReplayHistory(
        { workflowBundle: await sharedBundle() },
        history,
        file.replace(/\.json$/, ''),
      );
    });
  }
});
