import type { Criterion } from './criterion-model';
import { LEAD_STATUSES, TEXT_OPERATORS, isSessionCriterion } from './criterion-model';

/**
 * What is wrong with one criterion as stored data (flows arrive as JSON, so shapes are checked
 * here rather than trusted). Returns human-readable problems; empty when the criterion is sound.
 */
export function criterionProblems(criterion: Criterion): string[] {
  const c = criterion as Criterion & Record<string, unknown>;
  if (isSessionCriterion(criterion)) {
    const problems: string[] = [];
    if (!TEXT_OPERATORS.includes(criterion.op))
      problems.push(`unknown operator "${String(c.op)}" for ${criterion.type}`);
    if (typeof criterion.value !== 'string' || criterion.value.trim() === '')
      problems.push(`${criterion.type} needs a value`);
    return problems;
  }
  switch (criterion.type) {
    case 'first_time':
    case 'repeat':
      return [];
    case 'source': {
      const problems: string[] = [];
      if (criterion.op !== 'is' && criterion.op !== 'is_not')
        problems.push(`unknown operator "${String(c.op)}" for source`);
      if (!Array.isArray(criterion.values) || criterion.values.length === 0) {
        problems.push('source needs at least one value');
      } else if (criterion.values.some((v) => typeof v !== 'string' || v.trim() === '')) {
        problems.push('source values must not be blank');
      }
      return problems;
    }
    case 'previous_score': {
      const problems: string[] = [];
      if (criterion.op !== 'at_least' && criterion.op !== 'below')
        problems.push(`unknown operator "${String(c.op)}" for previous_score`);
      if (typeof criterion.value !== 'number' || !Number.isFinite(criterion.value))
        problems.push('previous_score needs a numeric value');
      return problems;
    }
    case 'previous_lead_status':
      return LEAD_STATUSES.includes(criterion.value)
        ? []
        : [`previous_lead_status must be one of ${LEAD_STATUSES.join(', ')}`];
    default:
      return [`unknown criterion type "${String(c.type)}"`];
  }
}

/**
 * Why an AND-set of criteria can never hold for any caller, or null. Only contradictions that
 * are certain are reported (first-time and repeat; two different lead statuses; a score range
 * that is empty).
 */
export function unsatisfiableReason(criteria: readonly Criterion[]): string | null {
  const types = new Set(criteria.map((c) => c.type));
  if (types.has('first_time') && types.has('repeat')) return 'a caller cannot be both first-time and repeat';
  const statuses = new Set(criteria.flatMap((c) => (c.type === 'previous_lead_status' ? [c.value] : [])));
  if (statuses.size > 1) return 'a caller has only one previous lead status';
  if (types.has('first_time') && (types.has('previous_score') || types.has('previous_lead_status'))) {
    return 'a first-time caller has no previous call';
  }
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  for (const c of criteria) {
    if (c.type === 'previous_score') {
      if (c.op === 'at_least') low = Math.max(low, c.value);
      else high = Math.min(high, c.value);
    }
  }
  if (low >= high) return `no score is at least ${low} and below ${high}`;
  return null;
}
