import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed `/media` URLs: `<path>?expires=<unix seconds>&sig=<HMAC-SHA256 of path and expiry>`. The
 * worker signs the prompt URLs it hands the carrier, the api signs the `url` of its audio views,
 * and the api's media route verifies; the shared MEDIA_SIGNING_SECRET is all they need in common.
 */
export interface MediaUrlSettings {
  /** Where the carrier reaches the api (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string;
  signingSecret: string;
  urlTtlSecs: number;
}

export type MediaSignatureCheck = { ok: true; expires: number } | { ok: false; reason: string };

/** The step expiries are rounded up to; at most an hour, at most the TTL. */
const MAX_STEP_SECS = 3600;

function signature(path: string, expires: number, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${path}\n${expires}`).digest();
}

/**
 * When a URL signed now expires: at least `ttlSecs` away, rounded up to a whole step, so a file's
 * URL stays the same for up to an hour and the carrier's cache (keyed by URL) keeps working.
 */
export function mediaUrlExpiry(nowMs: number, ttlSecs: number): number {
  const step = Math.max(1, Math.min(MAX_STEP_SECS, ttlSecs));
  return Math.ceil((Math.floor(nowMs / 1000) + ttlSecs) / step) * step;
}

/** `path` with its signature for the given expiry (unix seconds). `path` is the api-relative path. */
export function signMediaPath(path: string, secret: string, expires: number): string {
  const sig = signature(path, expires, secret).toString('base64url');
  return `${path}?expires=${expires}&sig=${sig}`;
}

/** The absolute URL the carrier (or a person) may fetch `path` from until it expires. */
export function signedMediaUrl(s: MediaUrlSettings, path: string, nowMs = Date.now()): string {
  return s.publicBaseUrl + signMediaPath(path, s.signingSecret, mediaUrlExpiry(nowMs, s.urlTtlSecs));
}

/** Whether `expires` and `sig` (the query of a request for `path`) were signed with `secret` and are still valid. */
export function verifyMediaSignature(
  path: string,
  query: { expires?: unknown; sig?: unknown },
  secret: string,
  nowMs = Date.now(),
): MediaSignatureCheck {
  const { expires, sig } = query;
  if (typeof expires !== 'string' || typeof sig !== 'string')
    return { ok: false, reason: 'the URL must carry expires and sig' };
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig))
    return { ok: false, reason: 'the URL’s signature is malformed' };
  const at = Number(expires);
  const expected = signature(path, at, secret);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'the URL’s signature does not match' };
  if (at * 1000 <= nowMs) return { ok: false, reason: 'the URL has expired' };
  return { ok: true, expires: at };
}
