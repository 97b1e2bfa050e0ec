import type { CallLeg } from './call-leg';
import type { ScheduledTask } from './sim-clock';
import {
  isHangupAfterStep,
  isHangupAtStep,
  isPressStep,
  isSayStep,
  type CallerStep,
  type PressStep,
  type SayStep,
} from './scripts';

/**
 * Plays the caller's steps on an inbound leg, in order:
 * - `hangup_at_s` steps are armed when the call is initiated and fire unconditionally; in the ordered
 *   sequence they are skipped.
 * - nothing else happens before the call is answered (explicitly, or implicitly by being bridged).
 * - a `press` step waits for the next gather try, which consumes it; the step finishes when that try
 *   ends (digits delivered, or timed out). A `say` step is the same for the next AI gather.
 * - a `hangup_after_s` step arms a timer N s after the previous step finished (after answer when it is
 *   the first step). Bridging the caller to someone before it fires restarts it from the bridge
 *   instant. It is terminal: later steps are never reached.
 */
export class CallerScriptRunner {
  private index = 0;
  private answered = false;
  private waitingOnPress = false;
  private hangupTimer: { task: ScheduledTask; seconds: number } | undefined;

  constructor(
    private readonly leg: CallLeg,
    private readonly steps: readonly CallerStep[],
    private readonly hangUp: (leg: CallLeg) => void,
  ) {}

  onInitiated(): void {
    for (const step of this.steps) {
      if (isHangupAtStep(step)) this.leg.schedule(step.hangup_at_s * 1000, () => this.hangUp(this.leg));
    }
  }

  onAnswered(): void {
    if (this.answered) return;
    this.answered = true;
    this.advance();
  }

  onBridged(): void {
    this.onAnswered();
    const armed = this.hangupTimer;
    if (armed && !armed.task.cancelled) {
      armed.task.cancel();
      this.arm(armed.seconds);
    }
  }

  /** The next press step if the script is currently waiting on one; undefined means "no input". */
  takePress(): PressStep | undefined {
    if (!this.answered || this.waitingOnPress || this.hangupTimer) return undefined;
    this.skipUnordered();
    const step = this.steps[this.index];
    if (!step || !isPressStep(step)) return undefined;
    this.index++;
    this.waitingOnPress = true;
    return step;
  }

  /** The next say step if the script is currently waiting on one; undefined means silence. */
  takeSay(): SayStep | undefined {
    if (!this.answered || this.waitingOnPress || this.hangupTimer) return undefined;
    this.skipUnordered();
    const step = this.steps[this.index];
    if (!step || !isSayStep(step)) return undefined;
    this.index++;
    this.waitingOnPress = true;
    return step;
  }

  sayFinished(): void {
    this.pressFinished();
  }

  pressFinished(): void {
    if (!this.waitingOnPress) return;
    this.waitingOnPress = false;
    this.advance();
  }

  private advance(): void {
    if (this.hangupTimer) return;
    this.skipUnordered();
    const step = this.steps[this.index];
    if (step && isHangupAfterStep(step)) {
      this.index++;
      this.arm(step.hangup_after_s);
    }
  }

  private skipUnordered(): void {
    while (this.index < this.steps.length && isHangupAtStep(this.steps[this.index])) this.index++;
  }

  private arm(seconds: number): void {
    this.hangupTimer = { seconds, task: this.leg.schedule(seconds * 1000, () => this.hangUp(this.leg)) };
  }
}
