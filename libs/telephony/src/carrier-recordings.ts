import { ReceiverRefused, requestReceiver } from '@switchboard/outbound';
import type Telnyx from 'telnyx';
import { telnyxClient, telnyxFailure, type TelnyxAccount } from './telnyx-client';

/** A recording's file as downloaded from the carrier. */
export interface RecordingFile {
  bytes: Buffer;
  contentType: string;
  /** The format the file came in (the key of the link it came from). */
  format: 'mp3' | 'wav';
}

/**
 * Why a download failed: `gone` when the carrier no longer has the recording (retrying cannot
 * help), `transient` for anything that may pass (network, 5xx, 429, a link refused twice).
 */
export class RecordingDownloadError extends Error {
  constructor(
    readonly kind: 'gone' | 'transient',
    message: string,
  ) {
    super(message);
    this.name = 'RecordingDownloadError';
  }
}

/** The carrier's recordings, as the copy into our blob store needs them. */
export interface CarrierRecordings {
  /**
   * The file of a recording: from the links its `call.recording.saved` event carried while they
   * last, else from fresh links the carrier hands out for it.
   */
  download(carrierRecordingId: string, links: Readonly<Record<string, string>>): Promise<RecordingFile>;
  /**
   * Asks the carrier to delete its copy for good. `gone` when it had none (deleted before, or never
   * saved): deleting is idempotent. Anything else that fails throws, for the caller to retry.
   */
  delete(carrierRecordingId: string): Promise<'deleted' | 'gone'>;
}

/** Link answers that mean "this link is no good any more", not "try again". */
const REFUSED_LINK = new Set([401, 403, 404, 410]);

/** Redirects a storage link may take (each hop is checked like the first). */
const MAX_REDIRECTS = 3;

/** Picks mp3 (smaller, what people play) over wav. */
function preferredLink(links: { readonly mp3?: string; readonly wav?: string }) {
  if (links.mp3) return { url: links.mp3, format: 'mp3' as const };
  if (links.wav) return { url: links.wav, format: 'wav' as const };
  return null;
}

/**
 * Telnyx: recording links are pre-signed storage URLs, valid 10 minutes, fetched without our API
 * key (a storage service refuses a second credential); after that, `GET /v2/recordings/{id}`
 * (with the key) returns fresh ones.
 */
export class TelnyxRecordings implements CarrierRecordings {
  private readonly client: Telnyx;

  /**
   * `allowPrivateNetworks` (WEBHOOK_ALLOW_PRIVATE_NETWORKS): links may point at this host or its
   * network (the simulator in development). Absent: no.
   */
  constructor(
    private readonly opts: TelnyxAccount & {
      /** For the file's download (the recordings API gets 10 s). */
      timeoutMs?: number;
      allowPrivateNetworks?: boolean;
    },
  ) {
    // Retries belong to the copy workflow's activity policy.
    this.client = telnyxClient(opts, { maxRetries: 0, timeoutMs: 10_000 });
  }

  async download(id: string, links: Readonly<Record<string, string>>): Promise<RecordingFile> {
    const fromEvent = preferredLink(links);
    const file = fromEvent ? await this.fetchFile(fromEvent.url, fromEvent.format) : null;
    if (file) return file;
    const fresh = preferredLink((await this.describe(id)).download_urls ?? {});
    if (!fresh) throw new RecordingDownloadError('transient', `the carrier gave no download link for ${id}`);
    const again = await this.fetchFile(fresh.url, fresh.format);
    if (!again) throw new RecordingDownloadError('transient', `a fresh link for ${id} was refused`);
    return again;
  }

  async delete(id: string): Promise<'deleted' | 'gone'> {
    try {
      await this.client.recordings.delete(id);
      return 'deleted';
    } catch (err) {
      const f = telnyxFailure(err);
      if (f.status === 404) return 'gone';
      throw new Error(`recordings API: deleting ${id}: ${f.message}`);
    }
  }

  private async describe(id: string) {
    try {
      return (await this.client.recordings.retrieve(id)).data ?? {};
    } catch (err) {
      const f = telnyxFailure(err);
      if (f.status === 404) throw new RecordingDownloadError('gone', `the carrier has no recording ${id}`);
      throw new RecordingDownloadError('transient', `recordings API: ${f.message}`);
    }
  }

  /**
   * The file, or null when the link itself is refused (expired). Links arrive in carrier events, so
   * they are fetched like customers' URLs (@switchboard/outbound): never from a private address
   * unless allowed, and a redirect is followed only to where the first link could have gone (each
   * hop checked again), at most MAX_REDIRECTS times.
   */
  private async fetchFile(url: string, format: 'mp3' | 'wav'): Promise<RecordingFile | null> {
    let res;
    let at = url;
    for (let hop = 0; ; hop++) {
      try {
        res = await requestReceiver(at, {
          method: 'GET',
          headers: {},
          timeoutMs: this.opts.timeoutMs ?? 60_000,
          allowPrivateNetworks: this.opts.allowPrivateNetworks ?? false,
          keepBody: true,
        });
      } catch (err) {
        if (err instanceof ReceiverRefused)
          throw new RecordingDownloadError('gone', `download refused: ${err.message}`);
        throw new RecordingDownloadError('transient', `download failed: ${(err as Error).message}`);
      }
      const location = res.headers.location;
      if (res.status < 300 || res.status >= 400 || !location) break;
      if (hop === MAX_REDIRECTS)
        throw new RecordingDownloadError('transient', 'download redirected too often');
      at = new URL(location, at).toString();
    }
    if (REFUSED_LINK.has(res.status)) return null;
    if (res.status < 200 || res.status >= 300)
      throw new RecordingDownloadError('transient', `download answered ${res.status}`);
    const bytes = res.body;
    if (bytes.length === 0) throw new RecordingDownloadError('transient', 'download was empty');
    const fallback = format === 'wav' ? 'audio/wav' : 'audio/mpeg';
    const contentType = res.headers['content-type']?.split(';')[0].trim() || fallback;
    return { bytes, contentType: contentType.startsWith('audio/') ? contentType : fallback, format };
  }
}
