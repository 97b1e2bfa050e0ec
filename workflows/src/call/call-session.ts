import { setHandler, workflowInfo } from '@temporalio/workflow';
import {
  CALL_COMMAND_BUDGET,
  DEFAULT_CALL_TIMING,
  callContextQuery,
  callTags,
  carrierEventSignal,
  currentStepQuery,
  type CallOutcome,
  type CallScreenPop,
  type CallTiming,
  type DisclosureRecord,
  type LegState,
  type ResolvedCall,
} from '@switchboard/contracts';
import { readablePath, type CallFlow, type Prompt } from '@switchboard/domain';
import { carrier } from '../activity-proxies';
import { command } from '../carrier-commands';
import { CommandBudget } from '../command-budget';
import { CallState, type Leg } from './call-state';
import type { ConversationRecording } from './recording-control';
import { Watchdog } from './watchdog';

/** What the carrier plays: speech in a voice, or an audio file by URL. */
export type Media = { text: string; voice: string; language?: string } | { url: string };

/** A call to a known number, as resolved at its start. */
export type KnownRoute = Extract<ResolvedCall, { known: true }>;

/** The caller's leg, known from its call.initiated. */
export type Caller = NonNullable<CallState['caller']>;

/**
 * Everything one call knows and does, shared by the step handlers: the carrier's view of its legs
 * (CallState, fed by signals), what the call has come to (answered, voicemail, recording, whether
 * the caller left first), and the ways it acts on the carrier: commands within the call's budget,
 * waits under one watchdog, prompts with their own tags. Handlers hold no state of their own.
 */
export class CallSession {
  readonly wf = workflowInfo().workflowId;
  readonly state = new CallState();
  readonly timing: CallTiming;
  private readonly watchdog: Watchdog;
  private readonly budget = new CommandBudget(CALL_COMMAND_BUDGET);

  /** Set once the call.initiated of the caller has arrived. */
  caller!: Caller;
  /** The resolved number; set before any step runs. */
  route!: KnownRoute;
  /** The agent (or destination) who answered and was connected. */
  answered?: Leg;
  /** Set when the caller hung up before we were done with them (abandoned, not unanswered). */
  callerLeftFirst = false;
  /** The message left, and its box. */
  voicemail?: { url: string; boxId: string };
  /** The recorded conversation, when the flow records them. */
  conversationRecordingUrl?: string;
  /** The recording disclosure the call owed the caller, once its turn came. */
  disclosure?: DisclosureRecord;
  /** The conversation recording while and after it runs: when it started, agents' pauses. */
  recording?: ConversationRecording;
  outcome: CallOutcome | null = null;
  /** The flow the call runs: its step labels name the path on agents' screens. */
  flow: CallFlow | null = null;
  screenPop: Omit<CallScreenPop, 'path' | 'pathLabels'> | null = null;

  /** Set once we have hung up on the caller. */
  private callerHungUp = false;
  /** Numbers prompt playings, so a step played twice (menus loop) gets distinct tags. */
  private prompts = 0;
  /** Numbers menu gathers, so a menu entered again never reads an earlier visit's keys. */
  private gathers = 0;
  /** Numbers ring-group attempts: each draws its own plan (and round-robin turn). */
  private rings = 0;

  constructor(timing: Partial<CallTiming> | undefined) {
    this.timing = { ...DEFAULT_CALL_TIMING, ...timing };
    this.watchdog = new Watchdog(this.timing.watchdogMinMs);
    setHandler(carrierEventSignal, (e) => {
      this.state.apply(e);
    });
    setHandler(currentStepQuery, () => ({
      step: this.state.step,
      outcome: this.outcome,
      path: this.state.path,
    }));
    setHandler(callContextQuery, () =>
      this.screenPop
        ? {
            ...this.screenPop,
            path: this.state.path.map((p) => p.step),
            pathLabels: readablePath(this.flow, this.state.path),
          }
        : null,
    );
  }

  /** Whether the caller has hung up; once seen, the call counts as abandoned unless connected. */
  ended(): boolean {
    if (this.state.callerEnded()) this.callerLeftFirst = true;
    return this.callerLeftFirst;
  }

