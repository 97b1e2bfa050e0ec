import { randomUUID } from 'node:crypto';
import type { CallLeg, HangupSource, OutgoingOptions, Recording } from './call-leg';
import type { CallStore, Session, WebhookRecord } from './call-store';
import { isBrowserEndpoint } from './browser-legs';
import { CallerScriptRunner } from './caller-script';
import type { ContractValidator } from './contract/validator';
import { EventFactory } from './event-factory';
import { MediaPlayer } from './media-player';
import type { AgentBehaviour, InboundCallScript } from './scripts';
import { realNowMs } from './sim-clock';
import type { WebhookSender } from './webhook-sender';

/** Scenario-time constants of the simulated world (all scaled by timeScale like everything else). */
export const INBOUND_ANSWER_TIMEOUT_MS = 30_000;
export const AGENT_BUSY_AFTER_MS = 1000;
export const AGENT_REJECT_AFTER_MS = 1000;
export const RECORDING_SAVED_AFTER_MS = 500;
export const AMD_RESULT_AFTER_MS = 1000;
export const AMD_GREETING_ENDED_AFTER_MS = 3000;

export interface EngineConfig {
  connectionId: string;
  maxCallMs: number;
  webhookUrl: () => string | undefined;
  baseUrl: () => string;
  onChange: () => void;
  /** How destinations behave when the session's script does not name them (`POST /sim/agents`). */
  defaultAgents: () => Record<string, AgentBehaviour>;
  /** When set, every emitted webhook is checked against the contract and mismatches go to stderr. */
  selfCheck?: ContractValidator;
}

/** A recording and the leg it was made on: all `GET /v2/recordings/{id}` describes. */
export interface RecordedLeg {
  rec: Recording;
  leg: CallLeg;
}

export interface DialRequest {
  linkedTo?: CallLeg;
  from: string;
  to: string;
  clientState: string | null;
  webhookUrl?: string;
  parkAfterUnbridge: boolean;
  timeLimitMs: number;
  outgoing: OutgoingOptions;
}

/** Who hangs up "from Telnyx's side": Telnyx is the callee of an inbound leg and the caller of an outbound one. */
export const telnyxSide = (leg: CallLeg): HangupSource =>
  leg.direction === 'incoming' ? 'callee' : 'caller';

/**
 * Call lifecycle shared by the API commands and the scripted people: creating legs, answering,
 * bridging, hanging up (with its cascade), recordings and queues. Every state change emits the
 * webhook Telnyx would send.
 */
export class CallEngine {
  readonly events: EventFactory;
  /** Every recording started, kept past `POST /sim/reset`: Telnyx keeps recordings longer than calls. */
  private readonly recordings = new Map<string, RecordedLeg>();
  private readonly queues = new Map<string, CallLeg[]>();

  constructor(
    private readonly store: CallStore,
    private readonly sender: WebhookSender,
    private readonly cfg: EngineConfig,
  ) {
    this.events = new EventFactory(cfg.connectionId, cfg.baseUrl);
  }

  readonly emit = (leg: CallLeg, eventType: string, extra: Record<string, unknown> = {}): void => {
    const session = leg.session;
    const data = this.events.build(leg, eventType, session.clock.now(), extra);
    const url = leg.webhookUrl ?? session.webhookUrl ?? this.cfg.webhookUrl();
    const record: WebhookRecord = {
      event_id: data.id,
      event_type: eventType,
      call_control_id: leg.callControlId,
      occurred_at: data.occurred_at,
      generated_t_ms: realNowMs(),
      url: url ?? null,
      attempts: [],
      delivered: false,
      failed: false,
      ...(typeof extra.digits === 'string' ? { digits: extra.digits } : {}),
    };
    session.webhooks.push(record);
    if (this.cfg.selfCheck) {
      const errors = this.cfg.selfCheck.webhookErrors({ data });
      if (errors.length)
        process.stderr.write(`telnyx-sim: ${eventType} breaks the contract: ${errors.join('; ')}\n`);
    }
    this.sender.enqueue({ sessionId: session.id, url, data, record });
  };

  recording(id: string): RecordedLeg | undefined {
    return this.recordings.get(id);
  }

  /** Forgets a recording for good, as Telnyx's `DELETE /v2/recordings/{id}` does; false if unknown. */
  deleteRecording(id: string): boolean {
    return this.recordings.delete(id);
  }

  /** The recordings the carrier still holds, for tests proving an erased one is gone. */
  heldRecordings(): RecordedLeg[] {
    return [...this.recordings.values()];
  }

