import { ApplicationFailure, log, sleep } from '@temporalio/workflow';

/** The failure type a call ends with when it has spent its whole command budget. */
export const COMMAND_BUDGET_EXHAUSTED = 'CommandBudgetExhausted';

/**
 * What one call may still send to the carrier: at most `perSecond` commands in any second of
 * workflow time (a command beyond that waits on a timer until the oldest leaves the window) and
 * `perCall` in all (the next one fails the flow). Deterministic: workflow time and timers only, so a
 * replay takes the same waits.
 */
export class CommandBudget {
  /** Workflow-clock instants of the commands in the last second, oldest first. */
  private readonly recent: number[] = [];
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
      while (this.recent.length > 0 && this.recent[0] <= now - 1000) this.recent.shift();
      if (this.recent.length < this.limits.perSecond) {
        this.recent.push(now);
        return;
      }
      if (!this.throttled) {
        this.throttled = true;
        log.warn('call throttled: too many carrier commands in one second', {
          perSecond: this.limits.perSecond,
        });
      }
      await sleep(this.recent[0] + 1000 - now);
    }
  }
}
