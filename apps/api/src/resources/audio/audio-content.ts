import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../common/api-error';

/** What the carrier plays: MP3 and WAV. */
export const AUDIO_CONTENT_TYPES = ['audio/mpeg', 'audio/wav', 'audio/x-wav'] as const;
export type AudioContentType = (typeof AUDIO_CONTENT_TYPES)[number];

/** Prompts are seconds long; 5 MB is minutes of WAV and keeps one upload's JSON body bounded. */
export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;

/**
 * The JSON body limit of the audio routes (the rest of the api keeps its small one): base64 takes
 * 4 bytes for every 3, plus room for the other fields. A bigger body is a 413 from the parser.
 */
export const AUDIO_JSON_LIMIT = Math.ceil((MAX_AUDIO_BYTES * 4) / 3) + 64 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const invalid = (message: string) => ApiError.invalid([{ field: 'contentBase64', message }]);

/** Whether the bytes start the way a file of that type does, so a mislabelled upload is caught here, not mid-call. */
function looksLike(type: AudioContentType, b: Buffer): boolean {
  if (type === 'audio/mpeg')
    // An ID3 tag, or straight into an MPEG audio frame (11 sync bits).
    return b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0);
  return b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE';
}

/** The uploaded bytes: 422 naming contentBase64 when not base64 or not that type, 413 when too big. */
export function decodeAudio(type: AudioContentType, base64: string): Buffer {
  const text = base64.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw invalid('must be base64');
  const size = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (size > MAX_AUDIO_BYTES) {
    const message = `decodes to ${size} bytes; an audio file may have at most ${MAX_AUDIO_BYTES} (5 MB)`;
    throw new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', `contentBase64: ${message}`, [
      { field: 'contentBase64', message },
    ]);
  }
  if (size === 0) throw invalid('is empty');
  const bytes = Buffer.from(text, 'base64');
  if (!looksLike(type, bytes))
    throw invalid(`is not ${type === 'audio/mpeg' ? 'MP3' : 'WAV'} audio (its first bytes say otherwise)`);
  return bytes;
}
