import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { SwitchboardConfig } from '@switchboard/config';
import { RESCORE_CALLS_WORKFLOW, type RescoreCallsInput } from '@switchboard/contracts';
import { scoreCall, validateScoringRules, type ScoringRules } from '@switchboard/domain';
import {
  CallScoringRepository,
  Transactions,
  type CallScoreState,
  type ScoreChange,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { issueField, runDomainCheck } from '../common/domain-issues';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { ConversionsService } from '../conversions/conversions.service';
import { plain } from '../resources/dto-fields';
import type { ManualScoreDto, ScoringRulesDto } from './dto';
import type { PropertyScoringView, SavedScoringView } from './scoring-rules.view';

/**
 * A property's scoring rules, changing which rescores its calls in the background; and one call's
 * score, which a person may set (audited) or give back to the rules.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly repo: CallScoringRepository,
    private readonly tx: Transactions,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
    private readonly conversions: ConversionsService,
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

  /**
   * A person sets a call's lead status (and score): kept through rule changes, and audited. A
   * conversion rule asking for that status produces its conversion (rescoring does the same for
   * rule-scored calls, in the worker).
   */
  async override(callId: string, change: ManualScoreDto, actor: string): Promise<CallScoreState> {
    return this.tx.run(async (tx) => {
      const before = await this.lockScore(callId, tx);
      const score = change.score === undefined ? before.score : change.score;
      const after = { score, leadStatus: change.leadStatus };
      await this.repo.setManualScore(callId, score, change.leadStatus, tx);
      await this.repo.recordChange(
        { callId, actor, action: 'override', before, after, note: change.note },
        tx,
      );
      await this.conversions.produceForCalls([callId], tx);
      return { ...after, scoreSource: 'manual', scoreReasons: [] };
    });
  }

  /** Drops a person's score: the call is scored by the property's rules again, now. */
  async backToRules(callId: string, actor: string, note?: string | null): Promise<CallScoreState> {
    return this.tx.run(async (tx) => {
      const before = await this.lockScore(callId, tx);
      await this.repo.returnToRules(callId, tx);
      await this.scoreByRules(callId, tx);
      const after = await this.lockScore(callId, tx);
      await this.repo.recordChange({ callId, actor, action: 'back_to_rules', before, after, note }, tx);
      await this.conversions.produceForCalls([callId], tx);
      return after;
    });
  }

  /** Attaches a transcript; a rule-scored call is rescored at once (keyword rules read it). */
  async setTranscript(callId: string, transcript: string | null): Promise<CallScoreState> {
    return this.tx.run(async (tx) => {
      await this.applyTranscript(callId, transcript, tx);
      return this.lockScore(callId, tx);
    });
  }

  /**
   * The one rule of a transcript's change, by a person or the carrier: the call keeps it and, when
   * the rules score it, is rescored in the same transaction, with the conversions a new lead status
   * earns.
   */
  async applyTranscript(callId: string, transcript: string | null, tx: Tx): Promise<void> {
    await this.lockScore(callId, tx);
    await this.repo.setTranscript(callId, transcript, tx);
    await this.scoreByRules(callId, tx);
    await this.conversions.produceForCalls([callId], tx);
  }

  changes(callId: string): Promise<ScoreChange[]> {
    return this.repo.changes(callId);
  }

  /** The call's score, locked for the rest of `tx` (the controller found the call first). */
  private async lockScore(callId: string, tx: Tx): Promise<CallScoreState> {
    const state = await this.repo.lockScore(callId, tx);
    if (!state) throw new Error(`call ${callId} does not exist`);
    return state;
  }

  /** Scores the call by its property's rules as they are now, unless a person scored it. */
  private async scoreByRules(callId: string, tx: Tx): Promise<void> {
    const c = await this.repo.ruleScoredCall(callId, tx);
    if (c) await this.repo.writeScores(c.version, [{ id: c.id, score: scoreCall(c.rules, c.call) }], tx);
  }
}
