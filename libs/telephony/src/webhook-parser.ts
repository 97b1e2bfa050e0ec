import type { CarrierEvent } from '@switchboard/contracts';
import { decodeLegState } from './client-state';

export class WebhookPayloadError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Flattens a Telnyx Call Control webhook (API v2 envelope) into a CarrierEvent. Only the envelope's
 * identifiers are required; unknown fields are ignored, as Telnyx adds fields without notice.
 */
export function parseTelnyxWebhook(body: unknown): CarrierEvent {
  if (!isObject(body)) throw new WebhookPayloadError('body', 'body must be a JSON object');
  const data = body.data;
  if (!isObject(data)) throw new WebhookPayloadError('data', 'data must be an object');
  const id = data.id;
  const type = data.event_type;
  if (typeof id !== 'string' || id === '')
    throw new WebhookPayloadError('data.id', 'data.id must be a non-empty string');
  if (typeof type !== 'string' || type === '') {
    throw new WebhookPayloadError('data.event_type', 'data.event_type must be a non-empty string');
  }
  const occurredAt = data.occurred_at;
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) {
    throw new WebhookPayloadError('data.occurred_at', 'data.occurred_at must be an ISO date-time');
  }
  const p = isObject(data.payload) ? data.payload : {};
  const callControlId = optStr(p.call_control_id) ?? '';
  const meta = isObject(body.meta) ? body.meta : {};
  const recordingUrls = isObject(p.recording_urls) ? p.recording_urls : {};
  const direction = p.direction === 'incoming' || p.direction === 'outgoing' ? p.direction : undefined;
  return {
    eventId: id,
    type,
    occurredAt,
    callControlId,
    callLegId: optStr(p.call_leg_id),
    callSessionId: optStr(p.call_session_id),
    clientState: decodeLegState(p.client_state),
    direction,
    from: optStr(p.from),
    to: optStr(p.to),
    callerIdName: optStr(p.caller_id_name),
    hangupCause: optStr(p.hangup_cause),
    hangupSource: optStr(p.hangup_source),
    sipHangupCause: optStr(p.sip_hangup_cause),
    digits: optStr(p.digits),
    digit: optStr(p.digit),
    status: optStr(p.status) ?? optStr(p.result),
    recordingUrl: optStr(recordingUrls.mp3) ?? optStr(recordingUrls.wav),
    recordingId: optStr(p.recording_id),
    // An AI gather's result is the object of fields it understood (a machine detection's is a word).
    ...(isObject(p.result) ? { gathered: p.result } : {}),
    attempt: typeof meta.attempt === 'number' ? meta.attempt : undefined,
  };
}

/** What a `call.recording.saved` webhook says of the file beyond what call workflows need. */
export interface SavedRecordingDetails {
  /** Every link by format (mp3, wav); Telnyx's last 10 minutes. */
  downloadUrls: Record<string, string>;
  /** Whole seconds between the recording's start and end, when both are given. */
  durationSecs: number | null;
}

/** Reads the links and length of a webhook that parseTelnyxWebhook already accepted. */
export function savedRecordingDetails(body: unknown): SavedRecordingDetails {
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const p = isObject(data.payload) ? data.payload : {};
  const urls = isObject(p.recording_urls) ? p.recording_urls : {};
  const downloadUrls: Record<string, string> = {};
  for (const format of ['mp3', 'wav']) {
    const url = optStr(urls[format]);
    if (url) downloadUrls[format] = url;
  }
  const started = Date.parse(optStr(p.recording_started_at) ?? '');
  const ended = Date.parse(optStr(p.recording_ended_at) ?? '');
  const secs = (ended - started) / 1000;
  return { downloadUrls, durationSecs: Number.isFinite(secs) && secs >= 0 ? Math.round(secs) : null };
}
