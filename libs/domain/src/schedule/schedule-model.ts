/**
 * A named schedule of a property: when it is "open". A schedule step sends the call to the first
 * of its schedules that is open at the call's start instant.
 */
export interface Schedule {
  readonly id: string;
  readonly name?: string;
  /** IANA zone, e.g. "America/Chicago". Absent: the property's zone is used. */
  readonly timeZone?: string;
  readonly weekly: readonly WeeklyWindow[];
  /** Holidays and special days; they replace the weekly windows of the dates they cover. */
  readonly overrides?: readonly DateOverride[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Local wall-clock window, start inclusive, end exclusive, both "HH:MM"; end may be "24:00".
 * An end earlier than the start crosses midnight: "22:00"–"02:00" on Friday is open Friday 22:00
 * to Saturday 02:00 and belongs to Friday (so a Friday holiday removes it, a Saturday one does not).
 */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

export interface WeeklyWindow extends TimeWindow {
  readonly days: readonly Weekday[];
}

/**
 * A date or an inclusive date range ("YYYY-MM-DD", local to the schedule's zone) whose opening
 * hours replace the weekly ones. No `hours` (or an empty list) means closed all day: a holiday.
 */
export interface DateOverride {
  readonly name?: string;
  readonly date: string;
  readonly through?: string;
  readonly hours?: readonly TimeWindow[];
}
