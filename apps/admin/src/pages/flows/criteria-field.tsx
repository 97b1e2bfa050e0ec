import {
  LEAD_STATUSES,
  isSessionCriterion,
  TEXT_OPERATORS,
  type Criterion,
  type CriterionType,
  type TextOperator,
} from '@switchboard/domain';
import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';

/** Every criterion a route branch can test (libs/domain's routing criterion model), as admins name them. */
const CRITERION_LABELS: Record<CriterionType, string> = {
  first_time: 'First-time caller',
  repeat: 'Repeat caller',
  source: 'Source',
  keyword: 'Keyword',
  active_page: 'Active page',
  landing_page: 'Landing page',
  campaign: 'Campaign',
  referrer: 'Referrer',
  previous_score: 'Previous call score',
  previous_lead_status: 'Previous call lead status',
};

const OPERATOR_LABELS = {
  equals: 'is',
  contains: 'contains',
  starts_with: 'starts with',
  matches: 'matches (* and ?)',
} as const;

const LEAD_LABELS = { good_lead: 'good lead', not_a_lead: 'not a lead', not_scored: 'not scored' } as const;

/** A criterion of the chosen type as the form starts it. */
export function newCriterion(type: CriterionType): Criterion {
  if (type === 'first_time' || type === 'repeat') return { type };
  if (type === 'source') return { type, op: 'is', values: [] };
  if (type === 'previous_score') return { type, op: 'at_least', value: 50 };
  if (type === 'previous_lead_status') return { type, value: 'good_lead' };
  return { type, op: 'contains', value: '' };
}

/** The criteria of one route branch (all must hold), each with its type and values. */
export function CriteriaField({
  name,
  legend,
  criteria,
  problem,
  onChange,
}: {
  /** `branches[0].criteria` */
  name: string;
  legend: string;
  criteria: readonly Criterion[];
  problem: ApiProblem | undefined;
  onChange: (criteria: Criterion[]) => void;
}) {
  const set = (i: number, c: Criterion) => onChange(criteria.map((x, j) => (j === i ? c : x)));
  return (
    <fieldset className="criteria">
      <legend>{legend}</legend>
      {problem?.forField(name) && <p className="field-error">{problem.forField(name)}</p>}
      {criteria.map((c, i) => {
        const at = `${name}[${i}]`;
        const n = i + 1;
        return (
          <div key={i} className="criterion">
            <Field label={`Criterion ${n}`} name={at} problem={problem}>
              {(a) => (
                <select
                  {...a}
                  value={c.type}
                  onChange={(e) => set(i, newCriterion(e.target.value as CriterionType))}
                >
                  {(Object.keys(CRITERION_LABELS) as CriterionType[]).map((t) => (
                    <option key={t} value={t}>
                      {CRITERION_LABELS[t]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {c.type === 'source' && (
              <>
                <Field label={`Criterion ${n}: test`} name={`${at}.op`} problem={problem}>
                  {(a) => (
                    <select
                      {...a}
                      value={c.op}
                      onChange={(e) => set(i, { ...c, op: e.target.value as 'is' | 'is_not' })}
                    >
                      <option value="is">is one of</option>
                      <option value="is_not">is none of</option>
                    </select>
                  )}
                </Field>
                <Field
                  label={`Criterion ${n}: sources`}
                  name={`${at}.values`}
                  problem={problem}
                  hint="Source names, separated by commas"
                >
                  {(a) => (
                    <input
                      {...a}
                      value={c.values.join(', ')}
                      onChange={(e) =>
                        set(i, {
                          ...c,
                          values: e.target.value
                            .split(',')
                            .map((v) => v.trim())
                            .filter((v, k, all) => v !== '' || k === all.length - 1),
                        })
                      }
                    />
                  )}
                </Field>
              </>
            )}
            {isSessionCriterion(c) && (
              <>
                <Field label={`Criterion ${n}: test`} name={`${at}.op`} problem={problem}>
                  {(a) => (
                    <select
                      {...a}
                      value={c.op}
                      onChange={(e) => set(i, { ...c, op: e.target.value as TextOperator })}
                    >
                      {TEXT_OPERATORS.map((o) => (
                        <option key={o} value={o}>
                          {OPERATOR_LABELS[o]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={`Criterion ${n}: value`} name={`${at}.value`} problem={problem}>
                  {(a) => (
                    <input {...a} value={c.value} onChange={(e) => set(i, { ...c, value: e.target.value })} />
                  )}
                </Field>
              </>
            )}
            {c.type === 'previous_score' && (
              <>
                <Field label={`Criterion ${n}: test`} name={`${at}.op`} problem={problem}>
                  {(a) => (
                    <select
                      {...a}
                      value={c.op}
                      onChange={(e) => set(i, { ...c, op: e.target.value as 'at_least' | 'below' })}
                    >
                      <option value="at_least">at least</option>
                      <option value="below">below</option>
                    </select>
                  )}
                </Field>
                <Field label={`Criterion ${n}: score`} name={`${at}.value`} problem={problem}>
                  {(a) => (
                    <input
                      {...a}
                      type="number"
                      value={c.value}
                      onChange={(e) => set(i, { ...c, value: Number(e.target.value) })}
                    />
                  )}
                </Field>
              </>
            )}
            {c.type === 'previous_lead_status' && (
              <Field label={`Criterion ${n}: status`} name={`${at}.value`} problem={problem}>
                {(a) => (
                  <select
                    {...a}
                    value={c.value}
                    onChange={(e) =>
                      set(i, { ...c, value: e.target.value as (typeof LEAD_STATUSES)[number] })
                    }
                  >
                    {LEAD_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {LEAD_LABELS[s]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(criteria.filter((_, j) => j !== i))}
            >
              Remove criterion {n}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...criteria, newCriterion('first_time')])}>
        Add criterion
      </button>
    </fieldset>
  );
}
