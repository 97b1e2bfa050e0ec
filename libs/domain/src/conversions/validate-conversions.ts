import { LEAD_STATUSES } from '../routing/criterion-model';
import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';
import { CONVERSION_LIMITS, CONVERSION_PLATFORMS, type ConversionPlatform } from './conversion-model';

type Fields = Record<string, unknown>;
type Report = (path: string, message: string) => void;

const CALL_KEYS = ['leadKind', 'answered', 'talkSecondsAtLeast', 'leadStatus', 'firstTime', 'sourceIn'];
const FORM_KEYS = ['leadKind', 'formNameIn'];

/**
 * Checks a conversion rule before it is saved (everything but its destinations' existence, which
 * the caller knows); paths name the offending field (`when.talkSecondsAtLeast`).
 */
export function validateConversionRule(input: unknown): ValidationReport {
  const errors: ValidationIssue[] = [];
  const error: Report = (path, message) => errors.push({ code: 'invalid', path, message });
  if (!isObject(input)) {
    error('', 'A conversion rule must be an object.');
    return { errors, warnings: [] };
  }
  if (!isText(input.name, CONVERSION_LIMITS.maxNameLength))
    error('name', `name must be 1 to ${CONVERSION_LIMITS.maxNameLength} characters.`);
  const value = input.value;
  if (
    value !== null &&
    value !== undefined &&
    !(
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= CONVERSION_LIMITS.maxValue
    )
  )
    error('value', `value must be a number from 0 to ${CONVERSION_LIMITS.maxValue}, or null.`);
  if (typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency))
    error('currency', 'currency must be an ISO 4217 code in capitals (USD, EUR…).');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean')
    error('enabled', 'enabled must be true or false.');
  const ids = input.destinationIds;
  if (!Array.isArray(ids) || ids.length > CONVERSION_LIMITS.maxDestinationsPerRule)
    error(
      'destinationIds',
      `destinationIds must list at most ${CONVERSION_LIMITS.maxDestinationsPerRule} destinations.`,
    );
  else
    ids.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || id === '') error(`destinationIds[${i}]`, 'must be a destination id.');
    });
  if (!isObject(input.when))
    error('when', 'when must be an object of conditions with a leadKind (call or form).');
  else checkCondition(input.when, error);
  return { errors, warnings: [] };
}

function checkCondition(w: Fields, error: Report): void {
  if (w.leadKind !== 'call' && w.leadKind !== 'form') {
    error('when.leadKind', 'leadKind must be call or form.');
    return;
  }
  const allowed = w.leadKind === 'call' ? CALL_KEYS : FORM_KEYS;
  for (const key of Object.keys(w))
    if (!allowed.includes(key))
      error(`when.${key}`, `"${key}" is not a ${String(w.leadKind)} condition (${allowed.join(', ')}).`);
  for (const key of ['answered', 'firstTime'] as const)
    if (w[key] !== undefined && typeof w[key] !== 'boolean')
      error(`when.${key}`, `${key} must be true or false.`);
  const talk = w.talkSecondsAtLeast;
  if (
    talk !== undefined &&
    !(Number.isInteger(talk) && (talk as number) >= 0 && (talk as number) <= CONVERSION_LIMITS.maxTalkSeconds)
  )
    error(
      'when.talkSecondsAtLeast',
      `talkSecondsAtLeast must be a whole number of seconds up to ${CONVERSION_LIMITS.maxTalkSeconds}.`,
    );
  if (w.leadStatus !== undefined && !LEAD_STATUSES.includes(w.leadStatus as never))
    error('when.leadStatus', `leadStatus must be one of ${LEAD_STATUSES.join(', ')}.`);
  for (const key of ['sourceIn', 'formNameIn'] as const) {
    const list = w[key];
    if (list === undefined || !allowed.includes(key)) continue;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.length > CONVERSION_LIMITS.maxListItems ||
      !list.every((s) => typeof s === 'string' && s.trim() !== '')
    )
      error(`when.${key}`, `${key} must list 1 to ${CONVERSION_LIMITS.maxListItems} non-empty names.`);
  }
}

