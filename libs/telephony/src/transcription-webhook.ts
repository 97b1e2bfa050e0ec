import { WebhookPayloadError } from './webhook-parser';

/** A `call.transcription` webhook's piece of the conversation (transcription_start). */
export interface TranscriptionPiece {
  transcript: string;
  /** Only final pieces are kept; interim ones (when asked for) are revised later. */
  isFinal: boolean;
  confidence: number | null;
  /** On the leg that asked: `inbound` is that leg's own party, `outbound` the other side. */
  track: 'inbound' | 'outbound';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isTranscriptionEventType = (type: string): boolean => type === 'call.transcription';

/** Reads `data.payload.transcription_data` of a `call.transcription` event. */
export function parseTranscriptionPiece(body: unknown): TranscriptionPiece {
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const p = isObject(data.payload) ? data.payload : {};
  const t = isObject(p.transcription_data) ? p.transcription_data : undefined;
  if (!t) throw new WebhookPayloadError('data.payload.transcription_data', 'the transcription is missing');
  if (typeof t.transcript !== 'string')
    throw new WebhookPayloadError('data.payload.transcription_data.transcript', 'must be a string');
  const track = t.transcription_track ?? 'inbound';
  if (track !== 'inbound' && track !== 'outbound')
    throw new WebhookPayloadError(
      'data.payload.transcription_data.transcription_track',
      'must be inbound or outbound',
    );
  return {
    transcript: t.transcript,
    // Telnyx sends only final results unless interim ones were asked for.
    isFinal: t.is_final !== false,
    confidence: typeof t.confidence === 'number' ? t.confidence : null,
    track,
  };
}
