import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { CarrierFailure, type CarrierEvent, type LegState } from '@switchboard/contracts';
import type { AiGather, DialResult, GatherKeys, GatherPrompt } from '@switchboard/telephony';

/** A part of the call the caller can hang up in: shortly after the carrier starts it. */
export type CallerMoment = 'prompt' | 'gather' | 'ring' | 'whisper' | 'voicemail' | 'conversation';

/** What the person calling does. */
export interface CallerScript {
  from: string;
  /** The tracking number dialled. */
  to: string;
  /** Carrier-clock instant the call starts at: schedules are judged by it. Absent: now. */
  at?: string;
  /** What the caller presses at each gather in turn: one key, or '' for nothing (the gather times out). */
  presses?: string[];
  /**
   * What the carrier's AI makes of the caller's answer at each AI gather in turn: the status and
   * fields of its call.ai_gather.ended, or `refused` (the command fails). Used up or absent: the
   * caller says nothing and the gather ends `invalid` after its timeout.
   */
  answers?: Array<{ status: 'valid' | 'invalid'; result?: Record<string, unknown> } | 'refused'>;
  /** Hang up in this part of the call, at its first occurrence; absent: only once the call is done. */
  hangUpDuring?: CallerMoment;
  /** How long the caller talks once connected before hanging up. */
  talkMs?: number;
  /** How long the caller's voicemail message lasts before they hang up. */
  messageMs?: number;
}

/**
 * How a dialled destination behaves: answers after a while (and may hang up first once connected),
 * refuses at once (`busy`: hangup with cause user_busy), or rings until the dial's timeout.
 * Destinations a script does not name never answer.
 */
export type AgentScript = { answerAfterMs: number; hangUpAfterMs?: number } | 'busy' | 'no_answer';

/** How one webhook reaches the workflow: this many ms later than usual (0: on time), or never. */
export type Delivery = number | 'lost';

export interface CarrierScript extends CallerScript {
  /** By the number (or SIP address) dialled. */
  agents?: Record<string, AgentScript>;
  /** Delays or loses chosen webhooks; every other one arrives on time. */
  deliver?: (e: CarrierEvent) => Delivery;
}

/** One command the workflow sent, as the carrier received it. */
export interface CarrierCommand {
  /** The activity's name. */
  name: string;
  args: unknown[];
  /** Who it was aimed at: `caller`, or the destination an agent leg dialled. */
  leg: string;
  /** When it arrived: ms since the call started. */
  at: number;
}

/** Prompts (speech or audio) last this long, so a caller can hang up in the middle of one. */
const PROMPT_MS = 400;
/** A caller hangs up this long into the part of the call their script names. */
const HANG_UP_AFTER_MS = 150;
/** A key is pressed this long after the menu prompt has played. */
const PRESS_AFTER_MS = 100;
const TALK_MS = 500;
const MESSAGE_MS = 300;
/** A busy destination refuses this quickly. */
const BUSY_AFTER_MS = 100;
/** Telnyx posts recording.saved a little after the recording ends. */
const RECORDING_SAVED_AFTER_MS = 100;
/** Webhooks arrive after the command that caused them has returned, as they do from Telnyx. */
const WEBHOOK_LATENCY_MS = 20;

type Timer = ReturnType<typeof setTimeout>;

interface Media {
  kind: 'speak' | 'playback';
  /** null: loops until stopped (hold audio). */
  ms: number | null;
  timer?: Timer;
}

interface Recording {
  id: string;
  channels: 'single' | 'dual';
  stopped: boolean;
  /** Paused now (record_pause, until record_resume). */
  paused: boolean;
}