  placeInbound(script: InboundCallScript): CallLeg {
    const at = script.at ? Date.parse(script.at) : Date.now();
    const session = this.store.createSession(at, script.agents ?? {}, script.webhook_url);
    session.conversation = script.conversation ?? [];
    return session.clock.atomically(() => this.createInbound(session, script), false);
  }

  private createInbound(session: Session, script: InboundCallScript): CallLeg {
    const leg = this.store.createLeg(
      session,
      'incoming',
      script.from,
      script.to,
      script.caller_id_name ?? script.from,
    );
    leg.media = new MediaPlayer(leg, this.emit);
    if (script.caller?.length)
      leg.caller = new CallerScriptRunner(leg, script.caller, (l) => this.callerHangsUp(l));
    this.emit(leg, 'call.initiated', this.events.initiated(leg));
    leg.caller?.onInitiated();
    leg.unansweredTask = leg.schedule(INBOUND_ANSWER_TIMEOUT_MS, () => {
      if (leg.state === 'parked') this.hangup(leg, 'timeout', 'unknown', '480');
    });
    leg.schedule(this.cfg.maxCallMs, () => this.hangup(leg, 'time_limit', 'unknown', '200'));
    this.cfg.onChange();
    return leg;
  }

  dial(req: DialRequest): CallLeg {
    const session: Session = req.linkedTo?.session ?? this.store.createSession(Date.now());
    return session.clock.atomically(() => this.createOutgoing(session, req), req.linkedTo !== undefined);
  }

  private createOutgoing(session: Session, req: DialRequest): CallLeg {
    const leg = this.store.createLeg(session, 'outgoing', req.from, req.to);
    leg.media = new MediaPlayer(leg, this.emit);
    leg.clientState = req.clientState;
    leg.webhookUrl = req.webhookUrl;
    leg.parkAfterUnbridge = req.parkAfterUnbridge;
    leg.outgoing = req.outgoing;
    this.emit(leg, 'call.initiated', this.events.initiated(leg));
    this.startAgent(leg);
    leg.schedule(Math.min(this.cfg.maxCallMs, req.timeLimitMs), () =>
      this.hangup(leg, 'time_limit', 'unknown', '200'),
    );
    this.cfg.onChange();
    return leg;
  }

  answerInbound(
    leg: CallLeg,
    record?: { format: 'mp3' | 'wav'; channels: 'single' | 'dual' },
  ): string | undefined {
    this.markAnswered(leg);
    this.emit(leg, 'call.answered', this.events.answered(leg));
    const rec = record ? this.startRecording(leg, record) : undefined;
    leg.caller?.onAnswered();
    return rec?.id;
  }

  /** Hangs up one leg; a bridged partner follows unless it asked to be parked after unbridge. */
  hangup(leg: CallLeg, cause: string, source: HangupSource, sipCause: string): void {
    if (!leg.alive) return;
    leg.media.hangup();
    const gather = leg.gather;
    leg.gather = undefined;
    gather?.hangup();
    if (leg.queue) this.dequeue(leg, 'hangup');
    leg.state = 'hangup';
    leg.endedMs = leg.session.clock.now();
    leg.hangupCause = cause;
    leg.hangupSource = source;
    leg.sipHangupCause = sipCause;
    leg.cancelTimers();
    this.emit(leg, 'call.hangup', this.events.hangup(leg));
    for (const rec of leg.recordings) this.stopRecording(leg, rec);
    this.unbridge(leg);
    for (const other of leg.session.legs) {
      if (other.outgoing?.transferFrom === leg && other.state === 'bridging') {
        this.hangup(other, 'originator_cancel', 'caller', '487');
      }
    }
    this.cfg.onChange();
  }

  bridge(a: CallLeg, b: CallLeg): void {
    if (a.bridgedWith && a.bridgedWith !== b) this.unbridge(a);
    if (b.bridgedWith && b.bridgedWith !== a) this.unbridge(b);
    if (!a.alive || !b.alive) return;
    for (const leg of [a, b]) {
      // Bridging a parked inbound call (transfer, bridge_on_answer) connects it without call.answered.
      if (leg.state === 'parked') this.markAnswered(leg);
      if (leg.queue) this.dequeue(leg, 'bridged');
    }
    a.bridgedWith = a.lastBridgedWith = b;
    b.bridgedWith = b.lastBridgedWith = a;
    this.emit(a, 'call.bridged');
    this.emit(b, 'call.bridged');
    for (const leg of [a, b]) {
      leg.caller?.onBridged();
      this.armAgentHangup(leg);
    }
  }

