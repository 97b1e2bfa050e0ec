import type { LeadStatus } from '../routing/criterion-model';
import type { CallScore, ScoreCondition, ScoredCall, ScoredText, ScoringRules } from './scoring-model';

/** A call scored by no rules: no number, no verdict. */
export const UNSCORED: CallScore = { score: null, leadStatus: 'not_scored', matched: [] };

/**
 * Scores one finished call by a property's rules: the one definition of a call's score and lead
 * status, used when a call is saved, when rules change and when a manual override is cleared.
 */
export function scoreCall(rules: ScoringRules | null | undefined, call: ScoredCall): CallScore {
  return scoreBy(rules, (c) => callConditionsHold(c, call) && sharedConditionsHold(c, call));
}

/**
 * Conditions that only a call has (answered, outcome, talk time, flow path). A rule that names any
 * of them does not apply to a text: a text was never answered and has no talk time, so such a rule
 * neither adds nor subtracts its points there.
 */
export const CALL_ONLY_CONDITIONS = [
  'answered',
  'outcomeIn',
  'talkSecondsAtLeast',
  'talkSecondsBelow',
  'pathIncludes',
] as const satisfies readonly (keyof ScoreCondition)[];

/**
 * Scores an inbound text conversation by the same rules as calls, its message bodies standing for
 * the transcript: only the rules made of keyword, first-time and source conditions (or of none)
 * apply; see CALL_ONLY_CONDITIONS.
 */
export function scoreText(rules: ScoringRules | null | undefined, text: ScoredText): CallScore {
  return scoreBy(
    rules,
    (c) => CALL_ONLY_CONDITIONS.every((k) => c[k] === undefined) && sharedConditionsHold(c, text),
  );
}

/** Base score plus the points of every rule whose condition holds, clamped, with its verdict. */
function scoreBy(rules: ScoringRules | null | undefined, holds: (c: ScoreCondition) => boolean): CallScore {
  if (!rules) return UNSCORED;
  let score = rules.baseScore;
  const matched: string[] = [];
  for (const rule of rules.rules) {
    if (!holds(rule.when)) continue;
    score += rule.points;
    matched.push(rule.name);
  }
  score = Math.max(0, Math.min(100, Math.round(score)));
  return { score, leadStatus: leadStatusOf(rules, score), matched };
}

export function leadStatusOf(
  rules: Pick<ScoringRules, 'goodLeadAtLeast' | 'notALeadBelow'>,
  score: number,
): LeadStatus {
  if (score >= rules.goodLeadAtLeast) return 'good_lead';
  if (score < rules.notALeadBelow) return 'not_a_lead';
  return 'not_scored';
}

function callConditionsHold(c: ScoreCondition, call: ScoredCall): boolean {
  const answered = call.outcome === 'answered';
  if (c.answered !== undefined && c.answered !== answered) return false;
  if (c.outcomeIn !== undefined && !c.outcomeIn.includes(call.outcome)) return false;
  if (c.talkSecondsAtLeast !== undefined && call.talkSeconds < c.talkSecondsAtLeast) return false;
  if (c.talkSecondsBelow !== undefined && call.talkSeconds >= c.talkSecondsBelow) return false;
  if (c.pathIncludes !== undefined && !call.path.includes(c.pathIncludes)) return false;
  return true;
}

/** The conditions calls and texts both have. */
function sharedConditionsHold(c: ScoreCondition, lead: ScoredText): boolean {
  if (c.firstTime !== undefined && c.firstTime !== lead.firstTime) return false;
  if (c.sourceIn !== undefined) {
    const source = lead.source?.toLowerCase();
    if (source === undefined || !c.sourceIn.some((s) => s.toLowerCase() === source)) return false;
  }
  if (c.transcriptHasAny !== undefined) {
    if (!lead.transcript) return false;
    const words = ` ${wordsOf(lead.transcript)} `;
    if (!c.transcriptHasAny.some((k) => words.includes(` ${wordsOf(k)} `))) return false;
  }
  return true;
}

/** Lower-case words separated by single spaces, so "Tour!" and "tour" match and "detour" does not. */
function wordsOf(text: string): string {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean)
    .join(' ');
}
