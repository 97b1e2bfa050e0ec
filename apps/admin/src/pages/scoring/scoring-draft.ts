import type { CallOutcome, ScoreCondition, ScoreRule, ScoringRules } from '@switchboard/domain';
import { joinList, splitList } from '../../ui/list-text';

/**
 * Scoring rules as the form edits them: numbers as typed text and lists as lines, so half-typed
 * values survive re-rendering. `toRules` gives libs/domain's ScoringRules for the api, which
 * judges them (validateScoringRules) and names each problem's field.
 */
export type Tri = '' | 'yes' | 'no';

export interface RuleDraft {
  name: string;
  points: string;
  answered: Tri;
  outcomeIn: CallOutcome[];
  talkSecondsAtLeast: string;
  talkSecondsBelow: string;
  pathIncludes: string;
  transcriptHasAny: string;
  firstTime: Tri;
  sourceIn: string;
}

export interface ScoringDraft {
  baseScore: string;
  goodLeadAtLeast: string;
  notALeadBelow: string;
  rules: RuleDraft[];
}

export const emptyRule = (): RuleDraft => ({
  name: '',
  points: '10',
  answered: '',
  outcomeIn: [],
  talkSecondsAtLeast: '',
  talkSecondsBelow: '',
  pathIncludes: '',
  transcriptHasAny: '',
  firstTime: '',
  sourceIn: '',
});

/** A property without rules starts from a neutral base and the usual thresholds. */
export const NEW_RULES: ScoringRules = { baseScore: 50, goodLeadAtLeast: 70, notALeadBelow: 30, rules: [] };

const tri = (b: boolean | undefined): Tri => (b === undefined ? '' : b ? 'yes' : 'no');
const fromTri = (t: Tri): boolean | undefined => (t === '' ? undefined : t === 'yes');
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function toDraft(r: ScoringRules): ScoringDraft {
  return {
    baseScore: String(r.baseScore),
    goodLeadAtLeast: String(r.goodLeadAtLeast),
    notALeadBelow: String(r.notALeadBelow),
    rules: r.rules.map((rule) => ({
      name: rule.name,
      points: String(rule.points),
      answered: tri(rule.when.answered),
      outcomeIn: [...(rule.when.outcomeIn ?? [])],
      talkSecondsAtLeast: text(rule.when.talkSecondsAtLeast),
      talkSecondsBelow: text(rule.when.talkSecondsBelow),
      pathIncludes: rule.when.pathIncludes ?? '',
      transcriptHasAny: joinList(rule.when.transcriptHasAny),
      firstTime: tri(rule.when.firstTime),
      sourceIn: joinList(rule.when.sourceIn),
    })),
  };
}

/** Only the conditions given are sent (JSON leaves undefined out): an absent condition always holds. */
function toCondition(d: RuleDraft): ScoreCondition {
  const list = (s: string) => (splitList(s).length > 0 ? splitList(s) : undefined);
  return {
    answered: fromTri(d.answered),
    outcomeIn: d.outcomeIn.length > 0 ? d.outcomeIn : undefined,
    talkSecondsAtLeast: num(d.talkSecondsAtLeast),
    talkSecondsBelow: num(d.talkSecondsBelow),
    pathIncludes: d.pathIncludes.trim() || undefined,
    transcriptHasAny: list(d.transcriptHasAny),
    firstTime: fromTri(d.firstTime),
    sourceIn: list(d.sourceIn),
  };
}

export function toRules(d: ScoringDraft): ScoringRules {
  return {
    baseScore: Number(d.baseScore),
    goodLeadAtLeast: Number(d.goodLeadAtLeast),
    notALeadBelow: Number(d.notALeadBelow),
    rules: d.rules.map((r): ScoreRule => ({ name: r.name, points: Number(r.points), when: toCondition(r) })),
  };
}
