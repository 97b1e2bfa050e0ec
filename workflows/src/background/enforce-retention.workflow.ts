import { ContinueAsNew, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type {
  EnforceRetentionInput,
  RetentionOutcome,
  RetentionProgress,
  RetentionTask,
} from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/**
 * Reading and stripping: retried for a few minutes (a database restart, a worker lost mid-batch:
 * every batch is idempotent, so a retry only finishes what was left), then the run fails, says
 * why on its row, and the next run starts over where the data is.
 */
const work = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 10 },
});

/** The run's own row: retried until the database answers, so a run never ends unrecorded. */
const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Activities per workflow run before continuing as new: keeps each run's history small. */
const ACTIVITIES_PER_RUN = 2000;

const RECORDING_CATEGORIES = new Set(['recordings', 'voicemail']);

/**
 * One retention run (docs/privacy.md): property by property (of the run's account, or of every
 * account for the schedule's runs), each category with a period is stripped batch by batch until
 * nothing expired is left, or, in a dry run, only counted. Recordings go one by one through
 * deleteRecording (ours and the carrier's copy). Counts land on the run's row as each category
 * finishes; a failure ends the run as failed, with the error, and fails the workflow.
 */
export async function enforceRetention(input: EnforceRetentionInput): Promise<RetentionOutcome> {
  const runId = input.runId ?? (await bookkeeping.openRetentionRun(workflowInfo().workflowId, input.dryRun));
  const budget = input.activitiesPerRun ?? ACTIVITIES_PER_RUN;
  let used = 0;
  const p: RetentionProgress = input.progress ?? {
    afterPropertyId: null,
    current: null,
    historyRetentionSet: false,
  };
  try {
    if (!input.dryRun && !p.historyRetentionSet) {
      await work.applyHistoryRetention();
      used++;
      p.historyRetentionSet = true;
    }
    for (;;) {
      if (!p.current) {
        const plan = await work.nextRetentionProperty(runId, p.afterPropertyId);
        used++;
        if (!plan) break;
        p.current = { plan, taskIndex: 0, counts: {} };
      }
      const cur = p.current;
      while (cur.taskIndex < cur.plan.tasks.length) {
        if (used >= budget)
          return await continueAsNew<typeof enforceRetention>({ ...input, runId, progress: p });
        const t = cur.plan.tasks[cur.taskIndex];
        const batch = await oneBatch(t, input.dryRun);
        used += batch.activities;
        const counted = (cur.counts[t.category] ?? 0) + batch.removed;
        cur.counts[t.category] = counted;
        if (!batch.more) {
          await bookkeeping.recordRetentionCount(runId, t.propertyId, t.category, counted);
          used++;
          cur.taskIndex++;
        }
      }
      p.afterPropertyId = cur.plan.propertyId;
      p.current = null;
    }
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    // What the category under way got to before it failed still shows on the row.
    const cur = p.current;
    const t = cur?.plan.tasks[cur.taskIndex];
    if (cur && t && (cur.counts[t.category] ?? 0) > 0)
      await bookkeeping.recordRetentionCount(runId, t.propertyId, t.category, cur.counts[t.category] ?? 0);
    await bookkeeping.finishRetentionRun(runId, 'failed', messageOf(err));
    throw err;
  }
  await bookkeeping.finishRetentionRun(runId, 'succeeded', null);
  return { runId, status: 'succeeded' };
}

/** One batch of a task: what it removed (or counted), whether more is left, and its activities. */
async function oneBatch(
  t: RetentionTask,
  dryRun: boolean,
): Promise<{ removed: number; more: boolean; activities: number }> {
  if (dryRun) return { removed: await work.countRetention(t), more: false, activities: 1 };
  if (!RECORDING_CATEGORIES.has(t.category)) {
    const b = await work.stripRetentionBatch(t);
    return { ...b, activities: 1 };
  }
  const ids = await work.expiredRecordings(t);
  const results = await Promise.all(ids.map((id) => work.deleteRecording(id, 'retention')));
  // A deleted recording is never listed again: an empty list is the end.
  return {
    removed: results.filter((r) => r === 'deleted').length,
    more: ids.length > 0,
    activities: 1 + ids.length,
  };
}

/** The innermost cause's message (an activity's failure wraps the error it threw). */
function messageOf(err: unknown): string {
  type Failure = { message?: string; cause?: unknown } | undefined;
  let e = err as Failure;
  while (e?.cause) e = e.cause;
  return e?.message ?? String(err);
}
