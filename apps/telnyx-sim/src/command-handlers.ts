import { randomUUID } from 'node:crypto';
import type { CallLeg } from './call-leg';
import { telnyxSide, type CallEngine } from './call-engine';
import type { CallStore } from './call-store';
import type { CommandName } from './contract/commands';
import type { ContractValidator } from './contract/validator';
import { TelnyxErrors } from './errors';
import { AiGatherRunner } from './ai-gather-runner';
import { GatherRunner, type GatherKind, type GatherParams } from './gather-runner';
import { DEFAULT_AUDIO_MS, speakDurationMs, type MediaItem } from './media-player';
import { isoMicros } from './sim-clock';

export type Body = Record<string, unknown>;

export interface CommandResult {
  status: number;
  body: unknown;
}

interface Handler {
  /** Media, gather, recording and bridge commands need an answered leg (422 90034). */
  needsAnswer?: boolean;
  /** Rejects the command before any side effect (client_state included). */
  check?: (leg: CallLeg, body: Body) => void;
  run?: (leg: CallLeg, body: Body) => Body | void;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function isDialable(to: string): boolean {
  // A single string destination may carry ",<digits>" to send on answer.
  const target = to.split(',')[0];
  return E164.test(target) || /^sips?:[^@\s]+@[^\s]+$/.test(target);
}

function checkBase64(body: Body, field: string): void {
  const v = body[field];
  if (v === undefined || v === null) return;
  if (typeof v !== 'string' || !BASE64.test(v)) {
    throw TelnyxErrors.invalidParameter(`/${field}`, `${field} must be a Base64 encoded string.`);
  }
}

function checkRange(body: Body, field: string, min: number, max: number): void {
  const v = int(body[field]);
  if (v !== undefined && (v < min || v > max)) {
    throw TelnyxErrors.outOfRange(`/${field}`, `The value is outside of allowed range ${min} to ${max}`);
  }
}

/** `loop`: 1..100 or "infinity" → number of plays, null = until stopped. */
function parseLoop(v: unknown): number | null {
  if (v === undefined || v === null) return 1;
  if (v === 'infinity') return null;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) {
    throw TelnyxErrors.outOfRange('/loop', 'loop must be an integer between 1 and 100, or "infinity".');
  }
  return n;
}

function recordFormat(v: unknown): 'mp3' | 'wav' {
  return v === 'wav' ? 'wav' : 'mp3';
}
function recordChannels(v: unknown, fallback: 'single' | 'dual'): 'single' | 'dual' {
  return v === 'single' || v === 'dual' ? v : fallback;
}

/**
 * Telnyx Call Control commands: validation against the contract (contract/commands.ts), state checks (ended → 90018, not answered →
 * 90034), client_state replacement, then the effect on the simulated call.
 */
export class CommandHandlers {
  /** One entry per command of the contract: the compiler keeps the two lists equal. */
  private readonly handlers: Record<CommandName, Handler>;

  constructor(
    private readonly engine: CallEngine,
    private readonly store: CallStore,
    private readonly connectionId: string,
    private readonly validator: ContractValidator,
  ) {
    this.handlers = this.buildHandlers();
  }

  /** HTTP method of an implemented command; undefined for any other name. */
  methodOf(action: string): string | undefined {
    return this.validator.methodOf(action);
  }

  /** `action` must be one methodOf knows (the router answers 404 for the others). */
  execute(leg: CallLeg, action: CommandName, body: Body): CommandResult {
    const invalid = this.validator.validateCommand(action, body);
    if (invalid) throw invalid;
    if (!leg.alive) throw TelnyxErrors.callEnded();
    const handler = this.handlers[action];
    if (handler.needsAnswer && !leg.answered) throw TelnyxErrors.notAnswered();
    checkBase64(body, 'client_state');
    handler.check?.(leg, body);
    if (typeof body.client_state === 'string') leg.clientState = body.client_state;
    const extra = handler.run?.(leg, body) ?? {};
    return { status: 200, body: { data: { result: 'ok', ...extra } } };
  }