  /**
   * Real-time transcription on a bridged leg: each line of the session's conversation, said while
   * the leg is still bridged, becomes a final `call.transcription` on this leg. The lines are timed
   * from the transcription's start (the moment the app's command arrives, whatever its latency
   * after the bridge), so a script's lines are never lost to the app's own speed. The
   * leg's own party is its `inbound` track (the caller, on the caller's leg), the other side its
   * `outbound` one; `tracks` picks which are transcribed. A line's `transcribed_after_s` delays its
   * event, past the hangup if need be.
   */
  startTranscription(leg: CallLeg, tracks: 'inbound' | 'outbound' | 'both'): void {
    const clock = leg.session.clock;
    let saidAt = clock.now();
    for (const line of leg.session.conversation) {
      saidAt += (line.after_s ?? 1) * 1000;
      const own = (line.speaker === 'caller') === (leg.direction === 'incoming');
      const track = own ? 'inbound' : 'outbound';
      if (tracks !== 'both' && tracks !== track) continue;
      // Said only while the two are still talking: a leg's timers die with it.
      leg.schedule(saidAt - clock.now(), () => {
        if (!leg.bridgedWith) return;
        const transcribed = () =>
          this.emit(leg, 'call.transcription', {
            transcription_data: {
              transcript: line.text,
              is_final: true,
              confidence: 0.93,
              transcription_track: track,
            },
          });
        const lag = (line.transcribed_after_s ?? 0) * 1000;
        if (lag === 0) transcribed();
        else clock.schedule(lag, transcribed);
      });
    }
  }

  startRecording(
    leg: CallLeg,
    opts: { format: 'mp3' | 'wav'; channels: 'single' | 'dual'; maxLengthS?: number; id?: string },
  ): Recording {
    const rec: Recording = {
      id: opts.id ?? randomUUID(),
      format: opts.format,
      channels: opts.channels,
      startedMs: leg.session.clock.now(),
      pauses: [],
    };
    leg.recordings.push(rec);
    this.recordings.set(rec.id, { rec, leg });
    if (opts.maxLengthS && opts.maxLengthS > 0) {
      rec.stopTask = leg.schedule(opts.maxLengthS * 1000, () => this.stopRecording(leg, rec));
    }
    return rec;
  }

  /**
   * record_pause / record_resume: the running recordings of the leg (the one named, when named)
   * leave out what follows until resumed; asking for the state a recording is in changes nothing.
   * False when the leg has no such recording running.
   */
  pauseRecordings(leg: CallLeg, paused: boolean, recordingId?: string): boolean {
    const running = leg.recordings.filter(
      (r) => r.endedMs === undefined && (recordingId === undefined || r.id === recordingId),
    );
    const now = leg.session.clock.now();
    for (const rec of running) {
      const open = rec.pauses.find((p) => p.toMs === undefined);
      if (paused && !open) rec.pauses.push({ fromMs: now });
      if (!paused && open) open.toMs = now;
    }
    return running.length > 0;
  }

  /** Telnyx posts recording.saved a little after the recording (or the call) ends. */
  stopRecording(leg: CallLeg, rec: Recording): void {
    if (rec.endedMs !== undefined) return;
    rec.endedMs = leg.session.clock.now();
    for (const p of rec.pauses) p.toMs ??= rec.endedMs;
    rec.stopTask?.cancel();
    // Not a leg timer: it must survive the hangup that usually triggers it.
    leg.session.clock.schedule(RECORDING_SAVED_AFTER_MS, () => {
      rec.savedMs = leg.session.clock.now();
      this.emit(leg, 'call.recording.saved', this.events.recordingSaved(leg, rec));
    });
  }

  queueLength(name: string): number {
    return this.queues.get(name)?.length ?? 0;
  }

  enqueue(leg: CallLeg, name: string, maxWaitS?: number): void {
    const list = this.queues.get(name) ?? [];
    list.push(leg);
    this.queues.set(name, list);
    leg.queue = { name, enteredMs: leg.session.clock.now() };
    this.emit(leg, 'call.enqueued', {
      queue: name,
      current_position: list.length,
      queue_avg_wait_time_secs: 0,
    });
    if (maxWaitS && maxWaitS > 0)
      leg.queue.timeoutTask = leg.schedule(maxWaitS * 1000, () => this.dequeue(leg, 'timeout'));
  }

  dequeue(leg: CallLeg, reason: 'bridged' | 'hangup' | 'leave' | 'timeout'): void {
    const q = leg.queue;
    if (!q) return;
    leg.queue = undefined;
    q.timeoutTask?.cancel();
    const list = this.queues.get(q.name) ?? [];
    const position = list.indexOf(leg) + 1;
    const rest = list.filter((l) => l !== leg);
    if (rest.length) this.queues.set(q.name, rest);
    else this.queues.delete(q.name);
    this.emit(leg, 'call.dequeued', {
      queue: q.name,
      queue_position: position,
      reason,
      wait_time_secs: Math.round((leg.session.clock.now() - q.enteredMs) / 1000),
    });
  }

