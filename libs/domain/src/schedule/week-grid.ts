import type { TimeWindow, Weekday, WeeklyWindow } from './schedule-model';

/** Monday first, the way people read an opening-hours week (WEEKDAYS starts on Sunday like Date). */
export const WEEK_ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A week as an editor shows it: each day's own list of windows. */
export type WeekGrid = Record<Weekday, TimeWindow[]>;

export function emptyWeek(): WeekGrid {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

/**
 * Spreads weekly windows (each naming several days) into each day's list, in the order the
 * windows are stored. Unknown weekdays are left out: validation reports them.
 */
export function weekGridOf(weekly: readonly WeeklyWindow[]): WeekGrid {
  const grid = emptyWeek();
  for (const w of weekly)
    for (const day of w.days) if (day in grid) grid[day].push({ start: w.start, end: w.end });
  return grid;
}

export interface WeeklyFromGrid {
  weekly: WeeklyWindow[];
  /**
   * For each day's n-th window, the index in `weekly` it was saved as: what maps the api's
   * `weekly[i].start` problem back to the inputs it is about.
   */
  indexOf: Record<Weekday, number[]>;
}

/**
 * Folds a grid back into weekly windows: equal windows on several days become one window naming
 * those days ("Mon–Fri 09:00–17:00" stays one entry), in order of first appearance (Monday first).
 */
export function weeklyOfGrid(grid: WeekGrid): WeeklyFromGrid {
  const weekly: { start: string; end: string; days: Weekday[] }[] = [];
  const byTimes = new Map<string, number>();
  const indexOf = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } as Record<
    Weekday,
    number[]
  >;
  for (const day of WEEK_ORDER) {
    for (const w of grid[day]) {
      const key = `${w.start}\u0000${w.end}`;
      let i = byTimes.get(key);
      // A day with the same window twice keeps both (validation warns about the overlap).
      if (i === undefined || weekly[i].days.includes(day)) {
        i = weekly.push({ start: w.start, end: w.end, days: [] }) - 1;
        byTimes.set(key, i);
      }
      weekly[i].days.push(day);
      indexOf[day].push(i);
    }
  }
  return { weekly, indexOf };
}
