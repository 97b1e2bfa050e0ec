import { createHash } from 'node:crypto';
import type { ClickIds } from '@switchboard/domain';

/**
 * The lead's contact details as Meta matches them: normalised, then SHA-256 in lower-case hex, so
 * the platform never receives them in the clear.
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Meta's phone normalisation: digits only, country code included, no `+` or leading zeros. */
export function normalisePhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 7 ? digits : null;
}

/** Meta's email normalisation: trimmed and lower-cased; null for what is not an address at all. */
export function normaliseEmail(email: string): string | null {
  const e = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

export function hashedPhone(phone: string | null | undefined): string | null {
  const n = phone ? normalisePhone(phone) : null;
  return n ? sha256(n) : null;
}

export function hashedEmail(email: string | null | undefined): string | null {
  const n = email ? normaliseEmail(email) : null;
  return n ? sha256(n) : null;
}

/**
 * Meta's click id: the `_fbc` cookie when the script saw one, else built from the URL's `fbclid`
 * the way Meta's pixel builds the cookie (`fb.1.<creation time in ms>.<fbclid>`). The creation time
 * given is when the click was seen; the conversion's own time is the closest we keep.
 */
export function metaFbc(clickIds: ClickIds, seenAtMs: number): string | null {
  if (clickIds.fbc) return clickIds.fbc;
  if (clickIds.fbclid) return `fb.1.${Math.floor(seenAtMs)}.${clickIds.fbclid}`;
  return null;
}
