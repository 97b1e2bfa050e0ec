/**
 * Report rows shaped for charts (pure; no React): the days of a range with the days without calls
 * filled in, and hour-of-week keys as a week grid. The numbers themselves are the api's.
 */

export interface Point {
  key: string;
  label: string;
  value: number;
}

/** Every day from..to (YYYY-MM-DD, inclusive), each with the value the rows give it or 0. */
export function everyDay(
  from: string,
  to: string,
  rows: readonly { key: string | number | null; value: number }[],
): Point[] {
  const byDay = new Map(rows.map((r) => [String(r.key ?? ''), r.value]));
  const out: Point[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  // A range of years is still a few hundred points; more than that is not a chart anyone reads.
  for (let t = Date.parse(`${from}T00:00:00Z`), n = 0; t <= end && n < 1000; t += 86_400_000, n++) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ key: day, label: day.slice(5), value: byDay.get(day) ?? 0 });
  }
  return out;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Hour-of-week rows (key 0–167 from Monday 00:00) as grid[day][hour]. */
export function weekGrid(rows: readonly { key: string | number | null; value: number }[]): number[][] {
  const grid = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  for (const r of rows) {
    const k = Number(r.key);
    if (Number.isInteger(k) && k >= 0 && k < 168) grid[Math.floor(k / 24)][k % 24] += r.value;
  }
  return grid;
}

/** `part` of `whole` as a whole percent, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

/** A round axis maximum at or above `max` (1, 2, 5 × 10ⁿ), so gridlines fall on plain numbers. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max)!;
}
