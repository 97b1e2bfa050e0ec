import type { RecordingPurpose } from '@switchboard/contracts';
import type { RecordingStatus } from '@switchboard/persistence';

/**
 * A recording as people see it: our copy's signed URL, never the carrier's link. A response class
 * (types only, read by the OpenAPI plugin): RecordingLinks builds plain objects of this shape.
 */
export class RecordingView {
  id: string;
  /** `voicemail` (left in a voicemail box) or `conversation` (the bridged call). */
  purpose: RecordingPurpose;
  /** `pending` while the copy is being made (seconds after the call), `failed` when it gave up. */
  status: RecordingStatus;
  durationSecs: number | null;
  /** The copy's media type (`audio/mpeg`, `audio/wav`); null until it is stored. */
  contentType: string | null;
  sizeBytes: number | null;
  createdAt: Date;
  /** A signed URL to play or download the copy until `urlExpiresAt`; null until it is stored. */
  url: string | null;
  /** When `url` stops working (ISO instant); null when there is no `url`. */
  urlExpiresAt: string | null;
}

/** A call's recordings, oldest first. */
export class RecordingList {
  items: RecordingView[];
}
