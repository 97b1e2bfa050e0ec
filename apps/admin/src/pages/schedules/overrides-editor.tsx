import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';
import type { OverrideDraft } from './schedule-draft';
import { TimeBox } from './week-editor';

/**
 * Holidays and special days: a date or a range of dates, closed all day or open only during
 * their own windows (they replace the weekly hours of those dates). Problems are named
 * `overrides[i].…` by the api.
 */
export function OverridesEditor({
  overrides,
  onChange,
  problem,
  readOnly,
}: {
  overrides: OverrideDraft[];
  onChange: (o: OverrideDraft[]) => void;
  problem: ApiProblem | undefined;
  readOnly: boolean;
}) {
  const set = (i: number, o: OverrideDraft) => onChange(overrides.map((x, k) => (k === i ? o : x)));
  return (
    <div className="overrides">
      {overrides.length === 0 && <p className="muted">No holiday or special day.</p>}
      {overrides.map((o, i) => {
        const path = `overrides[${i}]`;
        const label = o.name.trim() || `Special day ${i + 1}`;
        const whole = problem?.forField(path);
        return (
          <fieldset key={i} className="override" disabled={readOnly}>
            <legend>{label}</legend>
            <div className="override-row">
              <Field label="Name" name={`${path}.name`} problem={problem}>
                {(a) => (
                  <input {...a} value={o.name} onChange={(e) => set(i, { ...o, name: e.target.value })} />
                )}
              </Field>
              <Field label="Date" name={`${path}.date`} problem={problem}>
                {(a) => (
                  <input
                    {...a}
                    type="date"
                    value={o.date}
                    required
                    onChange={(e) => set(i, { ...o, date: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Through"
                name={`${path}.through`}
                problem={problem}
                hint="Last day of a range; empty for one day"
              >
                {(a) => (
                  <input
                    {...a}
                    type="date"
                    value={o.through}
                    onChange={(e) => set(i, { ...o, through: e.target.value })}
                  />
                )}
              </Field>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={o.closed}
                onChange={(e) =>
                  set(i, {
                    ...o,
                    closed: e.target.checked,
                    hours:
                      !e.target.checked && o.hours.length === 0
                        ? [{ start: '10:00', end: '14:00' }]
                        : o.hours,
                  })
                }
              />
              Closed all day
            </label>
            {!o.closed && (
              <ul className="windows">
                {o.hours.map((h, n) => {
                  const wl = `${label} window ${n + 1}`;
                  return (
                    <li key={n}>
                      <TimeBox
                        label={`${wl} opens`}
                        value={h.start}
                        message={problem?.forField(`${path}.hours[${n}].start`)}
                        readOnly={readOnly}
                        onChange={(start) =>
                          set(i, { ...o, hours: o.hours.map((x, k) => (k === n ? { ...x, start } : x)) })
                        }
                      />
                      <span aria-hidden="true">–</span>
                      <TimeBox
                        label={`${wl} closes`}
                        value={h.end}
                        message={problem?.forField(`${path}.hours[${n}].end`)}
                        readOnly={readOnly}
                        onChange={(end) =>
                          set(i, { ...o, hours: o.hours.map((x, k) => (k === n ? { ...x, end } : x)) })
                        }
                      />
                      {!readOnly && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Remove ${wl}`}
                          onClick={() => set(i, { ...o, hours: o.hours.filter((_, k) => k !== n) })}
                        >
                          Remove
                        </button>
                      )}
                      {problem?.forField(`${path}.hours[${n}]`) && (
                        <small className="field-error" role="alert">
                          {problem.forField(`${path}.hours[${n}]`)}
                        </small>
                      )}
                    </li>
                  );
                })}
                {!readOnly && (
                  <li>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Add a window on ${label}`}
                      onClick={() => set(i, { ...o, hours: [...o.hours, { start: '10:00', end: '14:00' }] })}
                    >
                      Add window
                    </button>
                  </li>
                )}
              </ul>
            )}
            {whole && (
              <small className="field-error" role="alert">
                {whole}
              </small>
            )}
            {!readOnly && (
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${label}`}
                onClick={() => onChange(overrides.filter((_, k) => k !== i))}
              >
                Remove this day
              </button>
            )}
          </fieldset>
        );
      })}
      {!readOnly && (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            onChange([...overrides, { name: '', date: '', through: '', closed: true, hours: [] }])
          }
        >
          Add a holiday or special day
        </button>
      )}
    </div>
  );
}
