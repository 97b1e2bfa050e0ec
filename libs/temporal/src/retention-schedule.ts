import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import {
  ENFORCE_RETENTION_WORKFLOW,
  RETENTION_SCHEDULE_ID,
  type EnforceRetentionInput,
} from '@switchboard/contracts';

/**
 * Creates, updates or (for `off`) deletes the Temporal Schedule that starts a real retention run
 * over every account (RETENTION_SCHEDULE, a cron expression in UTC). Every worker does this at
 * start; the schedule is one, by its id, however many workers there are. A run still going when
 * the next is due makes that one be skipped.
 */
export async function ensureRetentionSchedule(
  client: Client,
  o: {
    taskQueue: string;
    /** Five cron fields, or `off`. */
    cron: string;
    /** RETENTION_SCHEDULE_ID unless given (tests sharing one Temporal server use their own). */
    scheduleId?: string;
  },
): Promise<'created' | 'updated' | 'deleted' | 'absent'> {
  const scheduleId = o.scheduleId ?? RETENTION_SCHEDULE_ID;
  const handle = client.schedule.getHandle(scheduleId);
  if (o.cron === 'off') {
    try {
      await handle.delete();
      return 'deleted';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'absent';
      throw err;
    }
  }
  const action: ScheduleOptionsStartWorkflowAction<(input: EnforceRetentionInput) => Promise<unknown>> = {
    type: 'startWorkflow',
    workflowType: ENFORCE_RETENTION_WORKFLOW,
    // The schedule adds the time it fires at: `retention-scheduled-<time>`.
    workflowId: 'retention-scheduled',
    taskQueue: o.taskQueue,
    args: [{ dryRun: false } satisfies EnforceRetentionInput],
  };
  const spec = { cronExpressions: [o.cron] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await handle.update((prev) => ({ ...prev, spec, action }));
  return 'updated';
}
