import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { admitRequest, type RateLimit } from '@switchboard/domain';
import { DniAccessRepository } from '@switchboard/persistence';

/** How often each api process deletes the shared buckets that are full again. */
const SWEEP_EVERY_MS = 60_000;
/** Past this many clients in memory, the local gate forgets those whose bucket is full again. */
const LOCAL_SWEEP_ABOVE = 100_000;

/**
 * A token bucket per client address in this process's memory (libs/domain's admitRequest): the
 * DNI rate limit's cheap first gate, which refuses a flood without touching the database. It
 * counts only this process's requests, so it refuses only what the bucket all api processes share
 * in PostgreSQL (DniAccessRepository) would refuse too, but for less than one request at the edge
 * (another clock; a request the shared bucket refused still took a token here). The shared bucket
 * counts them all and has the last word.
 */
export class LocalRateLimiter {
  private readonly fullAt = new Map<string, number>();

  constructor(
    private readonly limit: RateLimit,
    private readonly nowMicros: () => number = () => Date.now() * 1000,
  ) {}

  /** Takes one request from `key`'s bucket; false when it is empty. */
  take(key: string): boolean {
    const now = this.nowMicros();
    const next = admitRequest(this.fullAt.get(key), now, this.limit);
    if (next === null) return false;
    this.fullAt.set(key, next);
    if (this.fullAt.size > LOCAL_SWEEP_ABOVE) this.sweep(now);
    return true;
  }

  /** Forgets full buckets (the same as no bucket) so the map cannot grow without bound. */
  private sweep(now: number): void {
    for (const [k, at] of this.fullAt) if (at <= now) this.fullAt.delete(k);
  }
}

/**
 * Deletes the shared buckets that are full again, every minute, in every api process: deleting
 * one twice is harmless, and no process waits for another to do it.
 */
@Injectable()
export class DniRateLimitSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('DniRateLimit');
  private timer?: NodeJS.Timeout;

  constructor(private readonly access: DniAccessRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.access
        .sweepRateLimits()
        .catch((err: unknown) => this.log.warn(`could not sweep the DNI rate limits: ${String(err)}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
