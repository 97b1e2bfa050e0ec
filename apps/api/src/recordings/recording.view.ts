/** Our copy of a carrier recording. */
export class RecordingView {
  id: string;
  purpose: 'voicemail' | 'conversation';

  /** `pending` while the copy is being made (seconds after the call), `failed` when it gave up. */
  status: 'pending' | 'stored' | 'failed';

  durationSecs: number | null;
  contentType: string | null;
  sizeBytes: number | null;
  createdAt: Date;

  /** A signed URL to play or download the copy until `urlExpiresAt`; null until it is stored. */
  url: string | null;

  urlExpiresAt: string | null;
}
