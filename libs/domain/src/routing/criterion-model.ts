/**
 * Responsive-routing criteria. A branch holds one or more of these, all of which must hold (AND).
 *
 * Caller-history criteria (first_time, repeat, source, previous_*) are known for every call.
 * Session criteria (keyword, pages, campaign, referrer) come from the website visit that saw a
 * pool number; a source number has no visitor session, so on such a call they never match.
 */
export type Criterion =
  | FirstTimeCriterion
  | RepeatCriterion
  | SourceCriterion
  | SessionCriterion
  | PreviousScoreCriterion
  | PreviousLeadStatusCriterion;

export type CriterionType = Criterion['type'];

export interface FirstTimeCriterion {
  readonly type: 'first_time';
}

export interface RepeatCriterion {
  readonly type: 'repeat';
}

/** `is`: the call's source is one of `values`; `is_not`: it is none of them. */
export interface SourceCriterion {
  readonly type: 'source';
  readonly op: 'is' | 'is_not';
  readonly values: readonly string[];
}

export type SessionField = 'keyword' | 'active_page' | 'landing_page' | 'campaign' | 'referrer';

/**
 * Text operators, all case-insensitive. `matches` is a wildcard pattern (`*` = any run of
 * characters, `?` = one character), deliberately not a regular expression: patterns are typed by
 * admins and evaluated inside workflows, where a catastrophic regex would stall a live call.
 */
export type TextOperator = 'equals' | 'contains' | 'starts_with' | 'matches';

export interface SessionCriterion {
  readonly type: SessionField;
  readonly op: TextOperator;
  readonly value: string;
}

/** Score of the caller's previous call: `at_least` is >=, `below` is <. */
export interface PreviousScoreCriterion {
  readonly type: 'previous_score';
  readonly op: 'at_least' | 'below';
  readonly value: number;
}

export type LeadStatus = 'good_lead' | 'not_a_lead' | 'not_scored';

export interface PreviousLeadStatusCriterion {
  readonly type: 'previous_lead_status';
  readonly value: LeadStatus;
}

export const SESSION_FIELDS: readonly SessionField[] = [
  'keyword',
  'active_page',
  'landing_page',
  'campaign',
  'referrer',
];

export const LEAD_STATUSES: readonly LeadStatus[] = ['good_lead', 'not_a_lead', 'not_scored'];

export const TEXT_OPERATORS: readonly TextOperator[] = ['equals', 'contains', 'starts_with', 'matches'];

/** The one place that says which criteria depend on a visitor session. */
export function isSessionCriterion(criterion: Criterion): criterion is SessionCriterion {
  return (SESSION_FIELDS as readonly string[]).includes(criterion.type);
}

/** Session fields that hold URLs and therefore compare URL-aware (see text-match.ts). */
export function isUrlField(field: SessionField): boolean {
  return field === 'active_page' || field === 'landing_page' || field === 'referrer';
}