  dial(body: Body): CommandResult {
    const invalid = this.validator.validateDial(body);
    if (invalid) throw invalid;
    if (body.connection_id !== this.connectionId) throw TelnyxErrors.invalidConnectionId();
    // Multiple destinations have undocumented semantics; the simulator rings the first one.
    const to = Array.isArray(body.to) ? str(body.to[0]) : str(body.to);
    if (!to || !isDialable(to)) throw TelnyxErrors.invalidTo(Array.isArray(body.to) ? '/to/0' : '/to');
    const linkTo = str(body.link_to);
    const linked = linkTo !== undefined ? this.store.leg(linkTo) : undefined;
    if (linkTo !== undefined && !linked) throw TelnyxErrors.invalidCallControlId('/link_to');
    checkBase64(body, 'client_state');
    const timeoutSecs = int(body.timeout_secs) ?? 30;
    if (timeoutSecs <= 0) throw TelnyxErrors.outOfRange('/timeout_secs', 'timeout_secs must be positive.');
    const record =
      body.record === 'record-from-answer'
        ? {
            id: randomUUID(),
            format: recordFormat(body.record_format),
            channels: recordChannels(body.record_channels, 'dual'),
          }
        : undefined;
    const leg = this.engine.dial({
      linkedTo: linked,
      from: str(body.from) ?? '',
      to,
      clientState: str(body.client_state) ?? null,
      webhookUrl: str(body.webhook_url),
      parkAfterUnbridge: body.park_after_unbridge === 'self',
      timeLimitMs: (int(body.time_limit_secs) ?? 14_400) * 1000,
      outgoing: {
        ringTimeoutMs: timeoutSecs * 1000,
        amd: str(body.answering_machine_detection),
        bridgeOnAnswerWith: body.bridge_on_answer === true ? linkTo : undefined,
        preventDoubleBridge: body.prevent_double_bridge === true,
        record,
      },
    });
    return {
      status: 200,
      body: {
        data: {
          call_control_id: leg.callControlId,
          call_leg_id: leg.callLegId,
          call_session_id: leg.session.id,
          is_alive: false,
          record_type: 'call',
          ...(record ? { recording_id: record.id } : {}),
        },
      },
    };
  }

  status(leg: CallLeg): CommandResult {
    const end = leg.endedMs ?? leg.session.clock.now();
    return {
      status: 200,
      body: {
        data: {
          call_control_id: leg.callControlId,
          call_leg_id: leg.callLegId,
          call_session_id: leg.session.id,
          is_alive: leg.alive,
          record_type: 'call',
          call_duration: Math.max(0, Math.round((end - leg.startMs) / 1000)),
          start_time: isoMicros(leg.startMs),
          ...(leg.endedMs !== undefined ? { end_time: isoMicros(leg.endedMs) } : {}),
          ...(leg.clientState !== null ? { client_state: leg.clientState } : {}),
        },
      },
    };
  }