  /** Waits for `done()` (or the caller hanging up, which ends every wait), at most `timeoutMs`. */
  wait(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return this.watchdog.until(() => done() || this.ended(), timeoutMs);
  }

  /** Waits for `done()` alone, at most `timeoutMs`: for what must be seen after the caller left. */
  waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return this.watchdog.until(done, timeoutMs);
  }

  /** Sends one carrier command within the call's budget; false when the call had already ended. */
  async send(fn: () => Promise<unknown>): Promise<boolean> {
    await this.budget.take();
    return command(fn);
  }

  /** Takes a command out of the budget without the call-gone handling (dials report it themselves). */
  take(): Promise<void> {
    return this.budget.take();
  }

  /** Enters a step: the path records it, and the currentStep query reports it. */
  enter(step: string, detail?: string): void {
    this.state.enter(step, detail);
  }

  /** Client state for a command on the caller's leg. */
  onCaller(tag?: string): LegState {
    return tag === undefined ? { wf: this.wf, role: 'caller' } : { wf: this.wf, role: 'caller', tag };
  }

  /** Client state for a command on an agent's leg. */
  onAgent(tag: string): LegState {
    return { wf: this.wf, role: 'agent', tag };
  }

  nextPrompt(): number {
    return ++this.prompts;
  }

  nextGather(): number {
    return ++this.gathers;
  }

  nextRing(): number {
    return ++this.rings;
  }

  /** The URL of an audio file of the property, when it still has it. */
  audioUrl(audioId: string): string | undefined {
    return this.route.audioUrls?.[audioId];
  }

  /** Answers the caller and waits for the carrier to say so (or for the caller to leave). */
  async answer(): Promise<void> {
    await this.send(() => carrier.answerCall(this.caller.callControlId, this.onCaller()));
    await this.wait(() => !!this.state.callerLeg()?.answeredAt, this.timing.answerWaitMs);
  }

  /** Hangs up on the caller unless they have gone, or we did already (its webhook may be on the way). */
  async hangupCaller(): Promise<void> {
    if (this.ended() || this.callerHungUp) return;
    this.callerHungUp = true;
    await this.send(() => carrier.hangupCall(this.caller.callControlId));
  }

  /**
   * Plays a prompt (text-to-speech or an audio file) to the caller, or to an agent's leg, and waits
   * until it has finished or the caller (or that leg) hangs up. `tagOf` names the playing from the
   * call's prompt number. An audio prompt whose file is gone is skipped. True when it played to
   * its end.
   */
  async speak(prompt: Prompt, tagOf: (n: number) => string, leg: Leg | null = null): Promise<boolean> {
    const url = prompt.kind === 'audio' ? this.audioUrl(prompt.audioId) : undefined;
    if (prompt.kind === 'audio' && url === undefined) return false;
    const media: Media =
      prompt.kind === 'tts'
        ? { text: prompt.text, voice: prompt.voice ?? this.route.defaultVoice, language: prompt.language }
        : { url: url! };
    return this.play(media, tagOf(this.nextPrompt()), leg);
  }

  /**
   * Plays resolved speech or audio under `tag` and waits for its end (or the hangup of the caller
   * or that leg). True when it played to its end.
   */
  async play(media: Media, tag: string, leg: Leg | null = null): Promise<boolean> {
    const target = leg?.callControlId ?? this.caller.callControlId;
    const state = leg ? this.onAgent(tag) : this.onCaller(tag);
    await this.send(() =>
      'url' in media
        ? carrier.playAudio(target, { url: media.url, state })
        : carrier.speakText(target, { ...media, state }),
    );
    await this.wait(
      () => this.state.finishedPrompts.has(tag) || (leg !== null && !!leg.endedAt),
      this.timing.promptWaitMs,
    );
    return this.state.finishedPrompts.has(tag);
  }

  /** Speaks a step's prompt to the caller under the step's own tag. */
  say(prompt: Prompt, step: string): Promise<boolean> {
    return this.speak(prompt, (n) => callTags.prompt(step, n));
  }
}
