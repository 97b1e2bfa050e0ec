/**
 * The carrier commands call workflows need, independent of Telnyx's SDK. Every command carries a
 * command id so that a retried activity can never make the carrier act twice.
 */
export interface DialRequest {
  to: string;
  from: string;
  /** The caller's leg: the new leg joins its session so its webhooks reach the same workflow. */
  linkTo: string;
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
  playAudio(callControlId: string, o: { url: string; clientState: string; commandId: string }): Promise<void>;
  dial(o: DialRequest): Promise<DialResult>;
  bridge(callControlId: string, o: { otherCallControlId: string; commandId: string }): Promise<void>;
  /** Speaks a prompt and collects keys; the result arrives as call.gather.ended. */
  gatherUsingSpeak(callControlId: string, o: GatherRequest): Promise<void>;
  /**
   * Records the call: one channel for a voicemail, two (caller and agent) for a conversation; the file
   * arrives as call.recording.saved. maxLengthSecs 0 means no limit.
   */
  startRecording(callControlId: string, o: RecordingRequest): Promise<void>;
}

export interface RecordingRequest {
  maxLengthSecs: number;
  playBeep: boolean;
  channels: 'single' | 'dual';
  clientState: string;
  commandId: string;
}

export interface GatherRequest {
  text: string;
  voice: string;
  language?: string;
  /** Keys accepted; anything else ends the gather as invalid. */
  validDigits: string;
  maxDigits: number;
  timeoutMillis: number;
  clientState: string;
  commandId: string;
}

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
