/**
 * Token bucket per client address, in memory: each address may burst `burst` requests and then
 * `perMinute` a minute. Per process, so behind N api processes an address gets N times the rate;
 * the limit guards the database from a runaway page or a scraper, not a billing boundary.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when none is left. */
  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) * this.perMinute) / 60_000);
    b.at = t;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.sweep(t);
    return ok;
  }

  /** Forgets full buckets so the map cannot grow without bound. */
  private sweep(t: number): void {
    for (const [k, b] of this.buckets)
      if (b.tokens + ((t - b.at) * this.perMinute) / 60_000 >= this.burst) this.buckets.delete(k);
  }
}

/** The limiter of the public DNI endpoints, from DNI_RATE_LIMIT_BURST and DNI_RATE_LIMIT_PER_MINUTE. */
export function dniLimiter(settings: {
  rateLimitBurst: number;
  rateLimitPerMinute: number;
}): TokenBucketLimiter {
  return new TokenBucketLimiter(settings.rateLimitBurst, settings.rateLimitPerMinute);
}
