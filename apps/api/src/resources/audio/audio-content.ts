import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
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

function tooBig(field: string, size: string): ApiError {
  const message = `${size}; an audio file may have at most ${MAX_AUDIO_BYTES} bytes (5 MB)`;
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', `${field}: ${message}`, [
    { field, message },
  ]);
}

/** What the first bytes say the audio is: WAV (RIFF/WAVE), MP3 (an ID3 tag, or an MPEG frame's 11 sync bits), or neither. */
function sniff(b: Buffer): 'WAV' | 'MP3' | null {
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE')
    return 'WAV';
  if (b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0))
    return 'MP3';
  return null;
}

/**
 * What the bytes are when they are not of the declared type (`found` null: not audio we know), or
 * null when they are. Checked here so a mislabelled upload is refused now, not mid-call.
 */
function mismatch(type: AudioContentType, bytes: Buffer): { want: string; found: string | null } | null {
  const want = type === 'audio/mpeg' ? 'MP3' : 'WAV';
  const found = sniff(bytes);
  return found === want ? null : { want, found };
}

/** The uploaded bytes: 422 naming contentBase64 when not base64 or not that type, 413 when too big. */
export function decodeAudio(type: AudioContentType, base64: string): Buffer {
  const text = base64.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw invalid('must be base64');
  const size = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (size > MAX_AUDIO_BYTES) throw tooBig('contentBase64', `decodes to ${size} bytes`);
  if (size === 0) throw invalid('is empty');
  const bytes = Buffer.from(text, 'base64');
  const wrong = mismatch(type, bytes);
  if (wrong)
    throw invalid(
      wrong.found
        ? `is ${wrong.found} audio, not ${wrong.want} as contentType says`
        : `is not ${wrong.want} audio (its first bytes say otherwise)`,
    );
  return bytes;
}

/** The type of a raw upload from its Content-Type header; 415 naming the header when it is not one we play. */
export function rawAudioType(header: string | undefined): AudioContentType {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  if ((AUDIO_CONTENT_TYPES as readonly string[]).includes(type)) return type as AudioContentType;
  const message = `must be one of ${AUDIO_CONTENT_TYPES.join(', ')}${header ? `, not "${header}"` : ''}`;
  throw new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'unsupported_media_type',
    `Content-Type: ${message}`,
    [{ field: 'Content-Type', message }],
  );
}

/**
 * Reads a raw upload's body (at most 5 MB: 413 naming `body` as soon as the Content-Length or the
 * bytes received say more) and checks it is audio of the declared type (422 naming `Content-Type`).
 */
export function readAudioBody(req: Readable & { headers: IncomingHttpHeaders }, type: AudioContentType) {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_AUDIO_BYTES) return Promise.reject(tooBig('body', `Content-Length is ${declared}`));
  // Only audio types reach here, which no body parser reads; waiting for an 'end' that already
  // happened would hang the request.
  if (req.readableEnded)
    return Promise.reject(ApiError.invalid([{ field: 'body', message: 'was already read' }]));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_AUDIO_BYTES) return void chunks.push(chunk);
      // Stop keeping it but let the rest drain, so the client gets the 413 rather than a reset.
      req.off('data', onData);
      req.resume();
      reject(tooBig('body', `more than ${MAX_AUDIO_BYTES} bytes were sent`));
    };
    req.on('data', onData);
    req.once('error', reject);
    req.once('end', () => {
      if (size > MAX_AUDIO_BYTES) return; // refused already
      const bytes = Buffer.concat(chunks, size);
      if (size === 0) return reject(ApiError.invalid([{ field: 'body', message: 'is empty' }]));
      const wrong = mismatch(type, bytes);
      if (!wrong) return resolve(bytes);
      const message = wrong.found
        ? `is ${type} but the body is ${wrong.found} audio`
        : `is ${type} but the body is not ${wrong.want} audio (its first bytes say otherwise)`;
      reject(ApiError.invalid([{ field: 'Content-Type', message }]));
    });
  });
}
