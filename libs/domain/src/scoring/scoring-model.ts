import type { LeadStatus } from '../routing/criterion-model';

/** How a call ended, from the business's point of view. */
export type CallOutcome = 'answered' | 'voicemail' | 'abandoned' | 'no_answer' | 'rejected';

export const CALL_OUTCOMES: readonly CallOutcome[] = [
  'answered',
  'voicemail',
  'abandoned',
  'no_answer',
  'rejected',
];

/**
 * A property's call-scoring rules (CallScore / lead status). Every call starts at `baseScore`; each
 * rule whose conditions all hold adds its points (negative points subtract); the sum is clamped to
 * 0–100. The score then decides the lead status: at least `goodLeadAtLeast` is a good lead, below
 * `notALeadBelow` is not a lead, anything between is left "not scored" for a person to judge.
 */
export interface ScoringRules {
  readonly baseScore: number;
  readonly rules: readonly ScoreRule[];
  readonly goodLeadAtLeast: number;
  readonly notALeadBelow: number;
}

export interface ScoreRule {
  /** Shown in a call's score explanation ("answered", "talked a minute"…). */
  readonly name: string;
  readonly when: ScoreCondition;
  /** -100…100. */
  readonly points: number;
}

/** Conditions of one rule; every field given must hold (an empty condition always holds). */
export interface ScoreCondition {
  readonly answered?: boolean;
  /** The call's outcome is one of these. */
  readonly outcomeIn?: readonly CallOutcome[];
  readonly talkSecondsAtLeast?: number;
  readonly talkSecondsBelow?: number;
  /** The call passed through this flow step (a menu option's target, say). */
  readonly pathIncludes?: string;
  /**
   * The call's transcript contains one of these words or phrases (case-insensitive, whole words).
   * A call without a transcript never matches: no transcript is not the absence of the words.
   */
  readonly transcriptHasAny?: readonly string[];
  readonly firstTime?: boolean;
  /** Tracking source names, compared case-insensitively. */
  readonly sourceIn?: readonly string[];
}

/** What scoring reads of a finished call. */
export interface ScoredCall {
  readonly outcome: CallOutcome;
  readonly talkSeconds: number;
  /** Step ids the call visited, in order. */
  readonly path: readonly string[];
  readonly transcript?: string | null;
  readonly firstTime: boolean;
  readonly source?: string | null;
}

/**
 * What scoring reads of an inbound text conversation: its message bodies (one per line) in place
 * of a transcript, and whether the texter is new and where they came from.
 */
export interface ScoredText {
  readonly transcript?: string | null;
  readonly firstTime: boolean;
  readonly source?: string | null;
}

/** A call's score; `score` is null when the property has no rules. */
export interface CallScore {
  readonly score: number | null;
  readonly leadStatus: LeadStatus;
  /** Names of the rules that matched, in rule order. */
  readonly matched: readonly string[];
}

export const SCORE_LIMITS = { maxRules: 50, maxPoints: 100, maxKeywords: 50 } as const;
