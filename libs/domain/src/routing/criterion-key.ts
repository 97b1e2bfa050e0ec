import type { Criterion } from './criterion-model';
import { isUrlField, isSessionCriterion } from './criterion-model';
import { normalizeText } from './text-match';
import { normalizeUrl, urlToText } from './url-normalize';

/**
 * A canonical text for a criterion, so that two criteria meaning the same thing get the same key
 * (case, whitespace, order of source values, URL spelling). Used to reject duplicate branches and
 * to spot shadowed ones.
 */
export function criterionKey(criterion: Criterion): string {
  if (isSessionCriterion(criterion)) {
    const value = isUrlField(criterion.type)
      ? urlToText(normalizeUrl(criterion.value), { withScheme: true, withHost: true, trailingSlash: false })
      : normalizeText(criterion.value);
    return `${criterion.type}:${criterion.op}:${value}`;
  }
  switch (criterion.type) {
    case 'first_time':
    case 'repeat':
      return criterion.type;
    case 'source': {
      const values = [...new Set(criterion.values.map(normalizeText))].sort();
      return `source:${criterion.op}:${values.join('|')}`;
    }
    case 'previous_score':
      return `previous_score:${criterion.op}:${criterion.value}`;
    case 'previous_lead_status':
      return `previous_lead_status:${criterion.value}`;
  }
}

/** Canonical key of an AND-set of criteria: order and repetition do not matter. */
export function criteriaSetKey(criteria: readonly Criterion[]): string {
  return [...new Set(criteria.map(criterionKey))].sort().join(' & ');
}
