/**
 * A conversion's time as each platform wants it. Google Ads reads a wall-clock time in the account's
 * zone (the API with its UTC offset, the upload file under a `Parameters:TimeZone` line); GA4
 * Measurement Protocol reads microseconds and Meta seconds since the Unix epoch.
 */

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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new PlatformTimeError(`"${timeZone}" is not an IANA time zone`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  date: string;
  time: string;
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number;
}

/** The wall clock of `ms` in `timeZone`, whole seconds (platforms take no fractions). */
function wallClock(ms: number, timeZone: string): WallClock {
  const seconds = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(seconds)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    offsetMinutes: Math.round((asUtc - seconds) / 60_000),
  };
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
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
  formatterFor(timeZone);
}
