import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { SwitchboardConfig } from '@switchboard/config';
import {
  ENFORCE_RETENTION_WORKFLOW,
  retentionRunWorkflowId,
  type EnforceRetentionInput,
} from '@switchboard/contracts';
import {
  effectiveRetention,
  RETENTION_CATEGORIES,
  retentionOverridesOf,
  retentionPolicyOf,
  validateRetentionOverrides,
  validateRetentionPolicy,
  type RetentionOverrides,
  type RetentionPolicy,
  type ValidationReport,
} from '@switchboard/domain';
import {
  RetentionPolicyRepository,
  RetentionRunRepository,
  type RetentionRun,
} from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { requireUnrestricted } from '../accounts/api-keys.service';
import { ApiError } from '../common/api-error';
import { issueField } from '../common/domain-issues';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import type { RetentionOverridesDto, RetentionPolicyDto } from './dto';
import type { PropertyRetentionView, RetentionCountsView, RetentionRunView } from './retention.view';

/**
 * Retention policies (the account's, a property's overrides) and the runs that enforce them
 * (docs/privacy.md). A run started here covers the caller's account only; the schedule's cover all.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly policies: RetentionPolicyRepository,
    private readonly runs: RetentionRunRepository,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  async accountPolicy(accountId: string): Promise<RetentionPolicy> {
    return retentionPolicyOf((await this.policies.accountPolicy(accountId)) ?? {});
  }

  /** Replaces the account's policy: a category left out is kept until erased. */
  async setAccountPolicy(scope: AccessScope, dto: RetentionPolicyDto): Promise<RetentionPolicy> {
    requireUnrestricted(scope, "changing the account's retention policy");
    const body = { ...dto };
    refuseInvalid(validateRetentionPolicy(body));
    const policy = retentionPolicyOf(body);
    await this.policies.setAccountPolicy(scope.accountId, policy);
    return policy;
  }

  async propertyRetention(propertyId: string): Promise<PropertyRetentionView> {
    const p = await this.policies.ofProperty(propertyId);
    if (!p) throw ApiError.notFound('property', propertyId);
    const account = retentionPolicyOf(p.policy);
    const overrides = retentionOverridesOf(p.overrides);
    return { overrides, account, effective: effectiveRetention(account, overrides) };
  }

  /** Replaces the property's overrides: a category left out follows the account's policy. */
  async setPropertyOverrides(propertyId: string, dto: RetentionOverridesDto): Promise<PropertyRetentionView> {
    const body = { ...dto };
    refuseInvalid(validateRetentionOverrides(body));
    await this.policies.setPropertyOverrides(
      propertyId,
      retentionOverridesOf(body as Partial<RetentionOverrides>),
    );
    return this.propertyRetention(propertyId);
  }

  /**
   * Starts a run over the account's properties now. One real run of an account at a time (409
   * while one runs); dry runs may run beside it, as they change nothing.
   */
  async startRun(scope: AccessScope, dryRun: boolean): Promise<RetentionRunView> {
    requireUnrestricted(scope, 'starting a retention run');
    const run = await this.runs.openForAccount(scope.accountId, dryRun, retentionRunWorkflowId);
    if (!run)
      throw ApiError.conflict(
        'dryRun',
        'a retention run of this account is under way: wait for it to finish',
      );
    try {
      await this.client.workflow.start(ENFORCE_RETENTION_WORKFLOW, {
        workflowId: run.workflowId,
        taskQueue: this.cfg.temporal.taskQueue,
        args: [{ runId: run.id, dryRun } satisfies EnforceRetentionInput],
      });
    } catch (err) {
      // Never started: the row must not hold the account's one real run for ever.
      await this.runs.finish(run.id, 'failed', `not started: ${String(err)}`);
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'Temporal did not start the run: try again',
      );
    }
    return runView(run);
  }

  async listRuns(accountId: string, limit: number): Promise<RetentionRunView[]> {
    return (await this.runs.listOfAccount(accountId, limit)).map(runView);
  }

  async run(accountId: string, id: string): Promise<RetentionRunView> {
    const run = await this.runs.ofAccount(accountId, id);
    if (!run) throw ApiError.notFound('retention run', id);
    return runView(run);
  }
}

function refuseInvalid(report: ValidationReport): void {
  if (report.errors.length > 0) throw ApiError.invalid(report.errors.map((e) => issueField(e)));
}

function runView(r: RetentionRun): RetentionRunView {
  const totals: RetentionCountsView = {};
  for (const byCategory of Object.values(r.counts))
    for (const c of RETENTION_CATEGORIES)
      if (byCategory[c] !== undefined) totals[c] = (totals[c] ?? 0) + byCategory[c];
  return {
    id: r.id,
    dryRun: r.dryRun,
    trigger: r.trigger,
    status: r.status,
    counts: r.counts,
    totals,
    error: r.error,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    workflowId: r.workflowId,
  };
}
