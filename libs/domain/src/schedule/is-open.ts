import type { Instant } from '../shared/instant';
import type { DateOverride, Schedule, TimeWindow } from './schedule-model';
import { addDays, parseClock, toZonedTime, weekdayOfDate, type ZonedTime } from './zoned-time';

/**
 * Why a schedule is open or closed at an instant:
 * - `weekly`: a weekly window is open;
 * - `override`: a special-hours window of a date override is open;
 * - `holiday`: the local date has a closed-all-day override and nothing spills over from yesterday;
 * - `closed`: no window is open (also outside the special hours of an override day).
 */
export type ScheduleReason = 'weekly' | 'override' | 'closed' | 'holiday';

export interface ScheduleVerdict {
  readonly open: boolean;
  readonly reason: ScheduleReason;
  readonly timeZone: string;
  readonly local: ZonedTime;
  /** The window that made the schedule open, with the local date it belongs to. */
  readonly window?: OpenWindow;
  /** The override covering the local date, if any (even when it did not decide the verdict). */
  readonly override?: DateOverride;
}

export interface OpenWindow extends TimeWindow {
  readonly day: string;
  readonly from: 'weekly' | 'override';
}

interface DayPlan {
  readonly windows: readonly TimeWindow[];
  readonly from: 'weekly' | 'override';
  readonly override?: DateOverride;
}

/** First override covering the date; overrides replace the weekly windows of their dates. */
export function findOverride(schedule: Schedule, date: string): DateOverride | undefined {
  return schedule.overrides?.find((o) => o.date <= date && date <= (o.through ?? o.date));
}

function planForDay(schedule: Schedule, date: string): DayPlan {
  const override = findOverride(schedule, date);
  if (override !== undefined) {
    return { windows: override.hours ?? [], from: 'override', override };
  }
  const weekday = weekdayOfDate(date);
  return { windows: schedule.weekly.filter((w) => w.days.includes(weekday)), from: 'weekly' };
}

/** Minutes of a window, or null when it is malformed (validation reports those; here they never open). */
function bounds(window: TimeWindow): { start: number; end: number } | null {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === null || end === null || start === end || start === 1440) return null;
  return { start, end };
}

/**
 * Is the schedule open at `at`? Judged on the wall clock of the schedule's zone (or
 * `fallbackTimeZone`, the property's), so DST shifts move the windows with local time.
 * A window crossing midnight belongs to the day it starts on: its early-morning part is found by
 * looking at yesterday's plan, which is why an override on the next day does not cut it short.
 */
export function evaluateSchedule(schedule: Schedule, at: Instant, fallbackTimeZone: string): ScheduleVerdict {
  const timeZone = schedule.timeZone ?? fallbackTimeZone;
  const local = toZonedTime(at, timeZone);
  const minute = local.minuteOfDay;
  const today = planForDay(schedule, local.date);
  const yesterdayDate = addDays(local.date, -1);
  const yesterday = planForDay(schedule, yesterdayDate);
  const base = {
    timeZone,
    local,
    ...(today.override !== undefined ? { override: today.override } : {}),
  };

  for (const window of today.windows) {
    const b = bounds(window);
    if (b === null) continue;
    const inside = b.end > b.start ? minute >= b.start && minute < b.end : minute >= b.start;
    if (inside) {
      return {
        ...base,
        open: true,
        reason: today.from,
        window: { ...pick(window), day: local.date, from: today.from },
      };
    }
  }
  for (const window of yesterday.windows) {
    const b = bounds(window);
    if (b === null || b.end > b.start) continue;
    if (minute < b.end) {
      return {
        ...base,
        open: true,
        reason: yesterday.from,
        window: { ...pick(window), day: yesterdayDate, from: yesterday.from },
      };
    }
  }
  const holiday = today.override !== undefined && today.windows.length === 0;
  return { ...base, open: false, reason: holiday ? 'holiday' : 'closed' };
}

function pick(window: TimeWindow): TimeWindow {
  return { start: window.start, end: window.end };
}

/** Convenience for callers that only need the boolean. */
export function isScheduleOpen(schedule: Schedule, at: Instant, fallbackTimeZone: string): boolean {
  return evaluateSchedule(schedule, at, fallbackTimeZone).open;
}
