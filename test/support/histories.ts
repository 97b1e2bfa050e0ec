import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { INBOUND_CALL_WORKFLOW } from '@switchboard/contracts';
import { REPO_ROOT } from './repo-root';

export const HISTORIES_DIR = path.join(REPO_ROOT, 'test', 'replay', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture. Recorded
 * histories are committed so that later workflow changes are replayed against real past calls.
 */
export async function maybeRecordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  // Engine v1's recordings keep their names; engine v2's are recorded beside them, not over them.
  const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  const file = type === INBOUND_CALL_WORKFLOW ? `engine-v2--${name}` : name;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path.join(HISTORIES_DIR, `${file}.json`), historyToJSON(history));
}
