import { ApplicationFailure } from '@temporalio/activity';
import type {
  RecordingPurpose,
  RetentionBatchResult,
  RetentionPropertyPlan,
  RetentionTask,
} from '@switchboard/contracts';
import {
  effectiveRetention,
  historyRetentionDays,
  RETENTION_CATEGORIES,
  retentionCutoff,
  retentionOverridesOf,
  retentionPolicyOf,
  type RetentionCategory,
} from '@switchboard/domain';
import type {
  RetentionPolicyRepository,
  RetentionPurgeRepository,
  RetentionRunRepository,
  StrippedCategory,
} from '@switchboard/persistence';

/** Rows one strip batch changes per table: small transactions, however much there is to do. */
export const RETENTION_BATCH = 500;
/** Recordings deleted per batch (each one its own deleteRecording activity, in parallel). */
export const RECORDING_BATCH = 25;
/** Properties read per page while looking for the next one with work. */
const PROPERTY_PAGE = 200;

const RECORDING_PURPOSE: Partial<Record<RetentionCategory, RecordingPurpose>> = {
  recordings: 'conversation',
  voicemail: 'voicemail',
};

/** Sets how long Temporal keeps finished workflows' histories (libs/temporal's NamespaceHistoryRetention). */
export interface HistoryRetention {
  setDays(days: number): Promise<void>;
}

export interface RetentionDeps {
  policies: RetentionPolicyRepository;
  runs: RetentionRunRepository;
  purge: RetentionPurgeRepository;
  /** Absent: Temporal's history retention is left alone. */
  history?: HistoryRetention;
  /** TEMPORAL_HISTORY_RETENTION_DAYS: the history retention when no account has a callerData period. */
  historyFallbackDays?: number;
}

/** The retention run's activities (workflows/src/background/enforce-retention.workflow.ts). */
export function createRetentionActivities(d: RetentionDeps) {
  const strippedCategory = (t: RetentionTask): StrippedCategory => {
    if (t.category in RECORDING_PURPOSE)
      throw ApplicationFailure.nonRetryable(`${t.category} are deleted one by one`, 'RetentionTaskKind');
    return t.category as StrippedCategory;
  };
  const purposeOf = (t: RetentionTask): RecordingPurpose => {
    const purpose = RECORDING_PURPOSE[t.category];
    if (!purpose)
      throw ApplicationFailure.nonRetryable(`${t.category} are no recordings`, 'RetentionTaskKind');
    return purpose;
  };
  const runOf = async (runId: string) => {
    const run = await d.runs.get(runId);
    if (!run) throw ApplicationFailure.nonRetryable(`no retention run ${runId}`, 'RetentionRunMissing');
    return run;
  };
  return {
    /** The row of a run the schedule started (one per workflow id: a retry finds the same row). */
    async openRetentionRun(workflowId: string, dryRun: boolean): Promise<string> {
      return (await d.runs.openScheduled(workflowId, dryRun)).id;
    },

    /**
     * The next property after `afterPropertyId` (in id order, of the run's account or of all) that
     * has a period in any category, with a task per such category. Cutoffs count back from the
     * run's start, so a run that resumes later still removes exactly what was due when it began.
     */
    async nextRetentionProperty(
      runId: string,
      afterPropertyId: string | null,
    ): Promise<RetentionPropertyPlan | null> {
      const run = await runOf(runId);
      let after = afterPropertyId;
      for (;;) {
        const page = await d.policies.propertiesAfter(run.accountId, after, PROPERTY_PAGE);
        for (const p of page) {
          const policy = effectiveRetention(retentionPolicyOf(p.policy), retentionOverridesOf(p.overrides));
          const tasks = RETENTION_CATEGORIES.flatMap((category) => {
            const cutoff = retentionCutoff(run.startedAt, policy[category]);
            return cutoff === null ? [] : [{ propertyId: p.propertyId, category, cutoff }];
          });
          if (tasks.length > 0) return { propertyId: p.propertyId, tasks };
        }
        if (page.length < PROPERTY_PAGE) return null;
        after = page[page.length - 1].propertyId;
      }
    },

    /** What a task would remove now (the dry run): recordings, or the category's units. */
    async countRetention(t: RetentionTask): Promise<number> {
      return t.category in RECORDING_PURPOSE
        ? d.purge.countExpiredRecordings(t.propertyId, purposeOf(t), t.cutoff)
        : d.purge.count(strippedCategory(t), t.propertyId, t.cutoff);
    },

    /** Strips one batch of a category's expired personal data (not recordings: expiredRecordings). */
    async stripRetentionBatch(t: RetentionTask): Promise<RetentionBatchResult> {
      return d.purge.strip(strippedCategory(t), t.propertyId, t.cutoff, RETENTION_BATCH);
    },

    /** The next expired recordings of a recordings or voicemail task, for deleteRecording. */
    async expiredRecordings(t: RetentionTask): Promise<string[]> {
      return d.purge.expiredRecordings(t.propertyId, purposeOf(t), t.cutoff, RECORDING_BATCH);
    },

    /** Records one property's count of one category on the run (a repeat sets the same value). */
    async recordRetentionCount(
      runId: string,
      propertyId: string,
      category: RetentionCategory,
      n: number,
    ): Promise<void> {
      await d.runs.setCount(runId, propertyId, category, n);
    },

    async finishRetentionRun(
      runId: string,
      status: 'succeeded' | 'failed',
      error: string | null,
    ): Promise<void> {
      await d.runs.finish(runId, status, error);
    },

    /**
     * Sets Temporal's retention of finished workflows' histories (which hold callers' numbers) to
     * the shortest callerData period in force, else TEMPORAL_HISTORY_RETENTION_DAYS; null when it
     * was left alone.
     */
    async applyHistoryRetention(): Promise<number | null> {
      const days = historyRetentionDays(await d.policies.callerDataPeriods(), d.historyFallbackDays ?? null);
      if (days === null || !d.history) return null;
      await d.history.setDays(days);
      return days;
    },
  };
}