interface Leg {
  id: string;
  legId: string;
  direction: 'incoming' | 'outgoing';
  from: string;
  to: string;
  /** `caller`, or the destination dialled. */
  name: string;
  /** `ringing` is parked for the caller's leg, ringing for a dialled one. */
  status: 'ringing' | 'answered' | 'ended';
  /** Telnyx sends a call's latest client_state with every later webhook of that call. */
  clientState: LegState | null;
  bridgedWith?: Leg;
  /** What the leg hears: the first item plays, the others wait their turn. */
  media: Media[];
  gathering: boolean;
  recordings: Recording[];
  /** Cancelled when the leg hangs up. */
  timers: Set<Timer>;
}

const callGone = (leg: Leg) =>
  ApplicationFailure.create({
    message: `${leg.name}'s call has already ended`,
    type: CarrierFailure.callGone,
    nonRetryable: true,
  });
const refused = (message: string) =>
  ApplicationFailure.create({ message, type: CarrierFailure.rejected, nonRetryable: true });

/**
 * One call on a pretend Telnyx, in process: it keeps the call's legs, logs every command the
 * workflow sends, acts on it the way Telnyx does (refusing commands to a leg that has hung up) and
 * sends back the webhooks Telnyx would, through `send`, after the command has returned. The caller
 * and the agents follow their script; their timers run on the real clock, kept short.
 */
export class FakeCarrier {
  readonly commands: CarrierCommand[] = [];
  /** Webhooks the script lost on purpose. */
  readonly lost: CarrierEvent[] = [];
  /** When the caller hung up (ms since the call started); unset when we hung up on them. */
  callerLeftAt?: number;
  /** How many commands had arrived when the caller hung up. */
  commandsBeforeCallerLeft?: number;
  /** Recordings the carrier saved, in order: whose, and the file's URL. */
  readonly recordings: { leg: string; channels: 'single' | 'dual'; url: string }[] = [];
  /** Webhooks handed to the workflow, and when (ms since the call started). */
  readonly delivered: { event: CarrierEvent; at: number }[] = [];
  /** Webhooks `send` failed to hand to the workflow. */
  readonly undelivered: { event: CarrierEvent; error: unknown }[] = [];
  /** Told when the caller is bridged with an agent, with the agent's leg. */
  onConnected?: (agentCallControlId: string) => void;
  /** Told when a conversation recording starts on the caller's leg, with the agent's leg bridged to it. */
  onConversationRecording?: (agentCallControlId: string) => void;
  /** Each recording's pauses as the carrier kept them (ms since the call started). */
  readonly pauses: { paused: number; resumed?: number }[] = [];

  private readonly legs = new Map<string, Leg>();
  private readonly caller: Leg;
  private readonly startMs: number;
  private readonly realStart = Date.now();
  private readonly presses: string[];
  private readonly answers: NonNullable<CallerScript['answers']>;
  private readonly timers = new Set<Timer>();
  private outbox: Promise<void> = Promise.resolve();
  private hangUpArmed = false;

  constructor(
    private readonly sessionId: string,
    private readonly script: CarrierScript,
    private readonly send: (e: CarrierEvent) => Promise<void>,
  ) {
    this.startMs = script.at ? Date.parse(script.at) : this.realStart;
    this.presses = [...(script.presses ?? [])];
    this.answers = [...(script.answers ?? [])];
    this.caller = this.addLeg('incoming', script.from, script.to, 'caller', null);
  }

  /** The caller's `call.initiated`, which starts the workflow (returned, not sent). */
  initiated(): CarrierEvent {
    return { ...this.event(this.caller, 'call.initiated'), occurredAt: new Date(this.startMs).toISOString() };
  }

