import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';

/** "+1 (312) 555-0199" → "+13125550199"; anything unparseable is left as given for the validator to name. */
export function normalizeE164(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('+')) return trimmed;
  return parsePhoneNumberFromString(trimmed)?.number ?? trimmed;
}

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value) && isValidPhoneNumber(value);
}

/** SIP URI of a softphone or PBX extension: sip:user@host[:port]. */
export function isSipUri(value: unknown): value is string {
  return typeof value === 'string' && /^sips?:[^@\s]+@[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value);
}

export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function decorator(name: string, message: string, test: (v: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property ${message}`, ...options },
        validator: { validate: (v: unknown) => test(v) },
      });
}

/** A valid phone number in E.164 ("+13125550199"); spaces and punctuation are normalised first. */
export const IsE164 = decorator(
  'isE164',
  'must be a valid phone number in E.164 format, e.g. +13125550199',
  isE164,
);
export const NormalizeE164 = (): PropertyDecorator => Transform(({ value }) => normalizeE164(value));

/** Where a call can be sent: an E.164 number or a SIP URI. */
export const IsDialTarget = decorator(
  'isDialTarget',
  'must be an E.164 phone number (+13125550199) or a SIP URI (sip:agent@example.com)',
  (v) => isE164(v) || isSipUri(v),
);

export const IsIanaTimeZone = decorator(
  'isIanaTimeZone',
  'must be an IANA time zone such as America/Chicago',
  isIanaTimeZone,
);
