import { ApplicationFailure, log, sleep } from '@temporalio/workflow';

/** The failure type a call ends with when it has spent its whole command budget. */
export const COMMAND_BUDGET_EXHAUSTED = 'CommandBudgetExhausted';

/** A command counted in the window: when it may have reached the carrier, at the latest known. */
interface Sent {
  at: number;
  /** `at` is past the command's arrival (seen from a later workflow task), not its task's start. */
  settled: boolean;
}

/**
 * What one call may still send to the carrier: at most `perSecond` commands in any second (a
 * command beyond that waits on a workflow timer until the oldest leaves the window) and `perCall`
 * in all (the next one fails the flow). Deterministic: workflow time and timers only, so a replay
 * takes the same waits.
 *
 * Workflow time is the start of the current workflow task and does not move within it, while a
 * command reaches the carrier some time after its task started (how long depends on the worker's
 * load). A carrier command is a local activity, done before its task completes, so it has arrived
 * by the start of any later task: once a later task is seen, the command counts from then. Counted
 * that way, no second of the carrier's clock holds more than `perSecond` of the call's commands.
 */
export class CommandBudget {
  /** The commands of the current window. */
  private recent: Sent[] = [];
  private spent = 0;
  private throttled = false;

  constructor(private readonly limits: { perSecond: number; perCall: number }) {}

  /** Waits until one more command fits, and counts it; throws when the call's budget is spent. */
  async take(): Promise<void> {
    if (this.spent >= this.limits.perCall) {
      log.warn('call sent its whole carrier command budget', { perCall: this.limits.perCall });
      throw ApplicationFailure.nonRetryable(
        `the call sent ${this.limits.perCall} carrier commands, the most one call may send`,
        COMMAND_BUDGET_EXHAUSTED,
      );
    }
    this.spent++;
    for (;;) {
      const now = Date.now();
      for (const s of this.recent)
        if (!s.settled && s.at < now) {
          s.at = now;
          s.settled = true;
        }
      this.recent = this.recent.filter((s) => s.at > now - 1000);
      if (this.recent.length < this.limits.perSecond) {
        this.recent.push({ at: now, settled: false });
        return;
      }
      if (!this.throttled) {
        this.throttled = true;
        log.warn('call throttled: too many carrier commands in one second', {
          perSecond: this.limits.perSecond,
        });
      }
      await sleep(Math.min(...this.recent.map((s) => s.at)) + 1000 - now);
    }
  }
}
