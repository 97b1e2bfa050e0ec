import { answerFromSpeech } from './ai-answer';
import type { CallLeg } from './call-leg';
import type { Emit } from './media-player';
import { speakDurationMs } from './media-player';
import type { ScheduledTask } from './sim-clock';

export interface AiGatherParams {
  greeting: string;
  /** The JSON Schema of the fields asked for (the command's `parameters`). */
  parameters: unknown;
  /** How long the caller may stay silent after the greeting (`user_response_timeout_ms`). */
  responseTimeoutMs: number;
}

/** When a say step gives no `after_s`, the caller starts talking this long after the greeting. */
export const DEFAULT_SAY_AFTER_MS = 500;

/**
 * One `gather_using_ai` on one leg: the greeting is spoken, then the caller's next `say` step (if
 * the script is at one) is read into the parameters by ai-answer.ts's stand-in, and
 * `call.ai_gather.ended` reports it with the conversation as message history. No say step: the
 * caller stays silent, and after the response timeout the gather ends `invalid` with no result.
 */
export class AiGatherRunner {
  private done = false;
  private task: ScheduledTask | undefined;
  private sayTaken = false;

  constructor(
    private readonly leg: CallLeg,
    private readonly emit: Emit,
    private readonly params: AiGatherParams,
    private readonly onDone: () => void,
  ) {}

  start(): void {
    const greetingMs = this.params.greeting === '' ? 0 : speakDurationMs(this.params.greeting);
    this.task = this.leg.schedule(greetingMs, () => this.listen());
  }

  /** gather_stop (or a newer gather): ends without an answer. */
  stop(): void {
    if (this.done) return;
    this.task?.cancel();
    this.finish({ status: 'invalid', result: {} }, undefined);
  }

  /** The caller hung up: Telnyx reports no AI gather end, only the hangup. */
  hangup(): void {
    if (this.done) return;
    this.done = true;
    this.task?.cancel();
    this.release();
  }

  private listen(): void {
    if (this.done) return;
    const step = this.leg.caller?.takeSay();
    this.sayTaken = step !== undefined;
    if (step === undefined) {
      this.task = this.leg.schedule(this.params.responseTimeoutMs, () =>
        this.finish({ status: 'invalid', result: {} }, undefined),
      );
      return;
    }
    const afterMs = step.after_s !== undefined ? step.after_s * 1000 : DEFAULT_SAY_AFTER_MS;
    if (afterMs > this.params.responseTimeoutMs) {
      this.task = this.leg.schedule(this.params.responseTimeoutMs, () =>
        this.finish({ status: 'invalid', result: {} }, undefined),
      );
      return;
    }
    // The answer comes once the caller has finished the sentence.
    this.task = this.leg.schedule(afterMs + speakDurationMs(step.say), () =>
      this.finish(answerFromSpeech(this.params.parameters, step.say), step.say),
    );
  }

  private finish(answer: { status: string; result: Record<string, string> }, said: string | undefined): void {
    if (this.done) return;
    this.done = true;
    this.release();
    const history = [
      ...(this.params.greeting !== '' ? [{ role: 'assistant', content: this.params.greeting }] : []),
      ...(said !== undefined ? [{ role: 'user', content: said }] : []),
    ];
    this.emit(this.leg, 'call.ai_gather.ended', {
      status: answer.status,
      result: answer.result,
      message_history: history,
    });
    this.onDone();
  }

  private release(): void {
    if (!this.sayTaken) return;
    this.sayTaken = false;
    this.leg.caller?.sayFinished();
  }
}
