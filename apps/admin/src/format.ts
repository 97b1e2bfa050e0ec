/**
 * How the console writes times and durations. Calls happen in a property's time zone, and the
 * marketer reads them there (a 9 a.m. call is 9 a.m. at the property, wherever the reader is).
 */

/** `Mar 4, 2026, 09:15` in the zone (the browser's when none is known). */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/** `3:07` (minutes:seconds) or `1:02:03`. */
export function duration(secs: number | null | undefined): string {
  if (secs === null || secs === undefined) return '—';
  const s = Math.max(0, Math.round(secs));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Seconds from `start` to `at`, as `+1:05` on a timeline. */
export function sinceStart(start: string, at: string): string {
  return `+${duration((Date.parse(at) - Date.parse(start)) / 1000)}`;
}

/** `no_answer` → `No answer`. */
export function words(value: string | null | undefined): string {
  if (!value) return '—';
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Today in a time zone as `YYYY-MM-DD`, `days` added (negative: before). */
export function localDay(timeZone: string | undefined, days = 0, now = new Date()): string {
  const at = new Date(now.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** A recording's signed URL on the console's own origin: the api that serves the console serves it. */
export function sameOrigin(url: string): string {
  try {
    const u = new URL(url, window.location.origin);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
