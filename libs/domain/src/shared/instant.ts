/**
 * An instant as callers hand it to us: a Date, an ISO-8601 string with offset (the carrier's
 * `occurred_at`) or epoch milliseconds. The domain never reads the clock itself: every decision
 * that depends on time receives the instant explicitly, which keeps workflows deterministic.
 */
export type Instant = Date | string | number;

/** Epoch milliseconds of an instant; throws on anything that does not denote a real instant. */
export function instantToEpochMs(at: Instant): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) {
    throw new RangeError(`Not a valid instant: ${String(at)}`);
  }
  return ms;
}

/**
 * Whole seconds from one ISO instant to another, never negative (a later event on another leg may
 * carry an earlier carrier time); null when either is missing or is not an instant.
 */
export function secondsBetween(
  from: string | null | undefined,
  to: string | null | undefined,
): number | null {
  if (!from || !to) return null;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(s) ? Math.max(0, Math.round(s)) : null;
}
