/** How much one client may send: `burst` requests at once, then `perMinute` a minute. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/**
 * What one request uses of a client's allowance, in microseconds: the time its bucket takes to
 * refill one request. Whole microseconds (at least one), so every sum below is exact, both in
 * JavaScript numbers and in PostgreSQL's microsecond intervals, which keep the shared bucket.
 */
export function requestCostMicros(limit: RateLimit): number {
  return Math.max(1, Math.round(60_000_000 / limit.perMinute));
}

/**
 * A token bucket kept as one instant (the "generic cell rate algorithm"): `fullAt` is when the
 * client's bucket is full again, every admitted request moving it one cost later. A request is
 * admitted while that leaves the client at most `burst` requests ahead of `now`, which is a bucket
 * of `burst` tokens refilled at `perMinute`. One instant instead of a count and a time: the
 * shared bucket is one column, updated by one comparison, and a bucket whose `fullAt` has passed
 * is the same as none, so such rows can simply be deleted.
 *
 * Times in microseconds. `fullAt` is undefined for a client not seen. Returns the new `fullAt`,
 * or null when the request is refused (the bucket is left as it was).
 */
export function admitRequest(fullAt: number | undefined, now: number, limit: RateLimit): number | null {
  const cost = requestCostMicros(limit);
  const next = Math.max(fullAt ?? now, now) + cost;
  return next - now <= limit.burst * cost ? next : null;
}
