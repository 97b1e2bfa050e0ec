import { createHmac, timingSafeEqual } from 'node:crypto';

/** Same window as the Telnyx webhook: a captured request cannot be replayed later than this. */
export const EMAIL_SIGNATURE_TOLERANCE_SECS = 300;
export const EMAIL_SIGNATURE_HEADER = 'x-switchboard-signature';
export const EMAIL_TIMESTAMP_HEADER = 'x-switchboard-timestamp';

/** Hex HMAC-SHA256 over `<timestamp>.<raw body>`: what a sender (or relay) puts in the header. */
export function signEmailWebhook(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * Checks the signature of an inbound-email webhook. The timestamp is inside the signed bytes, so
 * it cannot be moved forward without the secret.
 */
export function verifyEmailWebhook(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  nowSecs = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; reason: string } {
  if (!signature || !timestamp)
    return { ok: false, reason: `${EMAIL_SIGNATURE_HEADER} and ${EMAIL_TIMESTAMP_HEADER} are required` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'the timestamp must be Unix seconds' };
  if (Math.abs(nowSecs - Number(timestamp)) > EMAIL_SIGNATURE_TOLERANCE_SECS)
    return { ok: false, reason: 'the timestamp is outside the allowed window' };
  const given = Buffer.from(signature.replace(/^sha256=/, ''), 'hex');
  const expected = Buffer.from(signEmailWebhook(secret, timestamp, rawBody), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
