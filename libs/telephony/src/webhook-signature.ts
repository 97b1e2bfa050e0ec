import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix that turns a raw 32-byte Ed25519 key into SPKI, the form node:crypto imports. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Telnyx's SDK refuses timestamps further than this from now; so do we (replay protection). */
export const SIGNATURE_TOLERANCE_SECS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function publicKeyFromBase64(raw32Base64: string): KeyObject {
  const raw = Buffer.from(raw32Base64, 'base64');
  if (raw.length !== 32) throw new Error('TELNYX_PUBLIC_KEY must be the base64 of a raw 32-byte Ed25519 key');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/**
 * Verifies a Telnyx webhook the way Telnyx signs it: Ed25519 over `${telnyx-timestamp}|${raw body}`.
 * Works on the exact bytes received: re-serialised JSON would not verify.
 */
export function verifyTelnyxSignature(
  rawBody: Buffer,
  signatureB64: string | undefined,
  timestamp: string | undefined,
  key: KeyObject,
  nowSecs: number = Date.now() / 1000,
): SignatureCheck {
  if (!signatureB64) return { ok: false, reason: 'missing telnyx-signature-ed25519 header' };
  if (!timestamp) return { ok: false, reason: 'missing telnyx-timestamp header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed telnyx-timestamp header' };
  if (Math.abs(nowSecs - Number(timestamp)) > SIGNATURE_TOLERANCE_SECS) {
    return { ok: false, reason: 'telnyx-timestamp outside the accepted window' };
  }
  const signature = Buffer.from(signatureB64, 'base64');
  if (signature.length !== 64) return { ok: false, reason: 'malformed signature' };
  const signed = Buffer.concat([Buffer.from(`${timestamp}|`), rawBody]);
  return verify(null, signed, key, signature)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match' };
}