  private buildHandlers(): Record<CommandName, Handler> {
    const engine = this.engine;
    const gather = (kind: GatherKind): Handler => ({
      needsAnswer: true,
      check: (_leg, b) => {
        checkRange(b, 'minimum_digits', 1, 128);
        checkRange(b, 'maximum_digits', 1, 128);
        if ((int(b.minimum_digits) ?? 1) > (int(b.maximum_digits) ?? 128)) {
          throw TelnyxErrors.outOfRange('/minimum_digits', 'minimum_digits must not exceed maximum_digits.');
        }
        if (kind === 'gather_using_audio' && !b.audio_url && !b.media_name) {
          throw TelnyxErrors.missingParameter('/audio_url', 'Either audio_url or media_name is required.');
        }
      },
      run: (leg, b) => {
        leg.gather?.stop();
        const runner = new GatherRunner(leg, engine.emit, this.gatherParams(kind, b), () => {
          if (leg.gather === runner) leg.gather = undefined;
        });
        leg.gather = runner;
        runner.start();
      },
    });

    /** Telnyx refuses a pause or resume with no recording (the one named, when named) running. */
    const recordPause = (paused: boolean): Handler => ({
      needsAnswer: true,
      check: (leg, b) => {
        const id = str(b.recording_id);
        if (!leg.recordings.some((r) => r.endedMs === undefined && (id === undefined || r.id === id)))
          throw TelnyxErrors.noRecording(id === undefined ? undefined : '/recording_id');
      },
      run: (leg, b) => void engine.pauseRecordings(leg, paused, str(b.recording_id)),
    });

    return {
      answer: {
        check: (leg) => {
          if (leg.direction !== 'incoming') {
            throw TelnyxErrors.invalidParameter(undefined, 'Only incoming calls can be answered.');
          }
        },
        run: (leg, b) => {
          if (leg.state !== 'parked') return;
          if (str(b.webhook_url)) leg.webhookUrl = str(b.webhook_url);
          const record =
            b.record === 'record-from-answer'
              ? { format: recordFormat(b.record_format), channels: recordChannels(b.record_channels, 'dual') }
              : undefined;
          const recordingId = engine.answerInbound(leg, record);
          return recordingId ? { recording_id: recordingId } : {};
        },
      },
      reject: {
        check: (leg) => {
          if (leg.direction !== 'incoming' || leg.state !== 'parked') {
            throw TelnyxErrors.invalidParameter(
              undefined,
              'Only an incoming call that has not been answered can be rejected.',
            );
          }
        },
        run: (leg, b) => {
          const busy = b.cause === 'USER_BUSY';
          engine.hangup(leg, busy ? 'user_busy' : 'call_rejected', 'callee', busy ? '486' : '603');
        },
      },
      hangup: {
        run: (leg) => {
          const ringing = leg.state === 'bridging';
          engine.hangup(
            leg,
            ringing ? 'originator_cancel' : 'normal_clearing',
            telnyxSide(leg),
            ringing ? '487' : '200',
          );
        },
      },
      speak: {
        needsAnswer: true,
        check: (_leg, b) => void parseLoop(b.loop),
        run: (leg, b) => leg.media.play(this.speakItem(str(b.payload) ?? '', parseLoop(b.loop)), str(b.stop)),
      },
      playback_start: {
        needsAnswer: true,
        check: (_leg, b) => {
          if (!b.audio_url && !b.media_name && !b.playback_content) {
            throw TelnyxErrors.missingParameter(
              '/audio_url',
              'One of audio_url, media_name or playback_content is required.',
            );
          }
          parseLoop(b.loop);
        },
        run: (leg, b) => {
          const item = this.playbackItem(b.audio_url, b.media_name, b.overlay === true);
          item.loops = parseLoop(b.loop);
          leg.media.play(item, str(b.stop));
        },
      },
      playback_stop: {
        needsAnswer: true,
        run: (leg, b) => leg.media.stop(str(b.stop) ?? 'all', b.overlay === true),
      },
      gather: gather('gather'),
      gather_using_speak: gather('gather_using_speak'),
      gather_using_audio: gather('gather_using_audio'),
      gather_using_ai: {
        needsAnswer: true,
        check: (_leg, b) => {
          const p = b.parameters as { properties?: unknown } | undefined;
          if (typeof p?.properties !== 'object' || p.properties === null) {
            throw TelnyxErrors.missingParameter(
              '/parameters/properties',
              'parameters must describe properties.',
            );
          }
        },
        run: (leg, b) => {
          leg.gather?.stop();
          const runner = new AiGatherRunner(
            leg,
            engine.emit,
            {
              greeting: str(b.greeting) ?? '',
              parameters: b.parameters,
              responseTimeoutMs: int(b.user_response_timeout_ms) ?? 10_000,
            },
            () => {
              if (leg.gather === runner) leg.gather = undefined;
            },
          );
          leg.gather = runner;
          runner.start();
        },
      },
      gather_stop: { needsAnswer: true, run: (leg) => leg.gather?.stop() },
      transfer: {
        check: (leg, b) => {
          if (leg.state === 'bridging') throw TelnyxErrors.notAnswered();
          const to = str(b.to);
          if (!to || !isDialable(to)) throw TelnyxErrors.invalidTo();
          checkBase64(b, 'target_leg_client_state');
          checkRange(b, 'timeout_secs', 1, 600);
        },
        run: (leg, b) => {
          if (b.park_after_unbridge !== undefined) leg.parkAfterUnbridge = b.park_after_unbridge === 'self';
          leg.unansweredTask?.cancel();
          const record =
            b.record === 'record-from-answer'
              ? {
                  id: randomUUID(),
                  format: recordFormat(b.record_format),
                  channels: recordChannels(b.record_channels, 'dual'),
                }
              : undefined;
          engine.dial({
            linkedTo: leg,
            from: str(b.from) ?? leg.to,
            to: str(b.to) ?? '',
            clientState: str(b.target_leg_client_state) ?? null,
            webhookUrl: str(b.webhook_url),
            parkAfterUnbridge: false,
            timeLimitMs: (int(b.time_limit_secs) ?? 14_400) * 1000,
            outgoing: {
              ringTimeoutMs: (int(b.timeout_secs) ?? 30) * 1000,
              amd: str(b.answering_machine_detection),
              transferFrom: leg,
              record,
            },
          });
        },
      },
      bridge: {
        needsAnswer: true,
        check: (leg, b) => {
          const other = this.store.leg(str(b.call_control_id) ?? '');
          if (!other) throw TelnyxErrors.invalidCallControlId('/call_control_id');
          if (other === leg)
            throw TelnyxErrors.invalidParameter('/call_control_id', 'A call cannot be bridged with itself.');
          if (!other.alive) throw TelnyxErrors.callEnded();
          if (!other.answered) throw TelnyxErrors.notAnswered();
        },
        run: (leg, b) => {
          const other = this.store.leg(str(b.call_control_id) ?? '') as CallLeg;
          if (b.prevent_double_bridge === true && (other.bridgedWith || leg.bridgedWith)) return;
          if (other.bridgedWith === leg) return;
          if (b.park_after_unbridge !== undefined) leg.parkAfterUnbridge = b.park_after_unbridge === 'self';
          engine.bridge(leg, other);
          if (b.record === 'record-from-answer') {
            engine.startRecording(leg, {
              format: recordFormat(b.record_format),
              channels: recordChannels(b.record_channels, 'dual'),
            });
          }
        },
      },
      record_start: {
        needsAnswer: true,
        run: (leg, b) =>
          void engine.startRecording(leg, {
            format: recordFormat(b.format),
            channels: recordChannels(b.channels, 'single'),
            maxLengthS: int(b.max_length),
          }),
      },
      transcription_start: {
        needsAnswer: true,
        check: (_leg, b) => {
          const tracks = b.transcription_tracks;
          if (tracks !== undefined && tracks !== 'inbound' && tracks !== 'outbound' && tracks !== 'both')
            throw TelnyxErrors.invalidParameter(
              '/transcription_tracks',
              'transcription_tracks must be inbound, outbound or both.',
            );
        },
        run: (leg, b) =>
          engine.startTranscription(
            leg,
            (str(b.transcription_tracks) ?? 'inbound') as 'inbound' | 'outbound' | 'both',
          ),
      },
      record_stop: {
        needsAnswer: true,
        run: (leg, b) => {
          const id = str(b.recording_id);
          for (const rec of leg.recordings) if (!id || rec.id === id) engine.stopRecording(leg, rec);
        },
      },
      record_pause: recordPause(true),
      record_resume: recordPause(false),
      send_dtmf: { needsAnswer: true },
      enqueue: {
        needsAnswer: true,
        check: (leg, b) => {
          if (leg.queue) throw TelnyxErrors.alreadyInQueue();
          const max = int(b.max_size) ?? 100;
          if (this.engine.queueLength(str(b.queue_name) ?? '') >= max) {
            throw TelnyxErrors.queueFull(str(b.queue_name) ?? '');
          }
        },
        run: (leg, b) => engine.enqueue(leg, str(b.queue_name) ?? '', int(b.max_wait_time_secs)),
      },
      leave_queue: { run: (leg) => engine.dequeue(leg, 'leave') },
      client_state_update: {},
    };
  }