/** Each platform's config fields that are secrets: stored, used, never shown again. */
export const DESTINATION_SECRETS: Readonly<Record<ConversionPlatform, readonly string[]>> = {
  google_ads: ['developerToken', 'accessToken'],
  ga4: ['apiSecret'],
  meta: ['accessToken'],
};

interface FieldRule {
  readonly required: boolean;
  readonly pattern?: RegExp;
  readonly message: string;
}

const TEXT = /^\S(.{0,2046}\S)?$/s;

/** Each platform's config fields; Google Ads in csv mode needs no credentials (the file is uploaded by hand). */
function configFields(platform: ConversionPlatform, config: Fields): Record<string, FieldRule> {
  switch (platform) {
    case 'google_ads': {
      const api = config.mode !== 'csv';
      return {
        mode: { required: false, pattern: /^(api|csv)$/, message: 'mode must be api or csv.' },
        customerId: {
          required: api,
          pattern: /^\d{10}$/,
          message: 'customerId must be 10 digits, without dashes.',
        },
        conversionActionId: {
          required: api,
          pattern: /^\d{1,20}$/,
          message: 'conversionActionId must be the numeric id of the conversion action.',
        },
        developerToken: {
          required: api,
          pattern: TEXT,
          message: 'developerToken is required (the Google Ads API developer token).',
        },
        accessToken: {
          required: api,
          pattern: TEXT,
          message: 'accessToken is required (an OAuth access token).',
        },
        loginCustomerId: {
          required: false,
          pattern: /^\d{10}$/,
          message: 'loginCustomerId must be 10 digits, without dashes.',
        },
      };
    }
    case 'ga4':
      return {
        measurementId: {
          required: true,
          pattern: /^G-[A-Z0-9]{4,20}$/,
          message: 'measurementId must look like G-XXXXXXXXXX.',
        },
        apiSecret: {
          required: true,
          pattern: TEXT,
          message: 'apiSecret is required (a Measurement Protocol API secret).',
        },
      };
    case 'meta':
      return {
        pixelId: {
          required: true,
          pattern: /^\d{5,20}$/,
          message: 'pixelId must be the numeric id of the pixel (dataset).',
        },
        accessToken: {
          required: true,
          pattern: TEXT,
          message: 'accessToken is required (a Conversions API access token).',
        },
        testEventCode: {
          required: false,
          pattern: /^[A-Za-z0-9_-]{1,64}$/,
          message: 'testEventCode must be the code from Events Manager.',
        },
      };
  }
}

/** Checks a destination (platform, name, config) before it is saved; paths like `config.customerId`. */
export function validateConversionDestination(input: unknown): ValidationReport {
  const errors: ValidationIssue[] = [];
  const error: Report = (path, message) => errors.push({ code: 'invalid', path, message });
  if (!isObject(input)) {
    error('', 'A destination must be an object.');
    return { errors, warnings: [] };
  }
  if (!isText(input.name, CONVERSION_LIMITS.maxNameLength))
    error('name', `name must be 1 to ${CONVERSION_LIMITS.maxNameLength} characters.`);
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean')
    error('enabled', 'enabled must be true or false.');
  const platform = input.platform as ConversionPlatform;
  if (!CONVERSION_PLATFORMS.includes(platform)) {
    error('platform', `platform must be one of ${CONVERSION_PLATFORMS.join(', ')}.`);
    return { errors, warnings: [] };
  }
  if (!isObject(input.config)) {
    error('config', `config must be an object of the ${platform} settings.`);
    return { errors, warnings: [] };
  }
  const fields = configFields(platform, input.config);
  for (const key of Object.keys(input.config))
    if (!(key in fields))
      error(`config.${key}`, `"${key}" is not a ${platform} setting (${Object.keys(fields).join(', ')}).`);
  for (const [key, rule] of Object.entries(fields)) {
    const v = input.config[key];
    if (v === undefined || v === null) {
      if (rule.required) error(`config.${key}`, rule.message);
    } else if (typeof v !== 'string' || (rule.pattern && !rule.pattern.test(v)))
      error(`config.${key}`, rule.message);
  }
  return { errors, warnings: [] };
}

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown, max: number): boolean {
  return typeof v === 'string' && v.trim() !== '' && v.length <= max;
}
