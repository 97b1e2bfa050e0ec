import type Telnyx from 'telnyx';
import { telnyxClient, telnyxFailure, type TelnyxAccount } from './telnyx-client';
import {
  CarrierCommandError,
  type DialRequest,
  type AiGatherRequest,
  type DialResult,
  type GatherRequest,
  type PlaybackRequest,
  type RecordingRequest,
  type TelephonyPort,
} from './telephony-port';

export interface TelnyxClientOptions extends TelnyxAccount {
  connectionId: string;
  timeoutMs?: number;
}

const CALL_GONE_CODES = new Set(['90018']);

/** Maps the SDK's errors onto what the workflow can decide on (retry, stop, or give up). */
function toCarrierError(err: unknown): CarrierCommandError {
  const { status, code, message } = telnyxFailure(err);
  if (status === 422 && code && CALL_GONE_CODES.has(code)) {
    return new CarrierCommandError('call_gone', status, code, 'call has already ended');
  }
  if (status === undefined || status === 408 || status === 409 || status === 429 || status >= 500) {
    return new CarrierCommandError('transient', status, code, message);
  }
  return new CarrierCommandError('rejected', status, code, message);
}

/** TelephonyPort over the official `telnyx` SDK (Call Control v2). */
export class TelnyxTelephony implements TelephonyPort {
  private readonly client: Telnyx;

  constructor(private readonly opts: TelnyxClientOptions) {
    // Retries belong to Temporal's activity retry policy (with the same command_id), not to the SDK.
    this.client = telnyxClient(opts, { maxRetries: 0, timeoutMs: opts.timeoutMs ?? 5000 });
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toCarrierError(err);
    }
  }

  async answer(id: string, o: { clientState: string; commandId: string }): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.answer(id, { client_state: o.clientState, command_id: o.commandId }),
    );
  }

  async reject(id: string, o: { cause: 'CALL_REJECTED' | 'USER_BUSY'; commandId: string }): Promise<void> {
    await this.run(() => this.client.calls.actions.reject(id, { cause: o.cause, command_id: o.commandId }));
  }

  async hangup(id: string, o: { commandId: string }): Promise<void> {
    await this.run(() => this.client.calls.actions.hangup(id, { command_id: o.commandId }));
  }

  async speak(
    id: string,
    o: { text: string; voice: string; language?: string; clientState: string; commandId: string },
  ): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.speak(id, {
        payload: o.text,
        voice: o.voice,
        ...(o.language ? { language: o.language as never } : {}),
        client_state: o.clientState,
        command_id: o.commandId,
      }),
    );
  }

  async playAudio(id: string, o: PlaybackRequest): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.startPlayback(id, {
        audio_url: o.url,
        ...(o.loop !== undefined ? { loop: o.loop } : {}),
        client_state: o.clientState,
        command_id: o.commandId,
      }),
    );
  }

  async stopPlayback(id: string, o: { commandId: string }): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.stopPlayback(id, { stop: 'all', command_id: o.commandId }),
    );
  }

  async dial(o: DialRequest): Promise<DialResult> {
    const res = await this.run(() =>
      this.client.calls.dial({
        connection_id: this.opts.connectionId,
        to: o.to,
        from: o.from,
        ...(o.linkTo ? { link_to: o.linkTo } : {}),
        timeout_secs: o.timeoutSecs,
        client_state: o.clientState,
        command_id: o.commandId,
      }),
    );
    const d = res.data;
    if (!d) throw new CarrierCommandError('transient', undefined, undefined, 'dial response had no data');
    return { callControlId: d.call_control_id, callLegId: d.call_leg_id, callSessionId: d.call_session_id };
  }

  async bridge(id: string, o: { otherCallControlId: string; commandId: string }): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.bridge(id, {
        call_control_id_to_bridge_with: o.otherCallControlId,
        command_id: o.commandId,
      }),
    );
  }

  async gather(id: string, o: GatherRequest): Promise<void> {
    const keys = {
      minimum_digits: 1,
      maximum_digits: o.maxDigits,
      valid_digits: o.validDigits,
      timeout_millis: o.timeoutMillis,
      // The menu machine owns retries (and their prompts); Telnyx plays the prompt once.
      maximum_tries: 1,
      client_state: o.clientState,
      command_id: o.commandId,
    };
    await this.run(() =>
      'audioUrl' in o
        ? this.client.calls.actions.gatherUsingAudio(id, { audio_url: o.audioUrl, ...keys })
        : this.client.calls.actions.gatherUsingSpeak(id, {
            payload: o.text,
            voice: o.voice,
            ...(o.language ? { language: o.language as never } : {}),
            ...keys,
          }),
    );
  }

  async gatherUsingAi(id: string, o: AiGatherRequest): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.gatherUsingAI(id, {
        parameters: o.parameters,
        greeting: o.greeting,
        voice: o.voice,
        ...(o.language ? { language: o.language as never } : {}),
        user_response_timeout_ms: o.userResponseTimeoutMs,
        client_state: o.clientState,
        command_id: o.commandId,
      }),
    );
  }

  async startRecording(id: string, o: RecordingRequest): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.startRecording(id, {
        format: 'mp3',
        channels: o.channels,
        play_beep: o.playBeep,
        max_length: o.maxLengthSecs,
        client_state: o.clientState,
        command_id: o.commandId,
      }),
    );
  }

  async pauseRecording(id: string, o: { commandId: string }): Promise<void> {
    await this.run(() => this.client.calls.actions.pauseRecording(id, { command_id: o.commandId }));
  }

  async resumeRecording(id: string, o: { commandId: string }): Promise<void> {
    await this.run(() => this.client.calls.actions.resumeRecording(id, { command_id: o.commandId }));
  }

  async startTranscription(id: string, o: { clientState: string; commandId: string }): Promise<void> {
    await this.run(() =>
      this.client.calls.actions.startTranscription(id, {
        // Telnyx's own engine: no third-party account, interim results off (only final pieces).
        transcription_engine: 'Telnyx',
        transcription_tracks: 'both',
        client_state: o.clientState,
        command_id: o.commandId,
      }),
    );
  }
}
