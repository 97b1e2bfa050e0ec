import { isE164 } from '../shared/e164';

/**
 * The person an erasure or an export is about: one phone number (E.164, as our tables store
 * callers, texters and form phones) or one email address (lower-case, as emails and forms store
 * senders). Never both: a person known by both is two requests, each audited on its own.
 */
export type PrivacySubject =
  { readonly kind: 'phone'; readonly value: string } | { readonly kind: 'email'; readonly value: string };

export type PrivacySubjectKind = PrivacySubject['kind'];

/** What a request says, unchecked: query parameters or a JSON body. */
export interface PrivacySubjectInput {
  readonly phone?: unknown;
  readonly email?: unknown;
}

/** A field the request got wrong, named as the request names it. */
export interface SubjectProblem {
  readonly field: 'phone' | 'email';
  readonly message: string;
}

export type SubjectCheck =
  | { readonly ok: true; readonly subject: PrivacySubject }
  | { readonly ok: false; readonly problems: readonly SubjectProblem[] };

/**
 * A written phone number in E.164, or null when it cannot be one. The api passes the rule form
 * phones are stored by (apps/api forms/form-intake.service.ts: national numbers read as US ones),
 * so the number asked about is the number we stored.
 */
export type PhoneRule = (written: string) => string | null;

/** RFC 5321's limit on a whole address. */
const MAX_EMAIL_LENGTH = 254;
/** Something, an at sign, a domain with a dot: what a form or a mail header holds as an address. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

const given = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/**
 * The subject of a request: exactly one of `phone` (normalised to E.164 by `phoneRule`) or `email`
 * (trimmed, lower-cased, shaped like an address). Both or neither is refused naming both fields.
 */
export function privacySubject(input: PrivacySubjectInput, phoneRule: PhoneRule): SubjectCheck {
  const hasPhone = given(input.phone);
  const hasEmail = given(input.email);
  if (hasPhone === hasEmail) {
    const message = hasPhone ? 'give a phone or an email, not both' : 'give a phone or an email';
    return {
      ok: false,
      problems: [
        { field: 'phone', message },
        { field: 'email', message },
      ],
    };
  }
  if (hasPhone) {
    const written = input.phone;
    const phone = typeof written === 'string' ? phoneRule(written.trim()) : null;
    if (phone === null || !isE164(phone))
      return {
        ok: false,
        problems: [{ field: 'phone', message: 'must be a phone number, e.g. +14155550100' }],
      };
    return { ok: true, subject: { kind: 'phone', value: phone } };
  }
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
    return {
      ok: false,
      problems: [{ field: 'email', message: 'must be an email address, e.g. ana@example.com' }],
    };
  return { ok: true, subject: { kind: 'email', value: email } };
}

/**
 * The forms a phone was written on in other ways than E.164 (a form phone that did not parse is
 * stored as typed): its digits with and without the country code. `+14155550100` → `14155550100`,
 * `4155550100`. Erasure and export match stored phones on these once separators are removed.
 */
export function phoneDigitForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  // North American numbers are often written without their country code 1.
  return digits.startsWith('1') && digits.length === 11 ? [digits, digits.slice(1)] : [digits];
}
