import type { SimState } from './sim-state';
import { isObject, jsonObject, numeric, type Reply, type SimRequest } from './sim-http';

/**
 * GA4 Measurement Protocol: `POST /mp/collect` answers 204 whatever it is sent (as GA4 does) and
 * keeps only valid events; `POST /debug/mp/collect` (GA4's validation server) answers the
 * `validationMessages` of the same checks and records nothing. Dropped events are listed at
 * `/sim/received` so tests can see what GA4 would have thrown away silently.
 *
 * Rules: an api_secret starting `RATE` (or `rateLimitNext`) → 429 with Retry-After; an event
 * whose `timestamp_micros` is more than 72 hours old is dropped.
 */

const MAX_EVENTS = 25;
const MAX_PARAMS = 25;
const MAX_AGE_MS = 72 * 3600 * 1000;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const RESERVED_EVENTS = new Set([
  'ad_activeview',
  'ad_click',
  'ad_exposure',
  'ad_query',
  'ad_reward',
  'adunit_exposure',
  'app_clear_data',
  'app_exception',
  'app_install',
  'app_remove',
  'app_store_refund',
  'app_update',
  'app_upgrade',
  'error',
  'first_open',
  'first_visit',
  'in_app_purchase',
  'notification_dismiss',
  'notification_foreground',
  'notification_open',
  'notification_receive',
  'os_update',
  'session_start',
  'session_start_with_rollout',
  'user_engagement',
]);
const RESERVED_PREFIXES = ['_', 'firebase_', 'ga_', 'google_', 'gtag.'];

export interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode:
    | 'VALUE_INVALID'
    | 'VALUE_REQUIRED'
    | 'NAME_INVALID'
    | 'NAME_RESERVED'
    | 'VALUE_OUT_OF_BOUNDS'
    | 'EXCEEDED_MAX_ENTITIES';
}

/** What GA4's validation server would say of this request. */
export function validateMeasurement(
  url: URL,
  body: Record<string, unknown>,
  now: number,
): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  const add = (fieldPath: string, validationCode: ValidationMessage['validationCode'], description: string) =>
    out.push({ fieldPath, validationCode, description });
  const measurementId = url.searchParams.get('measurement_id');
  if (!measurementId) add('measurement_id', 'VALUE_REQUIRED', 'measurement_id is required.');
  else if (!/^G-[A-Z0-9]+$/.test(measurementId))
    add('measurement_id', 'VALUE_INVALID', 'measurement_id is not a GA4 id.');
  if (!url.searchParams.get('api_secret')) add('api_secret', 'VALUE_REQUIRED', 'api_secret is required.');
  if (typeof body.client_id !== 'string' || body.client_id === '')
    add('client_id', 'VALUE_REQUIRED', 'client_id is required for a web stream.');
  if (body.timestamp_micros !== undefined) {
    const micros = numeric(body.timestamp_micros);
    if (micros === null) add('timestamp_micros', 'VALUE_INVALID', 'timestamp_micros must be an integer.');
    else if (now - micros / 1000 > MAX_AGE_MS)
      add('timestamp_micros', 'VALUE_OUT_OF_BOUNDS', 'Events may be backdated by at most 72 hours.');
  }
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0) {
    add('events', 'VALUE_REQUIRED', 'At least one event is required.');
    return out;
  }
  if (events.length > MAX_EVENTS) add('events', 'EXCEEDED_MAX_ENTITIES', 'At most 25 events per request.');
  for (const [i, e] of events.entries()) {
    const at = `events[${i}]`;
    if (!isObject(e)) {
      add(at, 'VALUE_INVALID', 'An event is an object.');
      continue;
    }
    const name = e.name;
    if (typeof name !== 'string' || name === '')
      add(`${at}.name`, 'VALUE_REQUIRED', 'Event name is required.');
    else if (!NAME.test(name))
      add(
        `${at}.name`,
        'NAME_INVALID',
        'Event names are letters, digits and underscores, start with a letter, up to 40.',
      );
    else if (RESERVED_EVENTS.has(name) || RESERVED_PREFIXES.some((p) => name.startsWith(p)))
      add(`${at}.name`, 'NAME_RESERVED', `${name} is reserved.`);
    if (e.params === undefined) continue;
    if (!isObject(e.params)) {
      add(`${at}.params`, 'VALUE_INVALID', 'params is an object.');
      continue;
    }
    const params = e.params;
    if (Object.keys(params).length > MAX_PARAMS)
      add(`${at}.params`, 'EXCEEDED_MAX_ENTITIES', 'At most 25 params.');
    for (const [k, v] of Object.entries(params)) {
      if (!NAME.test(k)) add(`${at}.params.${k}`, 'NAME_INVALID', 'Param names are like event names.');
      if (typeof v === 'string' && v.length > 100)
        add(`${at}.params.${k}`, 'VALUE_INVALID', 'Param values are at most 100 characters.');
    }
    if (params.value !== undefined && numeric(params.value) === null)
      add(`${at}.params.value`, 'VALUE_INVALID', 'value must be a number.');
    if (
      params.value !== undefined &&
      (typeof params.currency !== 'string' || !/^[A-Z]{3}$/.test(params.currency))
    )
      add(`${at}.params.currency`, 'VALUE_REQUIRED', 'currency (ISO 4217) is required with value.');
  }
  return out;
}

export function measurementCollect(req: SimRequest, debug: boolean, state: SimState, now: number): Reply {
  if (req.method !== 'POST') return { status: 405 };
  const secret = req.url.searchParams.get('api_secret') ?? '';
  if (!debug && (secret.startsWith('RATE') || state.takeRateLimit('ga4')))
    return { status: 429, headers: { 'retry-after': '30' } };
  const parsed = jsonObject(req.body);
  const messages = parsed.ok
    ? validateMeasurement(req.url, parsed.value, now)
    : [
        {
          fieldPath: '',
          validationCode: 'VALUE_INVALID' as const,
          description: `Unable to parse JSON: ${parsed.why}`,
        },
      ];
  if (debug) return { status: 200, json: { validationMessages: messages } };
  if (messages.length > 0 || !parsed.ok) {
    state.dropped.push({
      at: new Date(now).toISOString(),
      reasons: messages.map((m) => `${m.fieldPath}: ${m.validationCode}`),
      raw: parsed.ok ? parsed.value : req.body.toString('utf8'),
    });
    return { status: 204 };
  }
  const body = parsed.value;
  const account = req.url.searchParams.get('measurement_id') ?? '';
  for (const e of body.events as Record<string, unknown>[]) {
    const params = isObject(e.params) ? e.params : {};
    const id = typeof params.transaction_id === 'string' ? params.transaction_id : null;
    // GA4 counts a transaction id once.
    if (id !== null && !state.firstTime('ga4', `${account}|${id}`)) continue;
    state.received.push({
      platform: 'ga4',
      at: new Date(now).toISOString(),
      account,
      id,
      name: e.name as string,
      clickId: body.client_id as string,
      time: numeric(body.timestamp_micros) ?? now * 1000,
      value: numeric(params.value),
      currency: typeof params.currency === 'string' ? params.currency : null,
      raw: e,
    });
  }
  return { status: 204 };
}
