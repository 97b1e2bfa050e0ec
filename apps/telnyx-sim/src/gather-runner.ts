import type { CallLeg } from './call-leg';
import type { MediaStatus } from './event-factory';
import type { Emit, MediaItem } from './media-player';
import type { ScheduledTask } from './sim-clock';

export type GatherKind = 'gather' | 'gather_using_speak' | 'gather_using_audio';
export type GatherStatus = 'valid' | 'invalid' | 'timeout' | 'cancelled' | 'call_hangup';

export interface GatherParams {
  kind: GatherKind;
  minDigits: number;
  maxDigits: number;
  validDigits: string;
  terminatingDigit: string;
  /** Wait for the first digit, counted from the end of the prompt (or from the command for `gather`). */
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  /** Prompt plays per gather (`maximum_tries`); 1 for plain `gather`. */
  maxTries: number;
  prompt?: () => MediaItem;
  invalidPrompt?: () => MediaItem;
}

/** When a press step gives no `after_s`, its first digit comes this long after the prompt ends. */
export const DEFAULT_PRESS_AFTER_MS = 500;
/** Spacing between the digits of one multi-digit press. */
export const DIGIT_GAP_MS = 100;

/**
 * One gather command on one leg. Each try plays the prompt, then takes the caller's next `press`
 * step (one step per try): `call.dtmf.received` per digit, then either another try (for the
 * *_using_* variants, on invalid input or timeout while tries remain) or `call.gather.ended`.
 */
export class GatherRunner {
  private phase: 'prompt' | 'waiting' | 'done' = 'prompt';
  private tries = 0;
  private collected = '';
  private pressTaken = false;
  private tasks: ScheduledTask[] = [];
  private prompts: MediaItem[] = [];

  constructor(
    private readonly leg: CallLeg,
    private readonly emit: Emit,
    private readonly params: GatherParams,
    private readonly onDone: () => void,
  ) {}

  start(): void {
    this.beginTry(false);
  }

  /** gather_stop (or a newer gather): ends with `cancelled` and the digits so far. */
  stop(): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.clearTasks();
    for (const p of this.prompts.splice(0)) this.leg.media.cancel(p);
    this.releasePress();
    this.finish('cancelled');
  }

  hangup(): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.clearTasks();
    this.finish('call_hangup');
  }

  private beginTry(afterInvalid: boolean): void {
    this.tries++;
    this.collected = '';
    const { prompt, invalidPrompt } = this.params;
    if (!prompt) {
      this.waitForInput();
      return;
    }
    this.phase = 'prompt';
    if (afterInvalid && invalidPrompt) this.queuePrompt(invalidPrompt(), false);
    this.queuePrompt(prompt(), true);
  }

  private queuePrompt(item: MediaItem, last: boolean): void {
    this.prompts.push(item);
    item.onEnd = (status: MediaStatus) => {
      this.prompts = this.prompts.filter((p) => p !== item);
      // A prompt cut short by playback_stop still leads to listening, as on Telnyx.
      if (last && this.phase === 'prompt' && status !== 'call_hangup') this.waitForInput();
    };
    this.leg.media.play(item);
  }

  private waitForInput(): void {
    this.phase = 'waiting';
    const press = this.leg.caller?.takePress();
    this.pressTaken = press !== undefined;
    const digits = press?.press ?? '';
    const afterMs = press?.after_s !== undefined ? press.after_s * 1000 : DEFAULT_PRESS_AFTER_MS;
    if (digits === '' || afterMs > this.params.firstDigitTimeoutMs) {
      this.track(this.params.firstDigitTimeoutMs, () => this.endTry('timeout'));
      return;
    }
    const pressDigit = (i: number): void => {
      const digit = digits[i];
      this.emit(this.leg, 'call.dtmf.received', { digit });
      if (digit === this.params.terminatingDigit) return this.endTry(this.evaluate());
      this.collected += digit;
      if (this.collected.length >= this.params.maxDigits) return this.endTry(this.evaluate());
      if (i + 1 < digits.length) this.track(DIGIT_GAP_MS, () => pressDigit(i + 1));
      else this.track(this.params.interDigitTimeoutMs, () => this.endTry(this.evaluate()));
    };
    this.track(afterMs, () => pressDigit(0));
  }

  private evaluate(): GatherStatus {
    const { minDigits, validDigits } = this.params;
    if (this.collected.length < minDigits) return 'invalid';
    return [...this.collected].every((d) => validDigits.includes(d)) ? 'valid' : 'invalid';
  }

  private endTry(status: GatherStatus): void {
    if (this.phase === 'done') return;
    this.clearTasks();
    this.releasePress();
    const retry =
      (status === 'invalid' || status === 'timeout') &&
      this.params.kind !== 'gather' &&
      this.tries < this.params.maxTries;
    if (retry) {
      this.beginTry(status === 'invalid');
      return;
    }
    this.phase = 'done';
    this.finish(status);
  }

  private releasePress(): void {
    if (!this.pressTaken) return;
    this.pressTaken = false;
    this.leg.caller?.pressFinished();
  }

  private finish(status: GatherStatus): void {
    this.emit(this.leg, 'call.gather.ended', { digits: this.collected, status });
    this.onDone();
  }

  private track(delayMs: number, run: () => void): void {
    const task = this.leg.schedule(delayMs, () => {
      this.tasks = this.tasks.filter((t) => t !== task);
      run();
    });
    this.tasks.push(task);
  }

  private clearTasks(): void {
    for (const t of this.tasks.splice(0)) t.cancel();
  }
}
