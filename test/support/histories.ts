import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { repoRoot } from '@switchboard/scenarios';

export const HISTORIES_DIR = path.join(repoRoot(), 'test', 'replay', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture. Recorded
 * histories are committed so that later workflow changes are replayed against real past calls.
 */
export async function maybeRecordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
}
