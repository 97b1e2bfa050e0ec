import { randomBytes } from 'node:crypto';
import type { SimState } from './sim-state';
import { isObject, jsonObject, numeric, type Reply, type SimRequest } from './sim-http';

/**
 * Meta Conversions API `POST /v{N}/{pixelId}/events`: Graph API error bodies
 * (`{error: {message, type, code, error_subcode, fbtrace_id}}`), and the whole batch refused when
 * one event is malformed, as Meta does.
 *
 * Rules: access token starting `BAD` → code 190; `RATE` (or `rateLimitNext`) → code 17 with the
 * usage header's estimated_time_to_regain_access; an fbc whose click id starts `INVALID`, or that
 * is not `fb.<n>.<ms>.<id>` → code 100 (invalid fbc); an event_time more than 7 days old → code 100,
 * subcode 2804003.
 */

export const META_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/events$/;

const MAX_EVENTS = 1000;
const MAX_AGE_S = 7 * 24 * 3600;
const ACTION_SOURCES = new Set([
  'email',
  'website',
  'app',
  'phone_call',
  'chat',
  'physical_store',
  'system_generated',
  'business_messaging',
  'other',
]);
const SHA256 = /^[a-f0-9]{64}$/;
const FBC = /^fb\.\d\.(\d{10,13})\.(\S+)$/;
const FBP = /^fb\.\d\.\d{10,13}\.\d+$/;
const MATCH_KEYS = [
  'em',
  'ph',
  'fbc',
  'fbp',
  'external_id',
  'client_ip_address',
  'fn',
  'ln',
  'db',
  'ge',
  'ct',
  'st',
  'zp',
  'country',
];

const trace = () => randomBytes(12).toString('base64url');

function graphError(
  status: number,
  code: number,
  message: string,
  o: {
    subcode?: number;
    title?: string;
    userMessage?: string;
    transient?: boolean;
    headers?: Record<string, string>;
  } = {},
): Reply {
  return {
    status,
    headers: o.headers,
    json: {
      error: {
        message,
        // The Graph API types its request errors OAuthException, token or not.
        type: 'OAuthException',
        code,
        ...(o.subcode !== undefined ? { error_subcode: o.subcode } : {}),
        is_transient: o.transient ?? false,
        ...(o.title ? { error_user_title: o.title } : {}),
        ...(o.userMessage ? { error_user_msg: o.userMessage } : {}),
        fbtrace_id: trace(),
      },
    },
  };
}

const invalid = (title: string, userMessage: string, subcode?: number) =>
  graphError(400, 100, 'Invalid parameter', { title, userMessage, subcode });

/** The first reason Meta would refuse this event, or null. */
function eventProblem(e: unknown, i: number, nowS: number): Reply | null {
  const at = `data[${i}]`;
  if (!isObject(e)) return invalid('Invalid event', `${at} is not an object.`);
  if (typeof e.event_name !== 'string' || e.event_name === '')
    return invalid('Missing event_name', `${at}.event_name is required.`);
  const time = numeric(e.event_time);
  if (time === null || !Number.isInteger(time))
    return invalid('Invalid event_time', `${at}.event_time must be a Unix timestamp in seconds.`);
  if (nowS - time > MAX_AGE_S)
    return invalid(
      'Event Timestamp Too Old',
      `${at}.event_time is too far in the past: events must be sent within 7 days of when they occurred.`,
      2804003,
    );
  if (time - nowS > 60)
    return invalid(
      'Event Timestamp In Future',
      `${at}.event_time is in the future (seconds, not milliseconds).`,
      2804004,
    );
  if (typeof e.action_source !== 'string' || !ACTION_SOURCES.has(e.action_source))
    return invalid(
      'Invalid action_source',
      `${at}.action_source is required and must be one of Meta's values.`,
    );
  if (e.action_source === 'website' && (typeof e.event_source_url !== 'string' || e.event_source_url === ''))
    return invalid('Missing event_source_url', `${at}.event_source_url is required for website events.`);
  const u = e.user_data;
  if (!isObject(u)) return invalid('Missing user_data', `${at}.user_data is required.`);
  if (!MATCH_KEYS.some((k) => u[k] !== undefined))
    return invalid('Missing customer information', `${at}.user_data has nothing to match the event by.`);
  for (const k of ['em', 'ph'] as const) {
    if (u[k] === undefined) continue;
    const values: unknown[] = Array.isArray(u[k]) ? (u[k] as unknown[]) : [u[k]];
    if (values.length === 0 || !values.every((v) => typeof v === 'string' && SHA256.test(v)))
      return invalid(
        `Unhashed ${k}`,
        `${at}.user_data.${k} must be SHA-256 hashes (lower-case hex) of normalised values.`,
      );
  }
  if (u.fbc !== undefined) {
    const m = typeof u.fbc === 'string' ? FBC.exec(u.fbc) : null;
    if (!m || m[2].startsWith('INVALID'))
      return invalid(
        'Invalid fbc',
        `${at}.user_data.fbc is not a valid click id (fb.1.<creation ms>.<fbclid>).`,
      );
  }
  if (u.fbp !== undefined && !(typeof u.fbp === 'string' && FBP.test(u.fbp)))
    return invalid('Invalid fbp', `${at}.user_data.fbp is not a valid browser id (fb.1.<ms>.<random>).`);
  if (e.custom_data !== undefined) {
    const c = e.custom_data;
    if (!isObject(c)) return invalid('Invalid custom_data', `${at}.custom_data is an object.`);
    if (c.value !== undefined && numeric(c.value) === null)
      return invalid('Invalid value', `${at}.custom_data.value must be a number.`);
    if (c.currency !== undefined && !(typeof c.currency === 'string' && /^[A-Za-z]{3}$/.test(c.currency)))
      return invalid('Invalid currency', `${at}.custom_data.currency must be ISO 4217.`);
  }
  return null;
}

