import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';
import type { Schedule, TimeWindow, Weekday } from './schedule-model';
import { WEEKDAYS } from './schedule-model';
import { isValidDate, isValidTimeZone, parseClock } from './zoned-time';

export type ScheduleIssueCode =
  | 'missing_id'
  | 'invalid_time_zone'
  | 'invalid_time'
  | 'empty_window'
  | 'no_days'
  | 'invalid_weekday'
  | 'invalid_date'
  | 'invalid_date_range'
  | 'overlapping_overrides'
  | 'overlapping_windows';

export interface ScheduleIssue extends ValidationIssue {
  readonly code: ScheduleIssueCode;
}

/**
 * Checks a schedule before it is saved. Overlapping weekly windows are only a warning: the
 * schedule is open during their union, so nothing breaks, but the admin probably made a typo.
 * Overlapping overrides are an error because only the first would apply.
 */
export function validateSchedule(schedule: Schedule): ValidationReport<ScheduleIssue> {
  const errors: ScheduleIssue[] = [];
  const warnings: ScheduleIssue[] = [];
  const error = (code: ScheduleIssueCode, path: string, message: string) =>
    errors.push({ code, path, message });

  if (typeof schedule.id !== 'string' || schedule.id.trim() === '') {
    error('missing_id', 'id', 'The schedule has no id.');
  }
  if (schedule.timeZone !== undefined && !isValidTimeZone(schedule.timeZone)) {
    error('invalid_time_zone', 'timeZone', `"${schedule.timeZone}" is not an IANA time zone.`);
  }

  // Per weekday, the minute ranges covered, for the overlap warning (cross-midnight parts are
  // counted on the day they start, which is enough to catch typos without double reports).
  const covered = new Map<Weekday, Array<{ start: number; end: number; path: string }>>();
  schedule.weekly.forEach((window, i) => {
    const path = `weekly[${i}]`;
    const minutes = checkWindow(window, path, error);
    if (window.days.length === 0) error('no_days', `${path}.days`, 'The window has no weekdays.');
    window.days.forEach((day, d) => {
      if (!WEEKDAYS.includes(day)) {
        error('invalid_weekday', `${path}.days[${d}]`, `"${String(day)}" is not a weekday (mon…sun).`);
        return;
      }
      if (minutes === null) return;
      const end = minutes.end > minutes.start ? minutes.end : 1440;
      const list = covered.get(day) ?? [];
      const clash = list.find((other) => minutes.start < other.end && other.start < end);
      if (clash) {
        warnings.push({
          code: 'overlapping_windows',
          path,
          message: `Window ${window.start}–${window.end} overlaps ${clash.path} on ${day}.`,
        });
      }
      list.push({ start: minutes.start, end, path });
      covered.set(day, list);
    });
  });

  const ranges: Array<{ from: string; to: string; path: string }> = [];
  (schedule.overrides ?? []).forEach((override, i) => {
    const path = `overrides[${i}]`;
    const datesOk =
      isValidDate(override.date) && (override.through === undefined || isValidDate(override.through));
    if (!datesOk) {
      error('invalid_date', path, 'Override dates must be real dates written YYYY-MM-DD.');
    } else if (override.through !== undefined && override.through < override.date) {
      error(
        'invalid_date_range',
        `${path}.through`,
        `The range ends (${override.through}) before it starts (${override.date}).`,
      );
    } else {
      const to = override.through ?? override.date;
      const clash = ranges.find((r) => override.date <= r.to && r.from <= to);
      if (clash) {
        error(
          'overlapping_overrides',
          path,
          `Override ${override.date}…${to} overlaps ${clash.path}; only the first would apply.`,
        );
      }
      ranges.push({ from: override.date, to, path });
    }
    (override.hours ?? []).forEach((window, w) => checkWindow(window, `${path}.hours[${w}]`, error));
  });

  return { errors, warnings };
}

function checkWindow(
  window: TimeWindow,
  path: string,
  error: (code: ScheduleIssueCode, path: string, message: string) => void,
): { start: number; end: number } | null {
  const start = parseClock(window.start);
  const end = parseClock(window.end);
  if (start === null || start === 1440) {
    error('invalid_time', `${path}.start`, `"${window.start}" is not a start time (HH:MM, 00:00–23:59).`);
  }
  if (end === null) {
    error('invalid_time', `${path}.end`, `"${window.end}" is not an end time (HH:MM, up to 24:00).`);
  }
  if (start === null || end === null || start === 1440) return null;
  if (start === end) {
    error(
      'empty_window',
      path,
      `The window ${window.start}–${window.end} is empty; use 00:00–24:00 for all day.`,
    );
    return null;
  }
  return { start, end };
}
