import { FLOW_LIMITS, type AskField, type AskRoute, type FlowStep } from '@switchboard/domain';
import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';

type AskStep = FlowStep & { type: 'ask' };

/** `leasing, maintenance` ↔ the field's values; empty text is a free-text field. */
const valuesText = (values: readonly string[] | undefined) => (values ?? []).join(', ');
const parseList = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** `maintenance: leak, repair; emergency: fire` ↔ the field's synonyms by value. */
const synonymsText = (synonyms: AskField['synonyms']) =>
  Object.entries(synonyms ?? {})
    .map(([value, words]) => `${value}: ${words.join(', ')}`)
    .join('; ');
function parseSynonyms(text: string): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const part of text.split(';')) {
    const [value, words = ''] = part.split(':');
    if (value.trim() !== '' && parseList(words).length > 0) out[value.trim()] = parseList(words);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A spoken front desk's own settings: the question (text: the carrier speaks it), how long the
 * caller may stay silent, the fields to understand, and the routes on them. Where each route and
 * the fallback go are its links, under "Where calls go".
 */
export function AskFields({
  step,
  problem,
  onChange,
}: {
  step: AskStep;
  problem: ApiProblem | undefined;
  onChange: (step: FlowStep) => void;
}) {
  const setField = (i: number, field: AskField) =>
    onChange({ ...step, fields: step.fields.map((f, j) => (j === i ? field : f)) });
  const setRoute = (i: number, route: AskRoute) =>
    onChange({ ...step, routes: step.routes.map((r, j) => (j === i ? route : r)) });
  const prompt = step.prompt.kind === 'tts' ? step.prompt : { kind: 'tts' as const, text: '' };
  return (
    <>
      <Field
        label="Question"
        name="prompt"
        problem={problem}
        hint="Spoken to the caller, who answers in their own words."
      >
        {(a) => (
          <textarea
            {...a}
            rows={3}
            value={prompt.text}
            onChange={(e) => onChange({ ...step, prompt: { ...prompt, text: e.target.value } })}
          />
        )}
      </Field>
      <Field
        label="Wait for an answer (seconds)"
        name="timeoutSeconds"
        problem={problem}
        hint={`${FLOW_LIMITS.askTimeoutSeconds.min}–${FLOW_LIMITS.askTimeoutSeconds.max}`}
      >
        {(a) => (
          <input
            {...a}
            type="number"
            min={FLOW_LIMITS.askTimeoutSeconds.min}
            max={FLOW_LIMITS.askTimeoutSeconds.max}
            value={Number.isFinite(step.timeoutSeconds) ? step.timeoutSeconds : ''}
            onChange={(e) =>
              onChange({
                ...step,
                timeoutSeconds: e.target.value === '' ? Number.NaN : Number(e.target.value),
              })
            }
          />
        )}
      </Field>
      <fieldset>
        <legend>What to understand</legend>
        {problem?.forField('fields') && <p className="field-error">{problem.forField('fields')}</p>}
        {step.fields.map((f, i) => (
          <div key={i} className="branch">
            <Field label={`Field ${i + 1} name`} name={`fields[${i}].name`} problem={problem}>
              {(a) => (
                <input {...a} value={f.name} onChange={(e) => setField(i, { ...f, name: e.target.value })} />
              )}
            </Field>
            <Field label={`Field ${i + 1} description`} name={`fields[${i}].description`} problem={problem}>
              {(a) => (
                <input
                  {...a}
                  value={f.description}
                  onChange={(e) => setField(i, { ...f, description: e.target.value })}
                />
              )}
            </Field>
            <Field
              label={`Field ${i + 1} values`}
              name={`fields[${i}].values`}
              problem={problem}
              hint="Separated by commas; empty for free text (a unit number, a name)."
            >
              {(a) => (
                <input
                  {...a}
                  value={valuesText(f.values)}
                  onChange={(e) => {
                    const { values: _v, ...rest } = f;
                    const values = parseList(e.target.value);
                    setField(i, values.length > 0 ? { ...f, values } : rest);
                  }}
                />
              )}
            </Field>
            {f.values !== undefined && (
              <Field
                label={`Field ${i + 1} other words`}
                name={`fields[${i}].synonyms`}
                problem={problem}
                hint="value: word, word; value: word"
              >
                {(a) => (
                  <input
                    {...a}
                    defaultValue={synonymsText(f.synonyms)}
                    onBlur={(e) => {
                      const { synonyms: _s, ...rest } = f;
                      const synonyms = parseSynonyms(e.target.value);
                      setField(i, synonyms ? { ...f, synonyms } : rest);
                    }}
                  />
                )}
              </Field>
            )}
            <div className="field field-check">
              <label>
                <input
                  type="checkbox"
                  checked={f.required === true}
                  onChange={(e) => setField(i, { ...f, required: e.target.checked })}
                />{' '}
                Field {i + 1} is needed to understand the caller
              </label>
            </div>
            <button
              type="button"
              className="link-button"
              onClick={() => onChange({ ...step, fields: step.fields.filter((_, j) => j !== i) })}
            >
              Remove field {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => onChange({ ...step, fields: [...step.fields, { name: '', description: '' }] })}
        >
          Add field
        </button>
      </fieldset>
      <fieldset>
        <legend>Routes, first match wins</legend>
        {step.routes.map((r, i) => (
          <div key={i} className="branch">
            <Field label={`Route ${i + 1} name`} name={`routes[${i}].label`} problem={problem}>
              {(a) => (
                <input
                  {...a}
                  value={r.label ?? ''}
                  onChange={(e) => setRoute(i, { ...r, label: e.target.value || undefined })}
                />
              )}
            </Field>
            {problem?.forField(`routes[${i}].when`) && (
              <p className="field-error">{problem.forField(`routes[${i}].when`)}</p>
            )}
            {step.fields.map((f) => (
              <Field
                key={f.name}
                label={`Route ${i + 1}: ${f.name || 'field'}`}
                name={`routes[${i}].when.${f.name}`}
                problem={problem}
              >
                {(a) => {
                  const set = (value: string) => {
                    const { [f.name]: _old, ...others } = r.when;
                    setRoute(i, { ...r, when: value === '' ? others : { ...others, [f.name]: value } });
                  };
                  return f.values !== undefined ? (
                    <select {...a} value={r.when[f.name] ?? ''} onChange={(e) => set(e.target.value)}>
                      <option value="">Any</option>
                      {f.values.map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...a}
                      placeholder="Any"
                      value={r.when[f.name] ?? ''}
                      onChange={(e) => set(e.target.value)}
                    />
                  );
                }}
              </Field>
            ))}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange({ ...step, routes: step.routes.filter((_, j) => j !== i) })}
            >
              Remove route {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => {
            const first = step.fields.find((f) => f.values !== undefined && f.values.length > 0);
            const when = first?.values ? { [first.name]: first.values[0] } : {};
            onChange({ ...step, routes: [...step.routes, { when, next: '' }] });
          }}
        >
          Add answer route
        </button>
      </fieldset>
    </>
  );
}