export function metaEvents(req: SimRequest, pixelId: string, state: SimState, now: number): Reply {
  if (req.method !== 'POST') return graphError(400, 100, 'Unsupported get request. Use POST to send events.');
  const parsed = jsonObject(req.body);
  if (!parsed.ok) return graphError(400, 100, `Invalid JSON: ${parsed.why}`);
  const body = parsed.value;
  const token =
    req.url.searchParams.get('access_token') ??
    (typeof body.access_token === 'string' ? body.access_token : '');
  if (!token) return graphError(400, 104, 'An access token is required to request this resource.');
  if (token.startsWith('BAD'))
    return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token', {
      headers: {
        'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"',
      },
    });
  if (!/^\d+$/.test(pixelId))
    return graphError(400, 100, `Unsupported post request. Object with ID '${pixelId}' does not exist.`, {
      subcode: 33,
    });
  if (token.startsWith('RATE') || state.takeRateLimit('meta'))
    return graphError(400, 17, 'User request limit reached', {
      subcode: 2446079,
      transient: true,
      headers: {
        'x-business-use-case-usage': JSON.stringify({
          [pixelId]: [
            {
              type: 'ads_management',
              call_count: 100,
              total_cputime: 25,
              total_time: 25,
              estimated_time_to_regain_access: 1,
            },
          ],
        }),
      },
    });
  const data = body.data;
  if (!Array.isArray(data) || data.length === 0)
    return invalid('Missing data', 'The parameter data is required: an array of events.');
  if (data.length > MAX_EVENTS) return invalid('Too many events', 'At most 1000 events per request.');
  if (body.test_event_code !== undefined && typeof body.test_event_code !== 'string')
    return invalid('Invalid test_event_code', 'test_event_code is a string.');
  const nowS = Math.floor(now / 1000);
  for (const [i, e] of data.entries()) {
    const problem = eventProblem(e, i, nowS);
    if (problem) return problem;
  }
  for (const e of data as Record<string, unknown>[]) {
    const id = typeof e.event_id === 'string' ? e.event_id : null;
    // Meta keeps one event per event_name and event_id.
    if (id !== null && !state.firstTime('meta', `${pixelId}|${e.event_name as string}|${id}`)) continue;
    const u = e.user_data as Record<string, unknown>;
    const custom = isObject(e.custom_data) ? e.custom_data : {};
    state.received.push({
      platform: 'meta',
      at: new Date(now).toISOString(),
      account: pixelId,
      id,
      name: e.event_name as string,
      clickId: typeof u.fbc === 'string' ? u.fbc : typeof u.fbp === 'string' ? u.fbp : null,
      time: numeric(e.event_time) ?? 0,
      value: numeric(custom.value),
      currency: typeof custom.currency === 'string' ? custom.currency : null,
      raw: e,
    });
  }
  return { status: 200, json: { events_received: data.length, messages: [], fbtrace_id: trace() } };
}
