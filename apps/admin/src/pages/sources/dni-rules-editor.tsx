import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';
import { DNI_RULE_KINDS, DNI_RULE_LABELS, emptyDraft, type DniRuleDraft } from './dni-rule-draft';

/**
 * A source's DNI rules: which website visits it claims (any one rule holding is enough). The api
 * names problems `dniRules[i].field`; each shows beside its rule's input.
 */
export function DniRulesEditor({
  rules,
  onChange,
  problem,
  readOnly,
}: {
  rules: readonly DniRuleDraft[];
  onChange: (rules: DniRuleDraft[]) => void;
  problem: ApiProblem | undefined;
  readOnly: boolean;
}) {
  const set = (i: number, patch: Partial<DniRuleDraft>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="dni-rules" disabled={readOnly}>
      <legend>Website visits this source claims (DNI rules)</legend>
      {rules.length === 0 && (
        <p className="muted">No rule: web visitors never see this source&apos;s numbers.</p>
      )}
      <ol>
        {rules.map((r, i) => {
          const at = `dniRules[${i}]`;
          return (
            <li key={i} className="dni-rule">
              <Field label={`Rule ${i + 1}`} name={`${at}.kind`} problem={problem}>
                {(a) => (
                  <select
                    {...a}
                    value={r.kind}
                    onChange={(e) => set(i, { kind: e.target.value as DniRuleDraft['kind'] })}
                  >
                    {DNI_RULE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {DNI_RULE_LABELS[k]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {r.kind === 'referrer_domain' && (
                <Field
                  label={`Rule ${i + 1} domains`}
                  name={`${at}.domains`}
                  problem={problem}
                  list
                  hint="One per line; google.com covers www.google.com"
                >
                  {(a) => (
                    <textarea
                      {...a}
                      rows={3}
                      value={r.domains}
                      onChange={(e) => set(i, { domains: e.target.value })}
                    />
                  )}
                </Field>
              )}
              {r.kind === 'query_param' && (
                <>
                  <Field
                    label={`Rule ${i + 1} parameter`}
                    name={`${at}.param`}
                    problem={problem}
                    hint="e.g. utm_source, gclid"
                  >
                    {(a) => (
                      <input {...a} value={r.param} onChange={(e) => set(i, { param: e.target.value })} />
                    )}
                  </Field>
                  <Field
                    label={`Rule ${i + 1} values`}
                    name={`${at}.values`}
                    problem={problem}
                    list
                    hint="One per line, any case; none: the parameter being there is enough"
                  >
                    {(a) => (
                      <textarea
                        {...a}
                        rows={2}
                        value={r.values}
                        onChange={(e) => set(i, { values: e.target.value })}
                      />
                    )}
                  </Field>
                </>
              )}
              {!readOnly && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onChange(rules.filter((_, j) => j !== i))}
                >
                  Remove rule {i + 1}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <button type="button" className="secondary" onClick={() => onChange([...rules, emptyDraft()])}>
          Add a rule
        </button>
      )}
    </fieldset>
  );
}
