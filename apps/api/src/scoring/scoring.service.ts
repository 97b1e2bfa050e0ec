import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { SwitchboardConfig } from '@switchboard/config';
import { RESCORE_CALLS_WORKFLOW, type RescoreCallsInput } from '@switchboard/contracts';
import { validateScoringRules, type ScoringRules } from '@switchboard/domain';
import { CallScoringRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { issueField, runDomainCheck } from '../common/domain-issues';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { plain } from '../resources/dto-fields';
import type { ScoringRulesDto } from './dto';
import type { PropertyScoringView, SavedScoringView } from './scoring-rules.view';

/** A property's scoring rules; changing them rescores its calls in the background. */
@Injectable()
export class ScoringService {
  constructor(
    readonly repo: CallScoringRepository,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  async get(propertyId: string): Promise<PropertyScoringView> {
    // The stored rules as sent: the domain's ScoringRules, whose arrays are readonly.
    return (await this.repo.rules(propertyId)) as PropertyScoringView;
  }

  /** Saves new rules (null removes them), then rescores every rule-scored call with them. */
  async set(propertyId: string, dto: ScoringRulesDto | null): Promise<SavedScoringView> {
    const rules = dto === null ? null : (plain(dto) as unknown as ScoringRules);
    if (rules !== null) {
      const report = runDomainCheck('rules', () => validateScoringRules(rules));
      if (report.errors.length > 0) throw ApiError.invalid(report.errors.map((e) => issueField(e)));
    }
    const version = await this.repo.saveRules(propertyId, rules);
    const workflowId = `rescore-${propertyId}-v${version}`;
    await this.client.workflow.start(RESCORE_CALLS_WORKFLOW, {
      workflowId,
      taskQueue: this.cfg.temporal.taskQueue,
      args: [{ propertyId, version } satisfies RescoreCallsInput],
    });
    return { ...(await this.get(propertyId)), rescoreWorkflowId: workflowId };
  }
}