  /** Stops every timer: nothing more happens on this call. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const leg of this.legs.values()) for (const t of leg.timers) clearTimeout(t);
  }

  // ---- Call Control commands, one per carrier activity ----

  answerCall(id: string, state: LegState): void {
    const leg = this.command('answerCall', [id, state], id);
    this.mustBeUp(leg);
    leg.clientState = state;
    if (leg.status === 'ringing') this.answer(leg);
  }

  rejectCall(id: string): void {
    const leg = this.command('rejectCall', [id], id);
    this.mustBeUp(leg);
    if (leg.status !== 'ringing') throw refused('only a call not yet answered can be rejected');
    this.hangup(leg, 'call_rejected', 'callee');
  }

  /** Hanging up a leg that has ended already is no error (the activity swallows Telnyx's 90018). */
  hangupCall(id: string): void {
    const leg = this.command('hangupCall', [id], id);
    if (leg.status === 'ended') return;
    const ringing = leg.status === 'ringing';
    this.hangup(leg, ringing ? 'originator_cancel' : 'normal_clearing', telnyxSide(leg));
  }

  speakText(id: string, o: { text: string; voice: string; language?: string; state: LegState }): void {
    const leg = this.command('speakText', [id, o], id);
    this.mustBeAnswered(leg);
    leg.clientState = o.state;
    this.play(leg, { kind: 'speak', ms: PROMPT_MS });
    this.reach(leg === this.caller ? 'prompt' : 'whisper');
  }

  playAudio(id: string, o: { url: string; loop?: number | 'infinity'; state: LegState }): void {
    const leg = this.command('playAudio', [id, o], id);
    this.mustBeAnswered(leg);
    leg.clientState = o.state;
    // Looped forever: hold audio, which plays until stopped.
    const plays = o.loop === 'infinity' ? null : (o.loop ?? 1);
    this.play(leg, { kind: 'playback', ms: plays === null ? null : PROMPT_MS * plays });
    if (plays !== null) this.reach(leg === this.caller ? 'prompt' : 'whisper');
  }

  /** Stops everything the leg plays or has queued; moot once it has ended. */
  stopPlayback(id: string): void {
    const leg = this.command('stopPlayback', [id], id);
    if (leg.status === 'ended') return;
    while (leg.media.length > 0) this.endMedia(leg, 'cancelled');
  }

  dialAgent(o: {
    to: string;
    from: string;
    linkTo?: string;
    timeoutSecs: number;
    state: LegState;
  }): DialResult {
    this.log('dialAgent', [o], o.to);
    const linked = o.linkTo ? this.legs.get(o.linkTo) : undefined;
    if (linked?.status === 'ended') throw callGone(linked);
    const leg = this.addLeg('outgoing', o.from, o.to, o.to, o.state);
    this.emit(leg, 'call.initiated');
    const ringMs = o.timeoutSecs * 1000;
    const whileRinging = (ms: number, fn: () => void) =>
      this.legTimer(leg, ms, () => {
        if (leg.status === 'ringing') fn();
      });
    whileRinging(ringMs, () => this.hangup(leg, 'timeout', 'unknown'));
    const agent = this.script.agents?.[o.to] ?? 'no_answer';
    if (agent === 'busy') whileRinging(BUSY_AFTER_MS, () => this.hangup(leg, 'user_busy', 'callee'));
    else if (agent !== 'no_answer' && agent.answerAfterMs < ringMs)
      whileRinging(agent.answerAfterMs, () => this.answer(leg));
    this.reach('ring');
    return { callControlId: leg.id, callLegId: leg.legId, callSessionId: this.sessionId };
  }

  bridgeCalls(id: string, otherId: string): void {
    const a = this.leg(id);
    const b = this.leg(otherId);
    // Named by the leg joining the caller: the bridge is to whom.
    this.log('bridgeCalls', [id, otherId], b.name);
    this.mustBeAnswered(a);
    this.mustBeAnswered(b);
    this.connect(a, b);
  }

