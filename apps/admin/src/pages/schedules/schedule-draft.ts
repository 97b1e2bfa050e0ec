import {
  weekGridOf,
  weeklyOfGrid,
  type DateOverride,
  type TimeWindow,
  type WeekGrid,
  type Weekday,
} from '@switchboard/domain';
import type { Body, Ok } from '../../api/types';

export type ScheduleBody = Body<'/v1/properties/{propertyId}/schedules', 'post'>;

export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** A holiday or special day as the form holds it: empty strings for what is left out. */
export interface OverrideDraft {
  name: string;
  date: string;
  through: string;
  /** Closed all day; otherwise open only during `hours`. */
  closed: boolean;
  hours: TimeWindow[];
}

/** The schedule form's state: the week as a grid of days (see libs/domain week-grid). */
export interface ScheduleDraft {
  id: string;
  name: string;
  /** Empty: the property's zone. */
  timeZone: string;
  grid: WeekGrid;
  overrides: OverrideDraft[];
}

/** A schedule as the api answers it (the body's own shape, plus id and name). */
export type SavedSchedule = Ok<'/v1/properties/{propertyId}/schedules/{scheduleId}', 'get'>;

export const newDraft = (): ScheduleDraft => ({
  id: '',
  name: '',
  timeZone: '',
  grid: weekGridOf([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }]),
  overrides: [],
});

export function draftOf(s: SavedSchedule): ScheduleDraft {
  return {
    id: s.id,
    name: s.name,
    timeZone: s.timeZone ?? '',
    grid: weekGridOf(s.weekly as Parameters<typeof weekGridOf>[0]),
    overrides: (s.overrides ?? []).map((o) => ({
      name: o.name ?? '',
      date: o.date,
      through: o.through ?? '',
      closed: (o.hours ?? []).length === 0,
      hours: (o.hours ?? []).map((h) => ({ start: h.start, end: h.end })),
    })),
  };
}

/**
 * The body to save, and where each day's n-th window went in `weekly` (to put the api's
 * `weekly[i].start` problem beside the right input).
 */
export function bodyOf(d: ScheduleDraft): { body: ScheduleBody; indexOf: Record<Weekday, number[]> } {
  const { weekly, indexOf } = weeklyOfGrid(d.grid);
  const overrides: DateOverride[] = d.overrides.map((o) => ({
    ...(o.name.trim() ? { name: o.name.trim() } : {}),
    date: o.date,
    ...(o.through ? { through: o.through } : {}),
    ...(o.closed ? {} : { hours: o.hours }),
  }));
  return {
    body: {
      ...(d.id.trim() ? { id: d.id.trim() } : {}),
      name: d.name,
      ...(d.timeZone.trim() ? { timeZone: d.timeZone.trim() } : {}),
      weekly,
      overrides,
    } as ScheduleBody,
    indexOf,
  };
}

/** "Mon–Fri 09:00–17:00; Sat 10:00–14:00": a schedule's week in one line for lists. */
export function weekSummary(weekly: SavedSchedule['weekly']): string {
  if (weekly.length === 0) return 'Never open (holidays and special days only)';
  return weekly
    .map(
      (w) => `${w.days.map((d) => d.slice(0, 1).toUpperCase() + d.slice(1)).join(', ')} ${w.start}–${w.end}`,
    )
    .join('; ');
}
