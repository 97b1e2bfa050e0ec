import type { LeadStatus } from '../routing/criterion-model';
import type { CallScore, ScoreCondition, ScoredCall, ScoringRules } from './scoring-model';

/** A call scored by no rules: no number, no verdict. */
export const UNSCORED: CallScore = { score: null, leadStatus: 'not_scored', matched: [] };

/**
 * Scores one finished call by a property's rules: the one definition of a call's score and lead
 * status, used when a call is saved, when rules change and when a manual override is cleared.
 */
export function scoreCall(rules: ScoringRules | null | undefined, call: ScoredCall): CallScore {
  if (!rules) return UNSCORED;
  let score = rules.baseScore;
  const matched: string[] = [];
  for (const rule of rules.rules) {
    if (!conditionHolds(rule.when, call)) continue;
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

function conditionHolds(c: ScoreCondition, call: ScoredCall): boolean {
  const answered = call.outcome === 'answered';
  if (c.answered !== undefined && c.answered !== answered) return false;
  if (c.outcomeIn !== undefined && !c.outcomeIn.includes(call.outcome)) return false;
  if (c.talkSecondsAtLeast !== undefined && call.talkSeconds < c.talkSecondsAtLeast) return false;
  if (c.talkSecondsBelow !== undefined && call.talkSeconds >= c.talkSecondsBelow) return false;
  if (c.pathIncludes !== undefined && !call.path.includes(c.pathIncludes)) return false;
  if (c.firstTime !== undefined && c.firstTime !== call.firstTime) return false;
  if (c.sourceIn !== undefined) {
    const source = call.source?.toLowerCase();
    if (source === undefined || !c.sourceIn.some((s) => s.toLowerCase() === source)) return false;
  }
  if (c.transcriptHasAny !== undefined) {
    if (!call.transcript) return false;
    const words = ` ${wordsOf(call.transcript)} `;
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
