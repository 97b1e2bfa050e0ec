/**
 * The carrier commands call workflows need, independent of Telnyx's SDK. Every command carries a
 * command id so that a retried activity can never make the carrier act twice.
 */
export interface DialRequest {
  to: string;
  from: string;
  /**
   * The caller's leg: the new leg joins its session so its webhooks reach the same workflow. Absent
   * for the first leg of an outbound call (the agent's own), which starts a session.
   */
  linkTo?: string;
  timeoutSecs: number;
  clientState: string;
  commandId: string;
}

export interface DialResult {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
}

export interface TelephonyPort {
  answer(callControlId: string, o: { clientState: string; commandId: string }): Promise<void>;
  reject(
    callControlId: string,
    o: { cause: 'CALL_REJECTED' | 'USER_BUSY'; commandId: string },
  ): Promise<void>;
  hangup(callControlId: string, o: { commandId: string }): Promise<void>;
  speak(
    callControlId: string,
    o: { text: string; voice: string; language?: string; clientState: string; commandId: string },
  ): Promise<void>;
  playAudio(callControlId: string, o: PlaybackRequest): Promise<void>;
  /** Stops whatever the leg is playing (hold audio once an agent is found). */
  stopPlayback(callControlId: string, o: { commandId: string }): Promise<void>;
  dial(o: DialRequest): Promise<DialResult>;
  bridge(callControlId: string, o: { otherCallControlId: string; commandId: string }): Promise<void>;
  /**
   * Plays a prompt (text-to-speech or an audio file) and collects keys; the result arrives as
   * call.gather.ended.
   */
  gather(callControlId: string, o: GatherRequest): Promise<void>;
  /**
   * Asks the caller a question in their own words and has the carrier's AI fill in `parameters`
   * (a JSON Schema of the fields wanted); the result arrives as call.ai_gather.ended.
   */
  gatherUsingAi(callControlId: string, o: AiGatherRequest): Promise<void>;
  /**
   * Records the call: one channel for a voicemail, two (caller and agent) for a conversation; the file
   * arrives as call.recording.saved. maxLengthSecs 0 means no limit.
   */
  startRecording(callControlId: string, o: RecordingRequest): Promise<void>;
  /**
   * Transcribes the bridged conversation in real time, both tracks of the leg (its own audio is
   * `inbound`, the other side `outbound`); final pieces arrive as call.transcription until hangup.
   */
  startTranscription(callControlId: string, o: { clientState: string; commandId: string }): Promise<void>;
  /**
   * Pauses the leg's recording (an agent hearing a card number read aloud) until resumed; the
   * file leaves the pause out. No webhook follows; the leg's client_state is left as it is.
   */
  pauseRecording(callControlId: string, o: { commandId: string }): Promise<void>;
  /** Resumes the leg's paused recording. No webhook follows. */
  resumeRecording(callControlId: string, o: { commandId: string }): Promise<void>;
}

export interface RecordingRequest {
  maxLengthSecs: number;
  playBeep: boolean;
  channels: 'single' | 'dual';
  clientState: string;
  commandId: string;
}

export interface PlaybackRequest {
  url: string;
  /** Times to play; `infinity` loops until stopped (hold audio). Default once. */
  loop?: number | 'infinity';
  clientState: string;
  commandId: string;
}

/** What a gather plays: spoken text, or an audio file by URL. */
export type GatherPrompt = { text: string; voice: string; language?: string } | { audioUrl: string };

/** Which keys a gather takes and how long it waits for them. */
export interface GatherKeys {
  /** Keys accepted; anything else ends the gather as invalid. */
  validDigits: string;
  maxDigits: number;
  timeoutMillis: number;
}

export type GatherRequest = GatherPrompt & GatherKeys & { clientState: string; commandId: string };

/** A spoken question whose answer the carrier's AI reads into fields. */
export interface AiGather {
  /** Spoken when the gather starts: the question. */
  greeting: string;
  voice: string;
  /** The language the caller is heard in. */
  language?: string;
  /** JSON Schema (type object) of the fields to fill in. */
  parameters: Record<string, unknown>;
  /** How long the caller may stay silent. */
  userResponseTimeoutMs: number;
}

export type AiGatherRequest = AiGather & { clientState: string; commandId: string };

/** Why a carrier command failed, in terms the workflow can act on. */
export type CarrierErrorKind =
  /** The call is over (Telnyx 422/90018): stop, don't retry. */
  | 'call_gone'
  /** The request itself is wrong (4xx): retrying cannot help. */
  | 'rejected'
  /** Rate-limited or carrier trouble (429, 5xx, network): retry with backoff. */
  | 'transient';

export class CarrierCommandError extends Error {
  constructor(
    readonly kind: CarrierErrorKind,
    readonly status: number | undefined,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'CarrierCommandError';
  }
}
