import { instantToEpochMs, type Instant } from '../shared/instant';
import { WEEKDAYS, type Weekday } from './schedule-model';

/** Wall-clock reading of an instant in a time zone. */
export interface ZonedTime {
  readonly timeZone: string;
  /** "YYYY-MM-DD" */
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: Weekday;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** hour * 60 + minute */
  readonly minuteOfDay: number;
  /** Local time minus UTC, in minutes (-300 for Chicago in summer). */
  readonly offsetMinutes: number;
}

/*
 * Intl is the only time-zone database available both in Node and in the Temporal workflow
 * sandbox, and it follows the zone's DST rules for the given instant, so reading the wall clock
 * through formatToParts is DST-correct by construction. Formatters are costly to build, so one is
 * kept per zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Reads an instant on the wall clock of `timeZone`. Throws RangeError for unknown zones. */
export function toZonedTime(at: Instant, timeZone: string): ZonedTime {
  const epochMs = instantToEpochMs(at);
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, minute, second } = parts;
  const hour = parts.hour % 24; // some engines print midnight as "24" even with h23
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((wallAsUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
  return {
    timeZone,
    date: formatDate(year, month, day),
    year,
    month,
    day,
    weekday: weekdayOfDate(formatDate(year, month, day)),
    hour,
    minute,
    second,
    minuteOfDay: hour * 60 + minute,
    offsetMinutes,
  };
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock reading ("YYYY-MM-DDTHH:MM[:SS]", as a datetime-local input gives it)
 * denotes in `timeZone`, as ISO 8601 UTC. A reading the zone skips (spring forward) lands after the
 * gap; a repeated one (fall back) is its first occurrence. Null for text that is no such reading.
 */
export function wallClockToInstant(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall);
  if (!m || !isValidDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  const asUtc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  // The zone's offsets a day before and after (at most one change between): the instants they give
  // that read back as this wall clock, the earliest; none reads back in a skipped hour, where the
  // offset from before the change lands as far after the gap as the reading was into it.
  const offsets = [asUtc - 86_400_000, asUtc + 86_400_000].map((t) => toZonedTime(t, timeZone).offsetMinutes);
  const candidates = offsets.map((o) => asUtc - o * 60_000);
  const readsBack = candidates.filter((t) => {
    const z = toZonedTime(t, timeZone);
    return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) === asUtc;
  });
  return new Date(readsBack.length > 0 ? Math.min(...readsBack) : candidates[0]).toISOString();
}

/** An instant as a wall-clock reading in `timeZone`, "YYYY-MM-DDTHH:MM" (a datetime-local input's value). */
export function instantToWallClock(at: Instant, timeZone: string): string {
  const z = toZonedTime(at, timeZone);
  return `${z.date}T${pad(z.hour, 2)}:${pad(z.minute, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written "YYYY-MM-DD". */
export function isValidDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function dateToUtcMs(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Calendar arithmetic on "YYYY-MM-DD" strings (no zone involved: dates are already local). */
export function addDays(date: string, days: number): string {
  const shifted = new Date(dateToUtcMs(date) + days * 86_400_000);
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

export function weekdayOfDate(date: string): Weekday {
  return WEEKDAYS[new Date(dateToUtcMs(date)).getUTCDay()];
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" → minutes after midnight; "24:00" → 1440; anything else → null. */
export function parseClock(text: string): number | null {
  if (text === '24:00') return 1440;
  const match = CLOCK.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
