import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEAD_STATUSES, SCORE_LIMITS, type LeadStatus } from '@switchboard/domain';
import { OptionalNotNull } from '../resources/dto-fields';

// Only the shape is checked here; the rules themselves (condition names, outcomes, thresholds) are
// libs/domain's validateScoringRules.

export class ScoreRuleDto {
  @IsString()
  @Length(1, 100)
  name: string;

  /**
   * Conditions that must all hold: answered, outcomeIn, talkSecondsAtLeast, talkSecondsBelow,
   * pathIncludes, transcriptHasAny, firstTime, sourceIn.
   */
  @IsObject()
  when: Record<string, unknown>;

  /** -100…100 */
  @IsInt()
  points: number;
}

/** libs/domain's ScoringRules. */
export class ScoringRulesDto {
  /** 0–100: where every call starts. */
  @IsInt()
  baseScore: number;

  @IsArray()
  @ArrayMaxSize(SCORE_LIMITS.maxRules)
  @ValidateNested({ each: true })
  @Type(() => ScoreRuleDto)
  rules: ScoreRuleDto[];

  /** A score at least this is a good lead. */
  @IsInt()
  goodLeadAtLeast: number;

  /** A score below this is not a lead; between the two, not scored. */
  @IsInt()
  notALeadBelow: number;
}

/** A person's verdict on a call. */
export class ManualScoreDto {
  /** good_lead, not_a_lead or not_scored */
  @IsIn(LEAD_STATUSES)
  leadStatus: LeadStatus;

  /** 0–100; null clears it; absent keeps the current score. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  score?: number | null;

  /** Why (kept in the audit trail). */
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class BackToRulesDto {
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class TranscriptDto {
  /** The conversation as text (from a transcription service); keyword rules read it. */
  @IsString()
  @MaxLength(200_000)
  text: string;
}
