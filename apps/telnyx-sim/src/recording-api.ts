import { silentMp3, silentWav } from './audio-files';
import type { RecordedLeg } from './call-engine';
import { TelnyxErrors } from './errors';
import type { Faults } from './faults';
import type { Reply } from './http-server';
import { isoMicros } from './sim-clock';

/**
 * Telnyx's Recordings API (`GET` and `DELETE /v2/recordings/{id}`) and the files its links and the
 * `call.recording.saved` links point at. Telnyx's event links expire 10 minutes after the event, so an
 * app that copies recordings later must fetch fresh ones here; the `link` query parameter tells the two
 * kinds apart so the `expiredRecordingLinks` fault can expire only the event's. Shapes follow the
 * `telnyx` SDK's `recordings` resource (the call-control OpenAPI file has no such paths).
 */
export interface RecordingRequest {
  method: string;
  /** Path segments after `/v2`, decoded. */
  segments: string[];
}

/** Who handed the link out: the `call.recording.saved` webhook or the Recordings API. */
export type RecordingLinkKind = 'event' | 'api';
const LINK_KINDS: readonly string[] = ['event', 'api'] satisfies RecordingLinkKind[];

export interface RecordingApiDeps {
  find: (id: string) => RecordedLeg | undefined;
  /** Forgets the recording; false when there was none. */
  remove: (id: string) => boolean;
  /** Every recording held, oldest first. */
  held: () => RecordedLeg[];
  baseUrl: () => string;
  faults: () => Faults;
  connectionId: string;
}

/** Absolute links to both formats on the control API's `/sim/recordings` route. */
export function recordingUrls(
  baseUrl: string,
  id: string,
  kind: RecordingLinkKind,
): { mp3: string; wav: string } {
  const file = (ext: string) => `${baseUrl}/sim/recordings/${encodeURIComponent(id)}.${ext}?link=${kind}`;
  return { mp3: file('mp3'), wav: file('wav') };
}

/** What S3 answers for a presigned URL past its expiry, which is what Telnyx's recording links are. */
const EXPIRED: Reply = {
  status: 403,
  contentType: 'application/xml',
  raw: Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<Error><Code>AccessDenied</Code><Message>Request has expired</Message>' +
      '<X-Amz-Expires>600</X-Amz-Expires></Error>',
  ),
};

let mp3: Buffer | undefined;
let wav: Buffer | undefined;

export class RecordingApi {
  constructor(private readonly deps: RecordingApiDeps) {}

  handles(resource: string | undefined): boolean {
    return resource === 'recordings';
  }

  /** Throws TelnyxApiError for every refusal; the server turns it into the reply. */
  handle(r: RecordingRequest): Reply {
    const [, id, ...rest] = r.segments;
    if ((r.method !== 'GET' && r.method !== 'DELETE') || id === undefined || rest.length > 0)
      throw TelnyxErrors.routeNotFound(`/v2/${r.segments.join('/')}`);
    const found = this.deps.find(id);
    // The saved event may be due but not yet run, as for any command on the call.
    found?.leg.session.clock.runDue();
    // Telnyx lists a recording only once it is saved (the moment it sends call.recording.saved).
    if (!found || found.rec.savedMs === undefined) throw TelnyxErrors.resourceNotFound('recording', id);
    const data = this.json(found, found.rec.savedMs);
    // A deleted recording is gone for good: its files and a second DELETE answer 404.
    if (r.method === 'DELETE') this.deps.remove(id);
    return { status: 200, json: { data } };
  }

  /** `GET /sim/recordings`: the ids of every recording the carrier still holds, and their calls. */
  list(): Reply {
    const data = this.deps
      .held()
      .map(({ rec, leg }) => ({ id: rec.id, call_session_id: leg.session.id, from: leg.from, to: leg.to }));
    return { status: 200, json: { data } };
  }

  /**
   * `GET /sim/recordings/{id}.mp3|.wav[?link=event|api]`: a short silent file for any recording the
   * simulator started; undefined when there is no such recording or link kind.
   */
  download(fileName: string, link: string | null): Reply | undefined {
    const m = /^(.+)\.(mp3|wav)$/.exec(fileName);
    if (!m || !this.deps.find(m[1]) || (link !== null && !LINK_KINDS.includes(link))) return undefined;
    if (link === 'event' && this.deps.faults().expiredRecordingLinks) return EXPIRED;
    if (m[2] === 'mp3') return { status: 200, raw: (mp3 ??= silentMp3()), contentType: 'audio/mpeg' };
    return { status: 200, raw: (wav ??= silentWav()), contentType: 'audio/wav' };
  }

  private json({ rec, leg }: RecordedLeg, savedMs: number) {
    const endedMs = rec.endedMs ?? savedMs;
    return {
      id: rec.id,
      record_type: 'recording',
      call_control_id: leg.callControlId,
      call_leg_id: leg.callLegId,
      call_session_id: leg.session.id,
      connection_id: this.deps.connectionId,
      from: leg.from,
      to: leg.to,
      channels: rec.channels,
      source: 'call',
      status: 'completed',
      duration_millis: Math.round(endedMs - rec.startedMs),
      recording_started_at: isoMicros(rec.startedMs),
      recording_ended_at: isoMicros(endedMs),
      download_urls: recordingUrls(this.deps.baseUrl(), rec.id, 'api'),
      created_at: isoMicros(savedMs),
      updated_at: isoMicros(savedMs),
    };
  }
}
