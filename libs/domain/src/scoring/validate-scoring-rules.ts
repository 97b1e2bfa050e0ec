import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';
import { CALL_OUTCOMES, SCORE_LIMITS, type ScoringRules } from './scoring-model';

const CONDITION_KEYS = new Set([
  'answered',
  'outcomeIn',
  'talkSecondsAtLeast',
  'talkSecondsBelow',
  'pathIncludes',
  'transcriptHasAny',
  'firstTime',
  'sourceIn',
]);

/** Checks scoring rules before they are saved; paths name the offending field (`rules[2].when.outcomeIn`). */
export function validateScoringRules(input: unknown): ValidationReport {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const error = (path: string, message: string, code = 'invalid') => errors.push({ code, path, message });
  if (!isObject(input)) {
    error('', 'Scoring rules must be an object.');
    return { errors, warnings };
  }
  const r = input as Partial<Record<keyof ScoringRules, unknown>>;
  for (const key of ['baseScore', 'goodLeadAtLeast', 'notALeadBelow'] as const) {
    if (!isScore(r[key])) error(key, `${key} must be a whole number from 0 to 100.`);
  }
  if (isScore(r.goodLeadAtLeast) && isScore(r.notALeadBelow) && r.notALeadBelow > r.goodLeadAtLeast)
    error('notALeadBelow', 'notALeadBelow cannot be above goodLeadAtLeast.');
  if (!Array.isArray(r.rules)) {
    error('rules', 'rules must be a list.');
    return { errors, warnings };
  }
  if (r.rules.length > SCORE_LIMITS.maxRules) error('rules', `At most ${SCORE_LIMITS.maxRules} rules.`);
  const names = new Set<string>();
  r.rules.forEach((rule: unknown, i) => {
    const at = `rules[${i}]`;
    if (!isObject(rule)) return error(at, 'A rule must be an object.');
    if (typeof rule.name !== 'string' || rule.name.trim() === '') error(`${at}.name`, 'A rule needs a name.');
    else if (names.has(rule.name)) error(`${at}.name`, `Two rules are named "${rule.name}".`);
    else names.add(rule.name);
    if (!Number.isInteger(rule.points) || Math.abs(rule.points as number) > SCORE_LIMITS.maxPoints)
      error(
        `${at}.points`,
        `points must be a whole number from -${SCORE_LIMITS.maxPoints} to ${SCORE_LIMITS.maxPoints}.`,
      );
    if (!isObject(rule.when)) return error(`${at}.when`, 'when must be an object of conditions.');
    checkCondition(rule.when, `${at}.when`, error);
  });
  return { errors, warnings };
}

function checkCondition(
  w: Record<string, unknown>,
  at: string,
  error: (path: string, message: string) => void,
): void {
  for (const key of Object.keys(w))
    if (!CONDITION_KEYS.has(key))
      error(`${at}.${key}`, `"${key}" is not a condition (${[...CONDITION_KEYS].join(', ')}).`);
  for (const key of ['answered', 'firstTime'] as const)
    if (w[key] !== undefined && typeof w[key] !== 'boolean')
      error(`${at}.${key}`, `${key} must be true or false.`);
  for (const key of ['talkSecondsAtLeast', 'talkSecondsBelow'] as const)
    if (w[key] !== undefined && !(Number.isInteger(w[key]) && (w[key] as number) >= 0))
      error(`${at}.${key}`, `${key} must be a whole number of seconds.`);
  if (w.pathIncludes !== undefined && (typeof w.pathIncludes !== 'string' || w.pathIncludes === ''))
    error(`${at}.pathIncludes`, 'pathIncludes must name a flow step.');
  if (w.outcomeIn !== undefined) {
    if (!Array.isArray(w.outcomeIn) || w.outcomeIn.length === 0)
      error(`${at}.outcomeIn`, `outcomeIn must list outcomes (${CALL_OUTCOMES.join(', ')}).`);
    else
      w.outcomeIn.forEach((o: unknown, j) => {
        if (!CALL_OUTCOMES.includes(o as never))
          error(`${at}.outcomeIn[${j}]`, `"${String(o)}" is not an outcome (${CALL_OUTCOMES.join(', ')}).`);
      });
  }
  for (const key of ['transcriptHasAny', 'sourceIn'] as const) {
    const list = w[key];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.length > SCORE_LIMITS.maxKeywords ||
      !list.every((s) => typeof s === 'string' && s.trim() !== '')
    )
      error(`${at}.${key}`, `${key} must list 1 to ${SCORE_LIMITS.maxKeywords} non-empty strings.`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScore(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100;
}
