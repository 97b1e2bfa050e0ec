import { condition, sleep } from '@temporalio/workflow';

/**
 * One timer guards all of a call's waits. Every wait ends on a carrier event (the carrier enforces
 * ring, gather and recording limits itself); the bounds only catch an event that never comes. A
 * timer per wait costs two history events (started, then cancelled when the event wins), which
 * was a third of a call's history. Here a wait starts a timer only when none is pending that
 * fires by its bound; a pending timer is never cancelled (a finished call drops it for free), and
 * when one fires, the waits still open arm the next. A timer is set at least `minMs` ahead, so a
 * call shorter than that has one timer in all, and a wait whose event is lost ends at most
 * `minMs` after its bound.
 */
export class Watchdog {
  /** When the pending timers fire (workflow time). */
  private readonly pending = new Set<number>();
  /** Bounds of the waits in progress. */
  private readonly open = new Set<number>();

  constructor(private readonly minMs: number) {}

  /** Waits until `done()`, or until `timeoutMs` has passed without it; returns `done()`. */
  async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return true;
    const bound = Date.now() + timeoutMs;
    this.open.add(bound);
    this.arm(bound);
    try {
      await condition(() => done() || Date.now() >= bound);
    } finally {
      this.open.delete(bound);
    }
    return done();
  }

  private arm(bound: number): void {
    const firesAt = Math.max(bound, Date.now() + this.minMs);
    for (const t of this.pending) if (t <= firesAt) return;
    this.pending.add(firesAt);
    sleep(firesAt - Date.now()).then(
      () => {
        this.pending.delete(firesAt);
        for (const b of this.open) if (b > Date.now()) this.arm(b);
      },
      // Cancelled with the workflow: the waits it guards are cancelled too, and say so themselves.
      () => undefined,
    );
  }
}