  /** Bridges two legs, noted as `connect <agent>` among the commands: what the caller lives through. */
  private connect(a: Leg, b: Leg): void {
    this.log('connect', [a.id, b.id], (a === this.caller ? b : a).name);
    a.bridgedWith = b;
    b.bridgedWith = a;
    this.emit(a, 'call.bridged');
    this.emit(b, 'call.bridged');
    const agent = a === this.caller ? b : a;
    this.onConnected?.(agent.id);
    const hangUpAfterMs = this.agentScript(agent)?.hangUpAfterMs;
    if (hangUpAfterMs !== undefined)
      this.legTimer(agent, hangUpAfterMs, () => this.hangup(agent, 'normal_clearing', 'callee'));
    if (!this.reach('conversation'))
      this.legTimer(this.caller, this.script.talkMs ?? TALK_MS, () => this.callerHangsUp());
  }

  gatherDigits(id: string, o: GatherPrompt & GatherKeys & { state: LegState }): void {
    const leg = this.command('gatherDigits', [id, o], id);
    this.mustBeAnswered(leg);
    leg.clientState = o.state;
    leg.gathering = true;
    this.reach('gather');
    // The prompt plays, then the caller presses their next key or lets the gather time out.
    this.legTimer(leg, PROMPT_MS, () => {
      const key = this.presses.shift() ?? '';
      if (key === '') {
        this.legTimer(leg, o.timeoutMillis, () => this.endGather(leg, '', 'timeout'));
        return;
      }
      this.legTimer(leg, PRESS_AFTER_MS, () => {
        this.emit(leg, 'call.dtmf.received', { digit: key });
        this.endGather(leg, key, o.validDigits.includes(key) ? 'valid' : 'invalid');
      });
    });
  }

  gatherUsingAi(id: string, o: AiGather & { state: LegState }): void {
    const leg = this.command('gatherUsingAi', [id, o], id);
    this.mustBeAnswered(leg);
    const answer = this.answers.shift();
    if (answer === 'refused') throw refused('gather_using_ai is not enabled for this account');
    leg.clientState = o.state;
    this.reach('gather');
    // The question is spoken, then the caller answers (or stays silent until the timeout). A
    // hangup meanwhile ends it without an ai_gather.ended, as on Telnyx.
    if (answer === undefined) {
      this.legTimer(leg, PROMPT_MS + o.userResponseTimeoutMs, () =>
        this.emit(leg, 'call.ai_gather.ended', { status: 'invalid' }),
      );
      return;
    }
    this.legTimer(leg, PROMPT_MS + PRESS_AFTER_MS, () =>
      this.emit(leg, 'call.ai_gather.ended', {
        status: answer.status,
        ...(answer.result ? { gathered: answer.result } : {}),
      }),
    );
  }

  startRecording(
    id: string,
    o: { maxLengthSecs: number; playBeep: boolean; channels?: 'single' | 'dual'; state: LegState },
  ): void {
    const leg = this.command('startRecording', [id, o], id);
    this.mustBeAnswered(leg);
    leg.clientState = o.state;
    const rec: Recording = {
      id: randomUUID(),
      channels: o.channels ?? 'single',
      stopped: false,
      paused: false,
    };
    leg.recordings.push(rec);
    if (o.maxLengthSecs > 0) this.legTimer(leg, o.maxLengthSecs * 1000, () => this.stopRecording(leg, rec));
    // One channel is a voicemail: the caller leaves their message, then hangs up.
    if (o.channels !== 'dual' && leg === this.caller && !this.reach('voicemail'))
      this.legTimer(leg, this.script.messageMs ?? MESSAGE_MS, () => this.callerHangsUp());
    if (o.channels === 'dual' && leg === this.caller && leg.bridgedWith)
      this.onConversationRecording?.(leg.bridgedWith.id);
  }

  /** Pauses the leg's running recording; Telnyx refuses (422) a leg with none running. */
  pauseRecording(id: string): void {
    const leg = this.command('pauseRecording', [id], id);
    this.mustBeAnswered(leg);
    const rec = leg.recordings.find((r) => !r.stopped);
    if (!rec) throw refused('no recording is running on this call');
    if (!rec.paused) this.pauses.push({ paused: this.elapsed() });
    rec.paused = true;
  }

