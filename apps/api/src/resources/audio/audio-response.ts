import type { Readable } from 'node:stream';
import { HttpStatus, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { ByteRange } from '@switchboard/persistence';
import { ApiError } from '../../common/api-error';
import { secondsUntil, signedMediaExpiry } from '../../common/signed-media';

/** An audio file's bytes, opened only once the response knows which of them it sends. */
export interface AudioBytes {
  contentType: string;
  size: number;
  open(range?: ByteRange): Promise<Readable>;
}

/**
 * The one range of a `Range: bytes=…` header (first-last, first-, or -suffix); null to send the
 * whole file, which RFC 9110 allows for anything else (several ranges, other units, bad syntax).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** Streams the bytes (206 with Content-Range for a range, 416 for one past the end). */
export async function sendAudio(
  res: Response,
  bytes: AudioBytes,
  rangeHeader: string | undefined,
): Promise<StreamableFile> {
  res.setHeader('Accept-Ranges', 'bytes');
  const range = parseRange(rangeHeader, bytes.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${bytes.size}`);
    throw new ApiError(
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      'range_not_satisfiable',
      `Range: the file has ${bytes.size} bytes`,
    );
  }
  if (range) {
    res.status(HttpStatus.PARTIAL_CONTENT);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${bytes.size}`);
  }
  const stream = await bytes.open(range ?? undefined);
  return new StreamableFile(stream, {
    type: bytes.contentType,
    length: range ? range.end - range.start + 1 : bytes.size,
  });
}

/** A request for signed `/media` bytes: the path its signature covers, that signature, its `Range`. */
export interface SignedMediaRequest {
  path: string;
  query: { expires: unknown; sig: unknown };
  range: string | undefined;
}

/**
 * Who may keep signed media until its URL expires: only the client (`private`), or any cache, as
 * bytes that never change under their URL (`immutable`).
 */
export type SignedMediaCaching = 'private' | 'immutable';

const CACHE_CONTROL: Record<SignedMediaCaching, (maxAge: number) => string> = {
  private: (maxAge) => `private, max-age=${maxAge}`,
  immutable: (maxAge) => `public, max-age=${maxAge}, immutable`,
};

/**
 * Serves signed media: the signature is checked before `find` looks anything up (a 403 first, so
 * unsigned probing learns nothing), then the bytes stream (Range-aware), cacheable until the URL
 * expires.
 */
export async function sendSignedAudio(
  res: Response,
  req: SignedMediaRequest,
  secret: string,
  caching: SignedMediaCaching,
  find: () => Promise<AudioBytes>,
): Promise<StreamableFile> {
  const expiresAt = signedMediaExpiry(req.path, req.query, secret);
  const bytes = await find();
  res.setHeader('Cache-Control', CACHE_CONTROL[caching](secondsUntil(expiresAt)));
  return sendAudio(res, bytes, req.range);
}
