import type { IncomingHttpHeaders } from 'node:http';
import type { ConversionAdapter, MetaDestination, UploadResult } from './adapter';
import { PlatformTimeError, unixSeconds } from './platform-time';
import { field, isRetry, postJson, retryAfterHeader, text, type PlatformEndpoints } from './platform-request';
import { hashedEmail, hashedPhone, metaFbc } from './user-data';

/**
 * Meta Conversions API: one server event per conversion to `/{pixelId}/events`, matched by the click
 * (`fbc`, from the `_fbc` cookie or the URL's fbclid; `fbp`, the browser id) and by the lead's
 * phone and email, normalised and SHA-256 hashed. Meta deduplicates by `event_id` (the conversion id).
 */

/** The Graph API version the requests name; bump it when Meta retires it (docs/conversions.md). */
export const META_GRAPH_API_VERSION = 'v24.0';

export function metaAdapter(o: PlatformEndpoints): ConversionAdapter<MetaDestination> {
  const base = o.metaBaseUrl.replace(/\/+$/, '');
  return {
    platform: 'meta',
    async upload(d, c) {
      if (!/^\d+$/.test(d.pixelId.trim()))
        return { status: 'rejected', code: 'invalid_request', message: 'pixelId must be digits' };
      if (!d.accessToken.trim())
        return { status: 'rejected', code: 'bad_credentials', message: 'no Conversions API access token' };
      let eventTime: number;
      try {
        eventTime = unixSeconds(c.occurredAt);
      } catch (e) {
        if (e instanceof PlatformTimeError)
          return { status: 'rejected', code: 'invalid_request', message: e.message };
        throw e;
      }
      const fbc = metaFbc(c.clickIds, Date.parse(c.occurredAt));
      const ph = hashedPhone(c.phone);
      const em = hashedEmail(c.email);
      const userData = {
        ...(fbc ? { fbc } : {}),
        ...(c.clickIds.fbp ? { fbp: c.clickIds.fbp } : {}),
        ...(ph ? { ph: [ph] } : {}),
        ...(em ? { em: [em] } : {}),
      };
      if (Object.keys(userData).length === 0)
        return {
          status: 'rejected',
          code: 'missing_click_id',
          message: 'nothing Meta can match: no fbclid, _fbc, _fbp, phone or email',
        };
      const body = {
        data: [
          {
            event_name: c.name,
            event_time: eventTime,
            event_id: c.id,
            // A lead that came through a page is a website event (Meta then wants the page); a call
            // with no page behind it is what Meta calls a phone call.
            action_source: c.pageUrl ? 'website' : 'phone_call',
            ...(c.pageUrl ? { event_source_url: c.pageUrl } : {}),
            user_data: userData,
            custom_data: { ...(c.value !== null ? { value: c.value } : {}), currency: c.currency },
          },
        ],
        ...(d.testEventCode ? { test_event_code: d.testEventCode } : {}),
      };
      const query = new URLSearchParams({ access_token: d.accessToken });
      const answer = await postJson(
        `${base}/${META_GRAPH_API_VERSION}/${d.pixelId.trim()}/events?${query.toString()}`,
        {},
        body,
        o,
      );
      if (isRetry(answer)) return answer;
      return metaResult(answer.status, answer.json, answer.headers);
    },
  };
}

/** Graph API error codes that mean "slow down": app, user, page, ads-management and BUC limits. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80004]);
/** Error codes about the token or its permissions. */
const CREDENTIAL_CODES = new Set([102, 190, 10]);
/** Code 100's subcode for an event_time too far in the past (older than 7 days). */
const TOO_OLD_SUBCODES = new Set([2804003]);

/** What Meta's answer means for the one event sent. */
export function metaResult(status: number, json: unknown, headers: IncomingHttpHeaders): UploadResult {
  const error = field(json, 'error');
  if (status >= 200 && status < 300 && error === undefined) {
    const received = field(json, 'events_received');
    const trace = field(json, 'fbtrace_id');
    return {
      status: 'accepted',
      detail: `events_received ${text(received) ?? '?'}${typeof trace === 'string' ? `, fbtrace_id ${trace}` : ''}`,
    };
  }
  const code = Number(field(error, 'code'));
  const subcode = Number(field(error, 'error_subcode'));
  const texts = ['message', 'error_user_title', 'error_user_msg']
    .map((k) => field(error, k))
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const trace = field(error, 'fbtrace_id');
  const message =
    `${Number.isFinite(code) ? `code ${code}` : `HTTP ${status}`}${Number.isFinite(subcode) ? `/${subcode}` : ''}: ` +
    `${texts.join(' — ') || 'no message'}${typeof trace === 'string' ? ` (fbtrace_id ${trace})` : ''}`;
  const said = texts.join(' ');
  if (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014) || status === 429)
    return {
      status: 'retry',
      code: 'rate_limited',
      message,
      retryAfterSeconds: regainAccessSeconds(headers),
    };
  if (CREDENTIAL_CODES.has(code) || (code >= 200 && code <= 299))
    return { status: 'rejected', code: 'bad_credentials', message };
  if (code === 100 && (TOO_OLD_SUBCODES.has(subcode) || /too old|too far in the past/i.test(said)))
    return { status: 'rejected', code: 'too_old', message };
  if (code === 100 && /\bfb[cp]\b/i.test(said))
    return { status: 'rejected', code: 'invalid_click_id', message };
  if (code === 1 || code === 2 || field(error, 'is_transient') === true || status >= 500)
    return { status: 'retry', code: 'platform_error', message };
  if (!Number.isFinite(code) && (status === 401 || status === 403))
    return { status: 'rejected', code: 'bad_credentials', message };
  return { status: 'rejected', code: 'invalid_request', message };
}

/**
 * When a rate-limited app may call again: the usage headers' `estimated_time_to_regain_access`
 * (minutes), else HTTP's Retry-After, else unknown.
 */
function regainAccessSeconds(headers: IncomingHttpHeaders): number | undefined {
  for (const name of ['x-business-use-case-usage', 'x-ad-account-usage', 'x-app-usage']) {
    const raw = headers[name];
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (!text) continue;
    const m = /"estimated_time_to_regain_access"\s*:\s*(\d+)/.exec(text);
    if (m && Number(m[1]) > 0) return Number(m[1]) * 60;
  }
  return retryAfterHeader(headers);
}