  resumeRecording(id: string): void {
    const leg = this.command('resumeRecording', [id], id);
    this.mustBeAnswered(leg);
    const rec = leg.recordings.find((r) => !r.stopped);
    if (!rec) throw refused('no recording is running on this call');
    if (rec.paused) this.pauses[this.pauses.length - 1].resumed = this.elapsed();
    rec.paused = false;
  }

  /** Transcription: nothing more to act out here than that it was asked for on an answered leg. */
  startTranscription(id: string, state: LegState): void {
    const leg = this.command('startTranscription', [id, state], id);
    this.mustBeAnswered(leg);
    leg.clientState = state;
  }

  // ---- the call's own life ----

  private callerHangsUp(): void {
    if (this.caller.status === 'ended') return;
    this.callerLeftAt = this.elapsed();
    this.commandsBeforeCallerLeft = this.commands.length;
    const cause = this.caller.status === 'ringing' ? 'originator_cancel' : 'normal_clearing';
    this.hangup(this.caller, cause, 'caller');
  }

  /** Arms the caller's hang-up when the script names this moment; true when it did. */
  private reach(moment: CallerMoment): boolean {
    if (this.script.hangUpDuring !== moment || this.hangUpArmed) return false;
    this.hangUpArmed = true;
    this.legTimer(this.caller, HANG_UP_AFTER_MS, () => this.callerHangsUp());
    return true;
  }

  private answer(leg: Leg): void {
    leg.status = 'answered';
    this.emit(leg, 'call.answered');
  }

  /** Ends a leg as Telnyx does: its media and gather end, then the hangup, the recordings, the bridged partner. */
  private hangup(leg: Leg, cause: string, source: string): void {
    if (leg.status === 'ended') return;
    while (leg.media.length > 0) this.endMedia(leg, 'call_hangup');
    if (leg.gathering) this.endGather(leg, '', 'call_hangup');
    leg.status = 'ended';
    for (const t of leg.timers) clearTimeout(t);
    leg.timers.clear();
    this.emit(leg, 'call.hangup', { hangupCause: cause, hangupSource: source });
    for (const rec of leg.recordings) this.stopRecording(leg, rec);
    const partner = leg.bridgedWith;
    if (partner) {
      leg.bridgedWith = partner.bridgedWith = undefined;
      this.hangup(partner, 'normal_clearing', telnyxSide(partner));
    }
  }

  private play(leg: Leg, item: Media): void {
    leg.media.push(item);
    if (leg.media.length === 1) this.startMedia(leg);
  }

  private startMedia(leg: Leg): void {
    const item = leg.media[0];
    if (!item) return;
    this.emit(leg, `call.${item.kind}.started`);
    if (item.ms !== null) item.timer = this.legTimer(leg, item.ms, () => this.endMedia(leg, 'completed'));
  }

  private endMedia(leg: Leg, status: 'completed' | 'cancelled' | 'call_hangup'): void {
    const item = leg.media.shift();
    if (!item) return;
    if (item.timer) clearTimeout(item.timer);
    // Telnyx's call.speak.ended has no `cancelled` status: a stopped speak ends without one.
    const withStatus = item.kind === 'speak' && status === 'cancelled' ? {} : { status };
    this.emit(leg, `call.${item.kind}.ended`, withStatus);
    if (status === 'completed') this.startMedia(leg);
  }

  private endGather(leg: Leg, digits: string, status: string): void {
    leg.gathering = false;
    this.emit(leg, 'call.gather.ended', { digits, status });
  }

  private stopRecording(leg: Leg, rec: Recording): void {
    if (rec.stopped) return;
    rec.stopped = true;
    this.timer(RECORDING_SAVED_AFTER_MS, () => {
      const url = `https://recordings.carrier.test/${rec.id}.mp3`;
      this.recordings.push({ leg: leg.name, channels: rec.channels, url });
      this.emit(leg, 'call.recording.saved', { recordingId: rec.id, recordingUrl: url });
    });
  }

