import type { RecordingPurpose } from '@switchboard/contracts';
import type { RecordingDeletion, RecordingStatus } from '@switchboard/persistence';

/**
 * A recording as people see it: our copy's signed URL, never the carrier's link. A response class
 * (types only, read by the OpenAPI plugin): RecordingLinks builds plain objects of this shape.
 */
export class RecordingView {
  id: string;
  /** `voicemail` (left in a voicemail box) or `conversation` (the bridged call). */
  purpose: RecordingPurpose;
  /**
   * `pending` while the copy is being made (seconds after the call), `failed` when it gave up,
   * `deleted` once retention or an erasure removed it (ours and the carrier's; see `deletedReason`).
   */
  status: RecordingStatus;
  /** When the recording was deleted; null while it is kept. */
  deletedAt: Date | null;
  /** `retention` (its period ran out) or `erasure` (the caller asked to be forgotten); null while kept. */
  deletedReason: RecordingDeletion | null;
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
