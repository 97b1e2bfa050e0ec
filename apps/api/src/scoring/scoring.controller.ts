import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { ReachableCalls } from '../calls/reachable-calls';
import { UuidParam } from '../common/uuid-param.pipe';
import { CallScoreView, ScoreChangeList } from './call-score.view';
import { BackToRulesDto, ManualScoreDto, ScoringRulesDto, TranscriptDto } from './dto';
import type { PropertyScoringView, SavedScoringView } from './scoring-rules.view';
import { ScoringService } from './scoring.service';

const property = new UuidParam('propertyId');
const call = new UuidParam('callId');

/**
 * A property's call-scoring rules. Saving them answers at once; the property's calls are rescored
 * in the background (`staleCalls` counts down to 0). Calls a person scored keep their score.
 */
@Controller({ path: 'properties/:propertyId/scoring-rules', version: '1' })
export class ScoringRulesController {
  constructor(private readonly svc: ScoringService) {}

  @Get()
  get(@Param('propertyId', property) p: string): Promise<PropertyScoringView> {
    return this.svc.get(p);
  }

  @Put()
  set(@Param('propertyId', property) p: string, @Body() dto: ScoringRulesDto): Promise<SavedScoringView> {
    return this.svc.set(p, dto);
  }

  /** Removes the rules: rule-scored calls become not scored. */
  @Delete()
  remove(@Param('propertyId', property) p: string): Promise<SavedScoringView> {
    return this.svc.set(p, null);
  }
}

/** One call's score: set by hand (audited), given back to the rules, and its transcript. */
@Controller({ path: 'calls/:callId', version: '1' })
export class CallScoreController {
  constructor(
    private readonly svc: ScoringService,
    private readonly calls: ReachableCalls,
  ) {}

  /** Sets the lead status (and score) by hand; rule changes leave the call alone from now on. */
  @Put('score')
  async override(
    @Scope() scope: AccessScope,
    @Param('callId', call) id: string,
    @Body() dto: ManualScoreDto,
  ): Promise<CallScoreView> {
    await this.calls.find(id);
    return this.svc.override(id, dto, actorOf(scope));
  }

  /** Drops the manual score: the property's rules score the call again. */
  @Delete('score')
  async backToRules(
    @Scope() scope: AccessScope,
    @Param('callId', call) id: string,
    @Body() dto: BackToRulesDto,
  ): Promise<CallScoreView> {
    await this.calls.find(id);
    return this.svc.backToRules(id, actorOf(scope), dto?.note);
  }

  /** Who changed the call's score by hand, when, from what to what, and why. */
  @Get('score-changes')
  async changes(@Param('callId', call) id: string): Promise<ScoreChangeList> {
    await this.calls.find(id);
    return { items: await this.svc.changes(id) };
  }

  /** Attaches the conversation's transcript; the call is rescored at once. */
  @Put('transcript')
  async transcript(@Param('callId', call) id: string, @Body() dto: TranscriptDto): Promise<CallScoreView> {
    await this.calls.find(id);
    return this.svc.setTranscript(id, dto.text);
  }
}

/** Audit trail's "who": the API key that made the change. */
function actorOf(scope: AccessScope): string {
  return `api-key:${scope.keyId}`;
}
