/**
 * A conversion's time as each platform wants it. Google Ads reads a wall-clock time in the account's
 * zone (the API with its UTC offset, the upload file under a `Parameters:TimeZone` line); GA4
 * Measurement Protocol reads microseconds and Meta seconds since the Unix epoch. The wall clock is
 * the domain's (toZonedTime), the one reading of an instant in a zone.
 */
import { isValidTimeZone, toZonedTime } from '@switchboard/domain';

/** A bad ISO instant or an unknown IANA zone: the conversion cannot be written for any platform. */
export class PlatformTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformTimeError';
  }
}

function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new PlatformTimeError(`"${iso}" is not an ISO 8601 instant`);
  return ms;
}

interface WallClock {
  date: string;
  time: string;
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number;
}

/** The wall clock of `ms` in `timeZone`, whole seconds (platforms take no fractions). */
function wallClock(ms: number, timeZone: string): WallClock {
  checkTimeZone(timeZone);
  const z = toZonedTime(ms, timeZone);
  return {
    date: z.date,
    time: [z.hour, z.minute, z.second].map(two).join(':'),
    offsetMinutes: z.offsetMinutes,
  };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** Google Ads API `conversionDateTime`: `yyyy-mm-dd hh:mm:ss+hh:mm`, local time in `timeZone`. */
export function googleAdsDateTime(iso: string, timeZone: string): string {
  const w = wallClock(instantMs(iso), timeZone);
  return `${w.date} ${w.time}${offsetText(w.offsetMinutes)}`;
}

/**
 * The upload file's `Conversion Time`: `yyyy-mm-dd hh:mm:ss` in `timeZone`, with no offset: the
 * file names the zone once (`Parameters:TimeZone=`), which Google resolves across DST itself.
 */
export function googleAdsCsvTime(iso: string, timeZone: string): string {
  const w = wallClock(instantMs(iso), timeZone);
  return `${w.date} ${w.time}`;
}

/** GA4 Measurement Protocol `timestamp_micros`. */
export function unixMicros(iso: string): number {
  return instantMs(iso) * 1000;
}

/** Meta Conversions API `event_time`: whole seconds. */
export function unixSeconds(iso: string): number {
  return Math.floor(instantMs(iso) / 1000);
}

/** Checks an IANA zone name (throws PlatformTimeError), before a file or request is written with it. */
export function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new PlatformTimeError(`"${timeZone}" is not an IANA time zone`);
}
