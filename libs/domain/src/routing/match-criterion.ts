import type { CallerContext, VisitorSession } from './caller-context';
import type { Criterion, SessionField } from './criterion-model';
import { isUrlField } from './criterion-model';
import { matchText, matchUrl, normalizeText } from './text-match';

const SESSION_KEYS: Readonly<Record<SessionField, keyof VisitorSession>> = {
  keyword: 'keyword',
  active_page: 'activePage',
  landing_page: 'landingPage',
  campaign: 'campaign',
  referrer: 'referrer',
};

/**
 * Does one criterion hold for this caller?
 *
 * Unknowns never satisfy a positive test: no session → no session criterion matches; no previous
 * call → no previous_* criterion matches (a first-time caller is not "not scored", they are
 * simply new). The one negative test, `source is_not`, holds when the source is unknown, because
 * the caller then is indeed not from any of the listed sources.
 */
export function matchCriterion(criterion: Criterion, caller: CallerContext): boolean {
  switch (criterion.type) {
    case 'first_time':
      return caller.firstTime;
    case 'repeat':
      return !caller.firstTime;
    case 'source': {
      const source = caller.source === undefined ? undefined : normalizeText(caller.source);
      const listed = source !== undefined && criterion.values.some((v) => normalizeText(v) === source);
      return criterion.op === 'is' ? listed : !listed;
    }
    case 'previous_score': {
      const score = caller.previousCall?.score;
      if (score === undefined || !Number.isFinite(score)) return false;
      return criterion.op === 'at_least' ? score >= criterion.value : score < criterion.value;
    }
    case 'previous_lead_status': {
      if (caller.previousCall === undefined) return false;
      return (caller.previousCall.leadStatus ?? 'not_scored') === criterion.value;
    }
    case 'keyword':
    case 'active_page':
    case 'landing_page':
    case 'campaign':
    case 'referrer': {
      const value = caller.session?.[SESSION_KEYS[criterion.type]];
      if (value === undefined || value.trim() === '') return false;
      return isUrlField(criterion.type)
        ? matchUrl(criterion.op, criterion.value, value)
        : matchText(criterion.op, criterion.value, value);
    }
  }
}

/** AND of all criteria. An empty list matches nothing (validation rejects empty branches anyway). */
export function matchAllCriteria(criteria: readonly Criterion[], caller: CallerContext): boolean {
  return criteria.length > 0 && criteria.every((c) => matchCriterion(c, caller));
}
