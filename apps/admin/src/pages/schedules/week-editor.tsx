import { WEEK_ORDER, type TimeWindow, type WeekGrid, type Weekday } from '@switchboard/domain';
import type { ApiProblem } from '../../api/problem';
import { DAY_NAMES } from './schedule-draft';

/**
 * The week as a grid: one row per day, each with its opening windows as pairs of labelled
 * "HH:MM" inputs (text, so 24:00 and windows past midnight can be typed), added and removed per
 * day. `indexOf` maps a day's n-th window to the `weekly[i]` the api's problems name.
 */
export function WeekEditor({
  grid,
  onChange,
  problem,
  indexOf,
  readOnly,
}: {
  grid: WeekGrid;
  onChange: (g: WeekGrid) => void;
  problem: ApiProblem | undefined;
  indexOf: Record<Weekday, number[]> | undefined;
  readOnly: boolean;
}) {
  const setDay = (day: Weekday, windows: TimeWindow[]) => onChange({ ...grid, [day]: windows });
  const problemAt = (day: Weekday, n: number, part?: 'start' | 'end'): string | undefined => {
    const i = indexOf?.[day]?.[n];
    if (i === undefined || !problem) return undefined;
    return problem.forField(part ? `weekly[${i}].${part}` : `weekly[${i}]`);
  };
  return (
    <table className="week-grid">
      <caption>Weekly hours</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {WEEK_ORDER.map((day) => {
          const windows = grid[day];
          const name = DAY_NAMES[day];
          return (
            <tr key={day}>
              <th scope="row">{name}</th>
              <td>
                {windows.length === 0 && <span className="muted">Closed</span>}
                <ul className="windows">
                  {windows.map((w, n) => {
                    const label = `${name} window ${n + 1}`;
                    const whole = problemAt(day, n);
                    return (
                      <li key={n}>
                        <TimeBox
                          label={`${label} opens`}
                          value={w.start}
                          message={problemAt(day, n, 'start')}
                          readOnly={readOnly}
                          onChange={(start) =>
                            setDay(
                              day,
                              windows.map((x, k) => (k === n ? { ...x, start } : x)),
                            )
                          }
                        />
                        <span aria-hidden="true">–</span>
                        <TimeBox
                          label={`${label} closes`}
                          value={w.end}
                          message={problemAt(day, n, 'end')}
                          readOnly={readOnly}
                          onChange={(end) =>
                            setDay(
                              day,
                              windows.map((x, k) => (k === n ? { ...x, end } : x)),
                            )
                          }
                        />
                        {!readOnly && (
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Remove ${label}`}
                            onClick={() =>
                              setDay(
                                day,
                                windows.filter((_, k) => k !== n),
                              )
                            }
                          >
                            Remove
                          </button>
                        )}
                        {whole && (
                          <small className="field-error" role="alert">
                            {whole}
                          </small>
                        )}
                      </li>
                    );
                  })}
                </ul>
                {!readOnly && (
                  <span className="day-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Add a window on ${name}`}
                      onClick={() => {
                        const last = windows[windows.length - 1];
                        setDay(day, [
                          ...windows,
                          last ? { start: last.end, end: last.end } : { start: '09:00', end: '17:00' },
                        ]);
                      }}
                    >
                      Add window
                    </button>
                    {windows.length > 0 && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Copy ${name}'s hours to every day`}
                        onClick={() =>
                          onChange(
                            Object.fromEntries(
                              WEEK_ORDER.map((d) => [d, windows.map((x) => ({ ...x }))]),
                            ) as WeekGrid,
                          )
                        }
                      >
                        Copy to every day
                      </button>
                    )}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One clock time: a small labelled input with the api's problem with it right below. */
export function TimeBox({
  label,
  value,
  message,
  readOnly,
  onChange,
}: {
  label: string;
  value: string;
  message: string | undefined;
  readOnly: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <span className="time-box">
      <input
        aria-label={label}
        value={value}
        size={5}
        placeholder="HH:MM"
        inputMode="numeric"
        readOnly={readOnly}
        aria-invalid={Boolean(message)}
        onChange={(e) => onChange(e.target.value)}
      />
      {message && (
        <small className="field-error" role="alert">
          {message}
        </small>
      )}
    </span>
  );
}