  private markAnswered(leg: CallLeg): void {
    leg.state = 'answered';
    leg.answeredMs = leg.session.clock.now();
    leg.unansweredTask?.cancel();
    leg.unansweredTask = undefined;
  }

  private callerHangsUp(leg: CallLeg): void {
    if (leg.state === 'parked') this.hangup(leg, 'originator_cancel', 'caller', '487');
    else this.hangup(leg, 'normal_clearing', 'caller', '200');
  }

  private unbridge(leg: CallLeg): void {
    const partner = leg.bridgedWith;
    if (!partner) return;
    leg.bridgedWith = undefined;
    partner.bridgedWith = undefined;
    if (partner.alive && !partner.parkAfterUnbridge) {
      this.hangup(partner, 'normal_clearing', telnyxSide(partner), '200');
    }
  }

  /**
   * Agent legs follow the session's `agents` entry for their `to`, else the simulator-wide default
   * for it; unlisted ones ring until timeout, unless they ring a browser endpoint, where a person may
   * answer through the control API first.
   */
  private startAgent(leg: CallLeg): void {
    const scripted = leg.session.agents[leg.to] ?? this.cfg.defaultAgents()[leg.to];
    leg.browser = scripted === undefined && isBrowserEndpoint(leg.to);
    const behaviour = scripted ?? 'no_answer';
    leg.agent = behaviour;
    const ringTimeoutMs = leg.outgoing?.ringTimeoutMs ?? 30_000;
    const whileRinging = (delayMs: number, run: () => void) =>
      leg.schedule(delayMs, () => {
        if (leg.state === 'bridging') run();
      });
    whileRinging(ringTimeoutMs, () => this.hangup(leg, 'timeout', 'unknown', '487'));
    if (behaviour === 'busy') {
      whileRinging(AGENT_BUSY_AFTER_MS, () => this.hangup(leg, 'user_busy', 'callee', '486'));
    } else if (behaviour === 'reject') {
      whileRinging(AGENT_REJECT_AFTER_MS, () => this.hangup(leg, 'call_rejected', 'callee', '603'));
    } else if (typeof behaviour === 'object' && behaviour.answer_after_s * 1000 < ringTimeoutMs) {
      whileRinging(behaviour.answer_after_s * 1000, () => this.answerOutgoing(leg));
    }
  }

  /** The dialled party answers: `call.answered`, AMD, then the bridge the dial or transfer asked for. */
  answerOutgoing(leg: CallLeg): void {
    const opts = leg.outgoing ?? { ringTimeoutMs: 0 };
    this.markAnswered(leg);
    this.emit(leg, 'call.answered', this.events.answered(leg));
    this.scheduleAmd(leg, opts.amd);
    const origin = opts.transferFrom;
    if (origin) {
      if (!origin.alive) {
        this.hangup(leg, 'normal_clearing', 'caller', '200');
        return;
      }
      this.bridge(origin, leg);
    } else if (opts.bridgeOnAnswerWith) {
      const target = this.store.leg(opts.bridgeOnAnswerWith);
      const blocked = opts.preventDoubleBridge && target?.bridgedWith !== undefined;
      if (target && target !== leg && target.alive && !blocked) this.bridge(target, leg);
    }
    // A transfer's recording belongs to the leg the app commanded (the original one).
    if (opts.record && leg.alive) this.startRecording(origin?.alive ? origin : leg, opts.record);
  }

  private armAgentHangup(leg: CallLeg): void {
    const agent = leg.agent;
    if (typeof agent !== 'object' || agent.hangup_after_s === undefined) return;
    leg.agentHangupTask?.cancel();
    leg.agentHangupTask = leg.schedule(agent.hangup_after_s * 1000, () =>
      this.hangup(leg, 'normal_clearing', 'callee', '200'),
    );
  }

  private scheduleAmd(leg: CallLeg, amd: string | undefined): void {
    if (!amd || amd === 'disabled') return;
    const machine = typeof leg.agent === 'object' && leg.agent.machine === true;
    const premium = amd === 'premium';
    const prefix = premium ? 'call.machine.premium' : 'call.machine';
    const human = premium ? 'human_residence' : 'human';
    leg.schedule(AMD_RESULT_AFTER_MS, () =>
      this.emit(leg, `${prefix}.detection.ended`, { result: machine ? 'machine' : human }),
    );
    if (machine && ['detect_beep', 'greeting_end', 'premium'].includes(amd)) {
      leg.schedule(AMD_GREETING_ENDED_AFTER_MS, () =>
        this.emit(leg, `${prefix}.greeting.ended`, { result: 'beep_detected' }),
      );
    }
  }
}