  // ---- bookkeeping ----

  private addLeg(
    direction: Leg['direction'],
    from: string,
    to: string,
    name: string,
    clientState: LegState | null,
  ): Leg {
    const leg: Leg = {
      id: `v3:${randomUUID()}`,
      legId: randomUUID(),
      direction,
      from,
      to,
      name,
      status: 'ringing',
      clientState,
      media: [],
      gathering: false,
      recordings: [],
      timers: new Set(),
    };
    this.legs.set(leg.id, leg);
    return leg;
  }

  private leg(id: string): Leg {
    const leg = this.legs.get(id);
    if (!leg) throw refused(`no call ${id}`);
    return leg;
  }

  private agentScript(leg: Leg): { answerAfterMs: number; hangUpAfterMs?: number } | undefined {
    const agent = this.script.agents?.[leg.to];
    return typeof agent === 'object' ? agent : undefined;
  }

  private log(name: string, args: unknown[], leg: string): void {
    this.commands.push({ name, args: structuredClone(args), leg, at: this.elapsed() });
  }

  /** Logs a command aimed at one leg and returns that leg. */
  private command(name: string, args: unknown[], id: string): Leg {
    const leg = this.leg(id);
    this.log(name, args, leg.name);
    return leg;
  }

  private mustBeUp(leg: Leg): void {
    if (leg.status === 'ended') throw callGone(leg);
  }

  /** Media, gathers, recordings and bridges need an answered leg (Telnyx 90018, 90034). */
  private mustBeAnswered(leg: Leg): void {
    this.mustBeUp(leg);
    if (leg.status !== 'answered') throw refused(`${leg.name}'s call has not been answered`);
  }

  private elapsed(): number {
    return Date.now() - this.realStart;
  }

  private event(leg: Leg, type: string, extra: Partial<CarrierEvent> = {}): CarrierEvent {
    return {
      eventId: randomUUID(),
      type,
      occurredAt: new Date(this.startMs + this.elapsed()).toISOString(),
      callControlId: leg.id,
      callLegId: leg.legId,
      callSessionId: this.sessionId,
      clientState: leg.clientState,
      direction: leg.direction,
      from: leg.from,
      to: leg.to,
      ...extra,
    };
  }

  /** Builds the webhook now (its instant, its client_state) and sends it a moment later, in order. */
  private emit(leg: Leg, type: string, extra: Partial<CarrierEvent> = {}): void {
    const e = this.event(leg, type, extra);
    const delivery = this.script.deliver?.(e) ?? 0;
    if (delivery === 'lost') {
      this.lost.push(e);
      return;
    }
    this.timer(WEBHOOK_LATENCY_MS + delivery, () => {
      this.outbox = this.outbox
        .then(() => this.send(e))
        .then(() => void this.delivered.push({ event: e, at: this.elapsed() }))
        .catch((error: unknown) => void this.undelivered.push({ event: e, error }));
    });
  }

  private timer(ms: number, fn: () => void): Timer {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  /** A timer of the leg's own, cancelled when it hangs up. */
  private legTimer(leg: Leg, ms: number, fn: () => void): Timer {
    const t = setTimeout(() => {
      leg.timers.delete(t);
      fn();
    }, ms);
    leg.timers.add(t);
    return t;
  }
}

/** Who hangs up "from Telnyx's side": Telnyx is the callee of an inbound leg and the caller of an outbound one. */
function telnyxSide(leg: Leg): string {
  return leg.direction === 'incoming' ? 'callee' : 'caller';
}

/** Commands as a person reads them: `dialAgent +15035550111`, `hangupCall caller`. */
export function commandLines(commands: readonly CarrierCommand[]): string[] {
  // The bridge command is told by the `connect` entry that follows it, once it has connected.
  return commands.filter((c) => c.name !== 'bridgeCalls').map((c) => `${c.name} ${c.leg}`);
}
