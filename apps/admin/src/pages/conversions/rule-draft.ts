import type { Body, Ok } from '../../api/types';
import { joinList, splitList } from '../../ui/list-text';

export type Rule = Ok<'/v1/properties/{propertyId}/conversion-rules/{ruleId}', 'get'>;
export type RuleBody = Body<'/v1/properties/{propertyId}/conversion-rules', 'post'>;

export const LEAD_STATUSES = ['good_lead', 'not_a_lead', 'not_scored'] as const;
type LeadStatus = (typeof LEAD_STATUSES)[number];
/** A yes/no condition that may be left out: '' holds for both. */
export type Tri = '' | 'yes' | 'no';

/** A rule as its form edits it: every input as typed, lists as text (one per line). */
export interface RuleDraft {
  name: string;
  value: string;
  currency: string;
  leadKind: 'call' | 'form';
  answered: Tri;
  talkSecondsAtLeast: string;
  leadStatus: LeadStatus | '';
  firstTime: Tri;
  sourceIn: string;
  formNameIn: string;
  destinationIds: string[];
  enabled: boolean;
}

export const newRuleDraft = (destinationIds: string[] = []): RuleDraft => ({
  name: '',
  value: '',
  currency: 'USD',
  leadKind: 'call',
  answered: 'yes',
  talkSecondsAtLeast: '60',
  leadStatus: '',
  firstTime: '',
  sourceIn: '',
  formNameIn: '',
  destinationIds,
  enabled: true,
});

const tri = (v: unknown): Tri => (v === true ? 'yes' : v === false ? 'no' : '');
const untri = (t: Tri): boolean | undefined => (t === '' ? undefined : t === 'yes');
const list = (v: unknown): string => (Array.isArray(v) ? joinList(v as string[]) : '');

export function toRuleDraft(rule: Rule): RuleDraft {
  const w = rule.when;
  return {
    name: rule.name,
    value: rule.value === null ? '' : String(rule.value),
    currency: rule.currency,
    leadKind: w.leadKind === 'form' ? 'form' : 'call',
    answered: tri(w.answered),
    talkSecondsAtLeast: typeof w.talkSecondsAtLeast === 'number' ? String(w.talkSecondsAtLeast) : '',
    leadStatus: (w.leadStatus as LeadStatus | undefined) ?? '',
    firstTime: tri(w.firstTime),
    sourceIn: list(w.sourceIn),
    formNameIn: list(w.formNameIn),
    destinationIds: [...rule.destinationIds],
    enabled: rule.enabled,
  };
}

/** The api's body: conditions left empty are left out (they hold for every lead). */
export function toRuleBody(d: RuleDraft): RuleBody {
  const when: Record<string, unknown> = { leadKind: d.leadKind };
  if (d.leadKind === 'call') {
    const answered = untri(d.answered);
    if (answered !== undefined) when.answered = answered;
    if (d.talkSecondsAtLeast.trim() !== '') when.talkSecondsAtLeast = Number(d.talkSecondsAtLeast);
    if (d.leadStatus) when.leadStatus = d.leadStatus;
    const firstTime = untri(d.firstTime);
    if (firstTime !== undefined) when.firstTime = firstTime;
    if (splitList(d.sourceIn).length > 0) when.sourceIn = splitList(d.sourceIn);
  } else if (splitList(d.formNameIn).length > 0) when.formNameIn = splitList(d.formNameIn);
  return {
    name: d.name.trim(),
    value: d.value.trim() === '' ? null : Number(d.value),
    currency: d.currency.trim().toUpperCase(),
    when,
    destinationIds: d.destinationIds,
    enabled: d.enabled,
  };
}

/** The condition in words: `Call: answered, talked at least 60 s, good lead`. */
export function describeCondition(when: Rule['when']): string {
  if (when.leadKind === 'form') {
    const names = Array.isArray(when.formNameIn) ? (when.formNameIn as string[]) : [];
    return names.length > 0 ? `Form named ${names.join(', ')}` : 'Any form';
  }
  const parts: string[] = [];
  if (when.answered === true) parts.push('answered');
  if (when.answered === false) parts.push('not answered');
  if (typeof when.talkSecondsAtLeast === 'number') parts.push(`talked at least ${when.talkSecondsAtLeast} s`);
  if (typeof when.leadStatus === 'string') parts.push(when.leadStatus.replace(/_/g, ' '));
  if (when.firstTime === true) parts.push('first-time caller');
  if (when.firstTime === false) parts.push('repeat caller');
  if (Array.isArray(when.sourceIn)) parts.push(`source ${(when.sourceIn as string[]).join(' or ')}`);
  return parts.length > 0 ? `Call: ${parts.join(', ')}` : 'Any call';
}