  private speakItem(payload: string, loops: number | null): MediaItem {
    return { kind: 'speak', durationMs: speakDurationMs(payload), loops, attrs: {}, overlay: false };
  }

  private playbackItem(audioUrl: unknown, mediaName: unknown, overlay: boolean): MediaItem {
    const source =
      typeof audioUrl === 'string'
        ? { media_url: audioUrl }
        : typeof mediaName === 'string'
          ? { media_name: mediaName }
          : {};
    return {
      kind: 'playback',
      durationMs: DEFAULT_AUDIO_MS,
      loops: 1,
      attrs: { ...source, overlay },
      overlay,
    };
  }

  private gatherParams(kind: GatherKind, b: Body): GatherParams {
    const common = {
      kind,
      minDigits: int(b.minimum_digits) ?? 1,
      maxDigits: int(b.maximum_digits) ?? 128,
      validDigits: str(b.valid_digits) ?? '0123456789#*',
      terminatingDigit: str(b.terminating_digit) ?? '#',
      interDigitTimeoutMs: int(b.inter_digit_timeout_millis) ?? 5000,
    };
    if (kind === 'gather') {
      return {
        ...common,
        firstDigitTimeoutMs: Math.min(int(b.initial_timeout_millis) ?? 5000, int(b.timeout_millis) ?? 60_000),
        maxTries: 1,
      };
    }
    const params: GatherParams = {
      ...common,
      firstDigitTimeoutMs: int(b.timeout_millis) ?? 60_000,
      maxTries: Math.max(1, int(b.maximum_tries) ?? 3),
    };
    if (kind === 'gather_using_speak') {
      const payload = str(b.payload) ?? '';
      params.prompt = () => this.speakItem(payload, 1);
      const invalid = str(b.invalid_payload);
      if (invalid) params.invalidPrompt = () => this.speakItem(invalid, 1);
    } else {
      params.prompt = () => this.playbackItem(b.audio_url, b.media_name, false);
      if (b.invalid_audio_url || b.invalid_media_name) {
        params.invalidPrompt = () => this.playbackItem(b.invalid_audio_url, b.invalid_media_name, false);
      }
    }
    return params;
  }
}
