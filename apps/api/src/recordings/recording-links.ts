import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CALL_RECORDING_PATH_AROUND_ID, callRecordingPath } from '@switchboard/contracts';
import { mediaSigningSecret, type SwitchboardConfig } from '@switchboard/config';
import {
  mediaUrlExpiry,
  RecordingRepository,
  signMediaPath,
  type LinkAroundId,
  type Recording,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import type { RecordingView } from './recording.view';

export type { RecordingView } from './recording.view';

/** Where our copy of a recording is served: public, the signature being the credential. */
export const recordingMediaPath = (id: string) => `/media/recordings/${id}`;

/**
 * The one place that turns recordings into links: signed short-lived URLs for whoever is looking
 * now (RECORDING_URL_TTL_SECS), and the key-guarded stable link for what travels (lists, CSV).
 */
@Injectable()
export class RecordingLinks {
  constructor(
    readonly recordings: RecordingRepository,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  view(r: Recording, nowMs = Date.now()): RecordingView {
    const signed = r.status === 'stored' ? this.sign(r.id, nowMs) : null;
    return {
      id: r.id,
      purpose: r.purpose,
      status: r.status,
      durationSecs: r.durationSecs,
      contentType: r.contentType,
      sizeBytes: r.sizeBytes,
      createdAt: r.createdAt,
      deletedAt: r.deletedAt,
      deletedReason: r.deletedReason,
      url: signed?.url ?? null,
      urlExpiresAt: signed?.expiresAt ?? null,
    };
  }

  private sign(id: string, nowMs: number): { url: string; expiresAt: string } {
    const { publicBaseUrl, recordingUrlTtlSecs } = this.cfg.media;
    const signingSecret = mediaSigningSecret(this.cfg);
    const expires = mediaUrlExpiry(nowMs, recordingUrlTtlSecs);
    return {
      url: publicBaseUrl + signMediaPath(recordingMediaPath(id), signingSecret, expires),
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** A call's recordings (voicemail, conversation), oldest first. */
  async forWorkflow(workflowId: string): Promise<RecordingView[]> {
    return (await this.recordings.forWorkflow(workflowId)).map((r) => this.view(r));
  }

  /** Views of the copies of these carrier links, keyed by link; a link without a copy is absent. */
  async byCarrierUrls(urls: readonly (string | null)[]): Promise<Map<string, RecordingView>> {
    const rows = await this.recordings.byCarrierUrls(urls.filter((u): u is string => !!u));
    return new Map([...rows].map(([url, r]) => [url, this.view(r)]));
  }

  /**
   * The signed URL to send a listener to: 404 when there is no copy (a recording from before
   * copies were made), 409 while it is being made, 410 when copying gave up or it was deleted.
   */
  playable(r: RecordingView | undefined, callId: string): string {
    if (r?.url) return r.url;
    if (r?.status === 'pending')
      throw new ApiError(
        HttpStatus.CONFLICT,
        'recording_pending',
        'the recording is still being copied; try again in a few seconds',
      );
    if (r?.status === 'failed')
      throw new ApiError(
        HttpStatus.GONE,
        'recording_unavailable',
        'the recording could not be copied from the carrier',
      );
    if (r?.status === 'deleted')
      throw new ApiError(
        HttpStatus.GONE,
        'recording_deleted',
        r.deletedReason === 'erasure'
          ? 'the recording was deleted when its caller asked to be erased'
          : 'the recording was deleted at the end of its retention period',
      );
    throw ApiError.notFound('recording of call', callId);
  }

  /** The key-guarded link to a call's recording (null for a call without one). */
  apiLink(callId: string, carrierUrl: string | null): string | null {
    return carrierUrl ? this.cfg.media.publicBaseUrl + callRecordingPath(callId) : null;
  }

  /** `apiLink` around the call's id, for lists the database writes (the call log, its CSV). */
  apiLinkAroundId(): LinkAroundId {
    const [before, after] = CALL_RECORDING_PATH_AROUND_ID;
    return [this.cfg.media.publicBaseUrl + before, after];
  }
}
