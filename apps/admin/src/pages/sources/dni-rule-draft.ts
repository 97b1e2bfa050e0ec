import { DNI_RULE_KINDS, type DniRule } from '@switchboard/domain';
import { joinList, splitList } from '../../ui/list-text';

/**
 * A DNI rule as its form edits it: lists as text (one item per line), so typing a newline or a
 * comma is not undone by re-rendering. `toRule` gives the domain's DniRule the api takes.
 */
export interface DniRuleDraft {
  kind: DniRule['kind'];
  domains: string;
  param: string;
  values: string;
}

export const DNI_RULE_LABELS: Readonly<Record<DniRule['kind'], string>> = {
  referrer_domain: 'Referrer is one of these sites',
  query_param: 'Landing page has a query parameter (UTM, click id…)',
  direct: 'Direct visit (no referrer, no campaign)',
  any_visit: 'Every visit (catch-all)',
};

export { DNI_RULE_KINDS };

export const emptyDraft = (kind: DniRule['kind'] = 'query_param'): DniRuleDraft => ({
  kind,
  domains: '',
  param: '',
  values: '',
});

export function toDraft(rule: DniRule): DniRuleDraft {
  const d = emptyDraft(rule.kind);
  if (rule.kind === 'referrer_domain') d.domains = joinList(rule.domains);
  if (rule.kind === 'query_param') {
    d.param = rule.param;
    d.values = joinList(rule.values);
  }
  return d;
}

export function toRule(d: DniRuleDraft): DniRule {
  switch (d.kind) {
    case 'referrer_domain':
      return { kind: 'referrer_domain', domains: splitList(d.domains) };
    case 'query_param': {
      const values = splitList(d.values);
      // No values: the parameter being present at all is the rule.
      return values.length > 0
        ? { kind: 'query_param', param: d.param.trim(), values }
        : { kind: 'query_param', param: d.param.trim() };
    }
    case 'direct':
      return { kind: 'direct' };
    case 'any_visit':
      return { kind: 'any_visit' };
  }
}

/** One line describing a rule, for the source list. */
export function describeRule(rule: DniRule): string {
  switch (rule.kind) {
    case 'referrer_domain':
      return `referrer ${rule.domains.join(', ')}`;
    case 'query_param':
      return rule.values?.length ? `${rule.param} = ${rule.values.join(' | ')}` : `${rule.param} present`;
    case 'direct':
      return 'direct';
    case 'any_visit':
      return 'every visit';
  }
}

/**
 * A source's rules as the domain types them. The OpenAPI document types the stored rules as plain
 * objects (a jsonb column); the api saved only rules validateDniRules accepted.
 */
export const dniRulesOf = (source: { dniRules: readonly object[] }): readonly DniRule[] =>
  source.dniRules as readonly unknown[] as readonly DniRule[];
