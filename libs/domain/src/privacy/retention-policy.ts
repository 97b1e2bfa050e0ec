import type { Instant } from '../shared/instant';
import { instantToEpochMs } from '../shared/instant';
import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';

/**
 * What a retention policy keeps for a limited time, each on its own period:
 * - `recordings`: conversation recordings (ours and the carrier's copy);
 * - `voicemail`: voicemail audio;
 * - `transcripts`: call transcripts and their pieces;
 * - `texts`: text message bodies (and the other party's number once a conversation is all past);
 * - `emails`: tracked emails' subject, bodies and addresses;
 * - `forms`: web form submissions' fields and contact details;
 * - `callerData`: the caller-identifying fields of call records (numbers, visitor data, carrier
 *   events, webhook payloads, conversions' contact details).
 */
export const RETENTION_CATEGORIES = [
  'recordings',
  'voicemail',
  'transcripts',
  'texts',
  'emails',
  'forms',
  'callerData',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export const RETENTION_LIMITS = { minDays: 1, maxDays: 3650 } as const;

/** A period in whole days, or null: kept until erased. */
export type RetentionDays = number | null;

/** An account's policy: every category has a period or null (kept until erased). */
export type RetentionPolicy = Record<RetentionCategory, RetentionDays>;

/**
 * What an override on a property says of a category: a period of its own, `forever` (kept until
 * erased on this property, whatever the account says), or null (the account's period).
 */
export const KEEP_FOREVER = 'forever';
export type RetentionOverride = number | typeof KEEP_FOREVER | null;
export type RetentionOverrides = Record<RetentionCategory, RetentionOverride>;

/** The policy of an account that never set one: everything kept, as before retention existed. */
export const KEEP_EVERYTHING: RetentionPolicy = Object.freeze(
  Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, null])) as RetentionPolicy,
);

/** Overrides of a property that has none: the account's policy throughout. */
export const NO_OVERRIDES: RetentionOverrides = Object.freeze(
  Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, null])) as RetentionOverrides,
);

const DAYS_MESSAGE = `must be a whole number of days from ${RETENTION_LIMITS.minDays} to ${RETENTION_LIMITS.maxDays} or null`;

const isDays = (v: unknown): v is number =>
  typeof v === 'number' &&
  Number.isInteger(v) &&
  v >= RETENTION_LIMITS.minDays &&
  v <= RETENTION_LIMITS.maxDays;

/**
 * Checks an account's policy as sent. A category left out is null (kept until erased); a key that
 * is not a category is an error naming it.
 */
export function validateRetentionPolicy(input: unknown): ValidationReport {
  return check(input, (v) => v === null || v === undefined || isDays(v), DAYS_MESSAGE);
}

/** Checks a property's overrides as sent: as the policy, and `forever` too. */
export function validateRetentionOverrides(input: unknown): ValidationReport {
  return check(
    input,
    (v) => v === null || v === undefined || v === KEEP_FOREVER || isDays(v),
    `${DAYS_MESSAGE} (the account's period), or "${KEEP_FOREVER}"`,
  );
}

function check(input: unknown, valid: (v: unknown) => boolean, message: string): ValidationReport {
  const errors: ValidationIssue[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    errors.push({ code: 'invalid', path: '', message: 'must be an object of categories' });
    return { errors, warnings: [] };
  }
  const known = new Set<string>(RETENTION_CATEGORIES);
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key))
      errors.push({
        code: 'unknown_category',
        path: key,
        message: `is not a retention category (${RETENTION_CATEGORIES.join(', ')})`,
      });
    else if (!valid(value)) errors.push({ code: 'invalid_period', path: key, message });
  }
  return { errors, warnings: [] };
}

/** A checked policy with every category present (left-out ones null). */
export function retentionPolicyOf(input: Partial<Record<RetentionCategory, RetentionDays>>): RetentionPolicy {
  return Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, input[c] ?? null])) as RetentionPolicy;
}

/** Checked overrides with every category present (left-out ones null: the account's). */
export function retentionOverridesOf(
  input: Partial<Record<RetentionCategory, RetentionOverride>>,
): RetentionOverrides {
  return Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, input[c] ?? null])) as RetentionOverrides;
}

/** What applies on a property: its override where it has one, else the account's period. */
export function effectiveRetention(account: RetentionPolicy, overrides: RetentionOverrides): RetentionPolicy {
  return Object.fromEntries(
    RETENTION_CATEGORIES.map((c) => {
      const o = overrides[c];
      return [c, o === KEEP_FOREVER ? null : (o ?? account[c])];
    }),
  ) as RetentionPolicy;
}

const DAY_MS = 86_400_000;

/**
 * The instant before which a category's data has expired at `now` (ISO), or null when it is kept.
 * Periods are whole days of 24 hours counted back from `now`, whatever the time zone.
 */
export function retentionCutoff(now: Instant, days: RetentionDays): string | null {
  if (days === null) return null;
  return new Date(instantToEpochMs(now) - days * DAY_MS).toISOString();
}

/** Every category's cutoff on a property at `now` (null: kept). */
export function retentionCutoffs(
  now: Instant,
  policy: RetentionPolicy,
): Record<RetentionCategory, string | null> {
  return Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, retentionCutoff(now, policy[c])])) as Record<
    RetentionCategory,
    string | null
  >;
}

/**
 * How many days Temporal keeps finished workflows' histories (which hold callers' numbers): the
 * shortest `callerData` period in force anywhere, at least a day; `fallback` when none has one.
 */
export function historyRetentionDays(
  callerDataPeriods: readonly RetentionDays[],
  fallback: number | null,
): number | null {
  const periods = callerDataPeriods.filter((d): d is number => d !== null);
  if (periods.length === 0) return fallback;
  return Math.max(RETENTION_LIMITS.minDays, Math.min(...periods));
}
