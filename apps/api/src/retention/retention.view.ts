import { OverrideField } from './dto';

/*
 * What the retention routes answer with: response classes, types only (read by the OpenAPI
 * plugin); the service builds plain objects of these shapes.
 */

/** Each category's period in days; null: kept until erased. */
export class RetentionPolicyView {
  recordings: number | null;
  voicemail: number | null;
  transcripts: number | null;
  texts: number | null;
  emails: number | null;
  forms: number | null;
  callerData: number | null;
}

/** A property's own periods: days, `"forever"`, or null (the account's). */
export class RetentionOverridesView {
  @OverrideField(true)
  recordings: number | string | null;
  @OverrideField(true)
  voicemail: number | string | null;
  @OverrideField(true)
  transcripts: number | string | null;
  @OverrideField(true)
  texts: number | string | null;
  @OverrideField(true)
  emails: number | string | null;
  @OverrideField(true)
  forms: number | string | null;
  @OverrideField(true)
  callerData: number | string | null;
}

/** A property's retention: its overrides, the account's policy, and what applies. */
export class PropertyRetentionView {
  overrides: RetentionOverridesView;
  account: RetentionPolicyView;
  /** What the property's data is kept for: the override where there is one, else the account's. */
  effective: RetentionPolicyView;
}

/** How many units a run removed (or, in a dry run, would remove) per category. */
export class RetentionCountsView {
  /** Recordings deleted. */
  recordings?: number;
  /** Voicemail recordings deleted. */
  voicemail?: number;
  /** Calls whose transcript went. */
  transcripts?: number;
  /** Text messages whose body went. */
  texts?: number;
  /** Emails stripped. */
  emails?: number;
  /** Form submissions stripped. */
  forms?: number;
  /** Call records whose caller was tokenised. */
  callerData?: number;
}

/** One retention run. */
export class RetentionRunView {
  id: string;
  dryRun: boolean;
  /** `api`: started through POST /v1/privacy/retention/runs. */
  trigger: 'api' | 'schedule';
  status: 'running' | 'succeeded' | 'failed';
  /** Per property id: what the run removed (or counted) there, by category. */
  counts: Record<string, RetentionCountsView>;
  /** The counts summed over properties. */
  totals: RetentionCountsView;
  /** Why a failed run failed. */
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** The run's Temporal workflow. */
  workflowId: string;
}

export class RetentionRunList {
  items: RetentionRunView[];
}
