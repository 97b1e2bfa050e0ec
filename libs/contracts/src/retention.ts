import type { RetentionCategory } from '@switchboard/domain';

/** The retention run workflow (docs/privacy.md), started by the api and by the schedule. */
export const ENFORCE_RETENTION_WORKFLOW = 'enforceRetention';

/** The Temporal Schedule that starts a real run over every account (RETENTION_SCHEDULE). */
export const RETENTION_SCHEDULE_ID = 'retention-daily';

/** A run started through the api: its workflow is named by its row. */
export const retentionRunWorkflowId = (runId: string) => `retention-${runId}`;

/** One category of one property, with the instant before which its data has expired (ISO). */
export interface RetentionTask {
  propertyId: string;
  category: RetentionCategory;
  cutoff: string;
}

/** The next property a run has work on, and that work (categories with a period only). */
export interface RetentionPropertyPlan {
  propertyId: string;
  tasks: RetentionTask[];
}

/** What one purge batch did: rows it stripped (or recordings it deleted), and whether more remain. */
export interface RetentionBatchResult {
  removed: number;
  more: boolean;
}

/** What a run counts: removed (or, in a dry run, to remove) per property and category. */
export type RetentionCounts = Record<string, Partial<Record<RetentionCategory, number>>>;

export interface EnforceRetentionInput {
  /** The run's row; absent when the schedule starts it (the run opens its own row). */
  runId?: string;
  /** Count what would be removed; change nothing. */
  dryRun: boolean;
  /** Where a run that continued as new resumes. */
  progress?: RetentionProgress;
  /** Activities per workflow run before continuing as new (tests make it small). */
  activitiesPerRun?: number;
}

/** What a run carries across continue-as-new. */
export interface RetentionProgress {
  /** The last property whose work is done (its counts recorded); null: none yet. */
  afterPropertyId: string | null;
  /** The property under way, the task it is at, and its counts so far. */
  current: {
    plan: RetentionPropertyPlan;
    taskIndex: number;
    counts: Partial<Record<RetentionCategory, number>>;
  } | null;
  /** The namespace's history retention was set at the run's start. */
  historyRetentionSet: boolean;
}

export interface RetentionOutcome {
  runId: string;
  status: 'succeeded' | 'failed';
}
