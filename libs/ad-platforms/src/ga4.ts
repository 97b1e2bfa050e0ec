import type { IncomingHttpHeaders } from 'node:http';
import type { ConversionAdapter, Ga4Destination, UploadResult } from './adapter';
import { PlatformTimeError, unixMicros } from './platform-time';
import { isRetry, postJson, retryAfterHeader, type PlatformEndpoints } from './platform-request';

/**
 * GA4 Measurement Protocol: one event per conversion to `/mp/collect`, matched to the visitor by the
 * `_ga` cookie's client id. The collection endpoint answers 2xx even for events it drops and never
 * says why; its validation server (`/debug/mp/collect`) does, but records nothing. So this adapter
 * sends to `/mp/collect` only and checks beforehand, itself, the rules GA4 documents and would drop
 * an event for silently: a client id, an event name GA4 accepts, a timestamp at most 72 hours old.
 */

/** GA4 takes backdated events up to 72 hours old. */
export const GA4_MAX_AGE_MS = 72 * 3600 * 1000;

/** Names GA4 reserves for its own events, and the prefixes it reserves. */
const RESERVED_NAMES = new Set([
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

/**
 * A rule's conversion name as a GA4 event name: lower-case letters, digits and underscores, starting
 * with a letter, at most 40 characters ("Qualified call" → `qualified_call`). Null when nothing is
 * left or the result is a name GA4 reserves.
 */
export function ga4EventName(name: string): string | null {
  let n = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!n) return null;
  if (!/^[a-z]/.test(n)) n = `e_${n}`;
  n = n.slice(0, 40).replace(/_+$/, '');
  if (RESERVED_NAMES.has(n) || RESERVED_PREFIXES.some((p) => n.startsWith(p))) return null;
  return n;
}

export function ga4Adapter(
  o: PlatformEndpoints,
  now: () => number = Date.now,
): ConversionAdapter<Ga4Destination> {
  const base = o.ga4BaseUrl.replace(/\/+$/, '');
  return {
    platform: 'ga4',
    async upload(d, c) {
      const clientId = c.clickIds.gaClientId;
      if (!clientId) return { status: 'rejected', code: 'missing_click_id', message: 'no GA4 client id' };
      if (!/^G-[A-Z0-9]+$/i.test(d.measurementId.trim()))
        return {
          status: 'rejected',
          code: 'invalid_request',
          message: 'measurementId must look like G-XXXXXXX',
        };
      if (!d.apiSecret.trim())
        return { status: 'rejected', code: 'bad_credentials', message: 'no Measurement Protocol API secret' };
      const name = ga4EventName(c.name);
      if (!name)
        return {
          status: 'rejected',
          code: 'invalid_request',
          message: `"${c.name}" makes no GA4 event name (letters, digits, _; not a reserved name)`,
        };
      let micros: number;
      try {
        micros = unixMicros(c.occurredAt);
      } catch (e) {
        if (e instanceof PlatformTimeError)
          return { status: 'rejected', code: 'invalid_request', message: e.message };
        throw e;
      }
      if (now() - micros / 1000 > GA4_MAX_AGE_MS)
        return {
          status: 'rejected',
          code: 'too_old',
          message: 'GA4 takes events at most 72 hours old',
        };
      const body = {
        client_id: clientId,
        timestamp_micros: micros,
        events: [
          {
            name,
            params: {
              ...(c.value !== null ? { value: c.value } : {}),
              currency: c.currency,
              // GA4 deduplicates transactions by this id.
              transaction_id: c.id,
            },
          },
        ],
      };
      const query = new URLSearchParams({ measurement_id: d.measurementId.trim(), api_secret: d.apiSecret });
      const answer = await postJson(`${base}/mp/collect?${query.toString()}`, {}, body, o);
      if (isRetry(answer)) return answer;
      return ga4Result(answer.status, answer.headers);
    },
  };
}

/** What GA4's collection endpoint's status means: it says nothing more. */
export function ga4Result(status: number, headers: IncomingHttpHeaders): UploadResult {
  if (status >= 200 && status < 300)
    return { status: 'accepted', detail: 'GA4 does not confirm events: check its realtime report' };
  const message = `GA4 answered HTTP ${status}`;
  if (status === 429)
    return { status: 'retry', code: 'rate_limited', message, retryAfterSeconds: retryAfterHeader(headers) };
  if (status === 401 || status === 403) return { status: 'rejected', code: 'bad_credentials', message };
  if (status >= 500 || status === 408) return { status: 'retry', code: 'platform_error', message };
  return { status: 'rejected', code: 'invalid_request', message };
}
