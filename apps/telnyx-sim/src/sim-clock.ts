import { performance } from 'node:perf_hooks';

/** Wall-clock epoch milliseconds with sub-millisecond precision (used for timeline records). */
export function realNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** ISO-8601 with microseconds, like Telnyx's `occurred_at` (`2025-05-06T14:02:11.204118Z`). */
export function isoMicros(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const micros = Math.min(999, Math.floor((epochMs - whole) * 1000));
  return `${new Date(whole).toISOString().slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}

export interface ScheduledTask {
  readonly due: number;
  readonly cancelled: boolean;
  cancel(): void;
}

interface Task extends ScheduledTask {
  seq: number;
  run: () => void;
  cancelled: boolean;
}

/**
 * Scenario time for one call session, plus a discrete-event scheduler on that time line.
 *
 * Scenario time = the session's anchor (the call's `at`) + real elapsed / timeScale. Timers are kept in
 * one ordered list per session and run with the clock pinned to their due instant, so events scheduled
 * 20 s apart carry `occurred_at` exactly 20 s apart even when the scaled real delay is a few ms and
 * setTimeout jitter would otherwise be magnified by 1/timeScale.
 */
export class SimClock {
  private logical: number;
  private readonly anchorReal = performance.now();
  private readonly tasks: Task[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedDue: number | undefined;
  private running = false;
  private stopped = false;
  private live = 0;

  constructor(
    private readonly anchorScenario: number,
    private readonly timeScale: number,
    private readonly onTaskSettled: () => void = () => undefined,
  ) {
    this.logical = anchorScenario;
  }

  /** Scenario time now. Inside a timer callback it stays at the timer's due instant. */
  now(): number {
    if (this.running) return this.logical;
    const fromReal = this.fromReal();
    if (fromReal > this.logical) this.logical = fromReal;
    return this.logical;
  }

  get pendingTasks(): number {
    return this.live;
  }

  /** Scenario milliseconds → real milliseconds for this simulator. */
  toReal(scenarioMs: number): number {
    return scenarioMs * this.timeScale;
  }

  schedule(delayScenarioMs: number, run: () => void): ScheduledTask {
    const due = this.now() + Math.max(0, delayScenarioMs);
    const task: Task = {
      due,
      seq: this.seq++,
      run,
      cancelled: false,
      cancel: () => {
        if (task.cancelled) return;
        task.cancelled = true;
        this.live--;
        this.onTaskSettled();
      },
    };
    if (this.stopped) {
      task.cancelled = true;
      return task;
    }
    this.live++;
    let i = this.tasks.length;
    while (i > 0 && this.isBefore(task, this.tasks[i - 1])) i--;
    this.tasks.splice(i, 0, task);
    this.arm();
    return task;
  }

  /**
   * Runs `fn` with scenario time frozen at one instant, so everything a single command or call
   * creation emits carries the same `occurred_at`. A brand-new session passes `syncToReal = false` so
   * its call.initiated carries the call's `at` exactly.
   */
  atomically<T>(fn: () => T, syncToReal = true): T {
    if (this.running) return fn();
    if (syncToReal) this.now();
    this.running = true;
    try {
      return fn();
    } finally {
      this.running = false;
      this.arm();
    }
  }

  /**
   * Runs every task that is already due in scenario time. Called before handling an API command so a
   * command that arrives "after" a timer in scenario time sees the timer's effects, even when the
   * event loop has not yet run that timer.
   */
  runDue(limit = this.fromReal()): void {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      for (;;) {
        const head = this.tasks[0];
        if (!head || head.due > limit) break;
        this.tasks.shift();
        if (head.cancelled) continue;
        head.cancelled = true;
        this.live--;
        if (head.due > this.logical) this.logical = head.due;
        try {
          head.run();
        } catch (err) {
          process.stderr.write(`telnyx-sim: timer task failed: ${(err as Error).stack ?? String(err)}\n`);
        }
        this.onTaskSettled();
      }
    } finally {
      this.running = false;
    }
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const t of this.tasks) t.cancelled = true;
    this.tasks.length = 0;
    this.live = 0;
  }

  private fromReal(): number {
    return this.anchorScenario + (performance.now() - this.anchorReal) / this.timeScale;
  }

  private isBefore(a: Task, b: Task): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private arm(): void {
    while (this.tasks.length && this.tasks[0].cancelled) this.tasks.shift();
    const head = this.tasks[0];
    if (!head || this.stopped) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.armedDue = undefined;
      return;
    }
    if (this.timer && this.armedDue === head.due) return;
    if (this.timer) clearTimeout(this.timer);
    const due = head.due;
    const realDelay = Math.max(0, (due - this.fromReal()) * this.timeScale);
    this.armedDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.armedDue = undefined;
      // setTimeout has 1 ms granularity; never let rounding leave the head task waiting forever.
      this.runDue(Math.max(this.fromReal(), due));
    }, realDelay);
  }
}
