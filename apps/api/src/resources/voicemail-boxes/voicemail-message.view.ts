import type { RecordingView } from '../../recordings/recording.view';

/** A message a caller left. */
export class VoicemailMessageView {
  id: string;
  propertyId: string;
  voicemailBoxId: string;

  /** The call it was left on. */
  callId: string;

  /** The caller's number. */
  from: string;

  /** Seconds recorded, when the carrier said. */
  durationSecs: number | null;

  /** When the call ended (carrier clock). */
  receivedAt: Date;

  /** When it was first marked heard; null while unheard. */
  heardAt: Date | null;

  createdAt: Date;
  heard: boolean;

  /** A signed URL of our copy of the message (valid RECORDING_URL_TTL_SECS); null until it is copied. */
  recordingUrl: string | null;

  /** Our copy: pending, stored or failed, with its URL's expiry. */
  recording: RecordingView | null;
}

/** A page of messages, newest first. */
export class VoicemailMessagePage {
  items: VoicemailMessageView[];

  /** Messages matching the filter, across all pages. */
  total: number;

  limit: number;
  offset: number;
}
