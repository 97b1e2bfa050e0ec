import type { IncomingHttpHeaders } from 'node:http';
import type { ConversionAdapter, ConversionUpload, GoogleAdsDestination, UploadResult } from './adapter';
import { googleAdsDateTime, PlatformTimeError } from './platform-time';
import { field, isRetry, postJson, retryAfterHeader, text, type PlatformEndpoints } from './platform-request';

/**
 * Google Ads offline click conversions through the REST API's
 * `customers/{customerId}:uploadClickConversions`, one conversion per request, partial failure on
 * (the API requires it): a conversion Google refuses comes back in `partialFailureError` with a 200.
 */

/** The API version the requests name; bump it when Google sunsets it (docs/conversions.md). */
export const GOOGLE_ADS_API_VERSION = 'v26';

/** The click id a Google conversion is matched by: gclid first, else the iOS-era gbraid / wbraid. */
export function googleClickId(
  clickIds: ConversionUpload['clickIds'],
): { gclid: string } | { gbraid: string } | { wbraid: string } | null {
  if (clickIds.gclid) return { gclid: clickIds.gclid };
  if (clickIds.gbraid) return { gbraid: clickIds.gbraid };
  if (clickIds.wbraid) return { wbraid: clickIds.wbraid };
  return null;
}

/**
 * The conversion action's id, given either bare or as its resource name (which must then be in the
 * destination's account); null when it is neither.
 */
export function conversionActionIdOf(given: string, customerId: string): string | null {
  const v = given.trim();
  if (/^\d+$/.test(v)) return v;
  const m = /^customers\/(\d+)\/conversionActions\/(\d+)$/.exec(v);
  return m && m[1] === customerId ? m[2] : null;
}

/** Google's ids are written with or without dashes (123-456-7890); the API takes digits only. */
const digits = (id: string | undefined) => (id ?? '').replace(/-/g, '').trim();

export function googleAdsAdapter(o: PlatformEndpoints): ConversionAdapter<GoogleAdsDestination> {
  const base = o.googleAdsBaseUrl.replace(/\/+$/, '');
  return {
    platform: 'google_ads',
    async upload(d, c) {
      const click = googleClickId(c.clickIds);
      if (!click)
        return { status: 'rejected', code: 'missing_click_id', message: 'no gclid, gbraid or wbraid' };
      const customerId = digits(d.customerId);
      const loginCustomerId = digits(d.loginCustomerId);
      if (!/^\d{10}$/.test(customerId))
        return { status: 'rejected', code: 'invalid_request', message: 'customerId must be 10 digits' };
      const actionId = conversionActionIdOf(d.conversionActionId, customerId);
      if (!actionId)
        return {
          status: 'rejected',
          code: 'invalid_request',
          message: `conversionActionId must be digits or customers/${customerId}/conversionActions/<digits>`,
        };
      // Header values must be visible ASCII; anything else would fail every attempt alike.
      if (![d.developerToken, d.accessToken].every((t) => /^[\x21-\x7e]+$/.test(t)))
        return {
          status: 'rejected',
          code: 'bad_credentials',
          message: 'the developer token and access token must be non-empty and plain ASCII',
        };
      if (loginCustomerId && !/^\d{10}$/.test(loginCustomerId))
        return { status: 'rejected', code: 'invalid_request', message: 'loginCustomerId must be 10 digits' };
      let conversionDateTime: string;
      try {
        conversionDateTime = googleAdsDateTime(c.occurredAt, c.timeZone);
      } catch (e) {
        if (e instanceof PlatformTimeError)
          return { status: 'rejected', code: 'invalid_request', message: e.message };
        throw e;
      }
      const body = {
        conversions: [
          {
            ...click,
            conversionAction: `customers/${customerId}/conversionActions/${actionId}`,
            conversionDateTime,
            ...(c.value !== null ? { conversionValue: c.value } : {}),
            currencyCode: c.currency,
            // Google's deduplication key: a retried upload of the same conversion is not counted twice.
            orderId: c.id,
          },
        ],
        partialFailure: true,
      };
      const answer = await postJson(
        `${base}/${GOOGLE_ADS_API_VERSION}/customers/${customerId}:uploadClickConversions`,
        {
          'developer-token': d.developerToken,
          authorization: `Bearer ${d.accessToken}`,
          ...(loginCustomerId ? { 'login-customer-id': loginCustomerId } : {}),
        },
        body,
        o,
      );
      if (isRetry(answer)) return answer;
      return googleAdsResult(answer.status, answer.json, answer.headers);
    },
  };
}

/** Google waits this long before a click can take conversions (TOO_RECENT_EVENT says "after 6 hours"). */
const TOO_RECENT_RETRY_SECONDS = 6 * 3600;

/** What Google's answer to one uploaded conversion means for it. */
export function googleAdsResult(status: number, json: unknown, headers: IncomingHttpHeaders): UploadResult {
  const error = field(json, 'error');
  if (status >= 200 && status < 300) {
    const failure = firstFailure(field(json, 'partialFailureError'));
    if (failure) return conversionError(failure.kind, failure.code, failure.message);
    return { status: 'accepted', detail: jobDetail(json) };
  }
  const failure = firstFailure(error);
  const rpcStatus = field(error, 'status');
  const message = failure
    ? `${failure.code}: ${failure.message}`
    : (text(field(error, 'message')) ?? `HTTP ${status}`);
  if (status === 429 || rpcStatus === 'RESOURCE_EXHAUSTED')
    return {
      status: 'retry',
      code: 'rate_limited',
      message,
      retryAfterSeconds: failure?.retryDelaySeconds ?? retryAfterHeader(headers),
    };
  if (status === 401 || status === 403) return { status: 'rejected', code: 'bad_credentials', message };
  if (status >= 500 || status === 408) return { status: 'retry', code: 'platform_error', message };
  return { status: 'rejected', code: 'invalid_request', message };
}

/** A conversion-level error (partial failure) by its ConversionUploadError code. */
function conversionError(kind: string, code: string, message: string): UploadResult {
  const text = `${code}: ${message}`;
  if (kind !== 'conversionUploadError') return { status: 'rejected', code: 'invalid_request', message: text };
  switch (code) {
    case 'UNPARSEABLE_GCLID':
    case 'EVENT_NOT_FOUND':
    case 'CLICK_NOT_FOUND':
    case 'GCLID_NOT_FOUND':
      return { status: 'rejected', code: 'invalid_click_id', message: text };
    case 'EXPIRED_EVENT':
    case 'EXPIRED_GCLID':
      return { status: 'rejected', code: 'too_old', message: text };
    case 'TOO_RECENT_EVENT':
    case 'TOO_RECENT_GCLID':
    case 'TOO_RECENT_CONVERSION_ACTION':
      return {
        status: 'retry',
        code: 'platform_error',
        message: text,
        retryAfterSeconds: TOO_RECENT_RETRY_SECONDS,
      };
    // Already recorded (an earlier attempt got through before its answer was lost): done.
    case 'CLICK_CONVERSION_ALREADY_EXISTS':
    case 'ORDER_ID_ALREADY_IN_USE':
      return { status: 'accepted', detail: `already recorded (${code})` };
    case 'UNAUTHORIZED_CUSTOMER':
      return { status: 'rejected', code: 'bad_credentials', message: text };
    default:
      return { status: 'rejected', code: 'invalid_request', message: text };
  }
}

interface Failure {
  /** The errorCode's one key, e.g. conversionUploadError, authenticationError, quotaError. */
  kind: string;
  code: string;
  message: string;
  retryDelaySeconds?: number;
}

/** The first GoogleAdsError of a google.rpc.Status (`details[].errors[]`), if it carries any. */
function firstFailure(rpcStatus: unknown): Failure | null {
  const details = field(rpcStatus, 'details');
  if (!Array.isArray(details)) return null;
  for (const d of details) {
    const errors = field(d, 'errors');
    if (!Array.isArray(errors) || errors.length === 0) continue;
    const e: unknown = errors[0];
    const errorCode = field(e, 'errorCode');
    const [kind, code] =
      errorCode && typeof errorCode === 'object' ? (Object.entries(errorCode)[0] ?? []) : [];
    const delay = field(field(field(e, 'details'), 'quotaErrorDetails'), 'retryDelay');
    const seconds = typeof delay === 'string' ? /^(\d+)(?:\.\d+)?s$/.exec(delay) : null;
    return {
      kind: typeof kind === 'string' ? kind : 'unknown',
      code: typeof code === 'string' ? code : 'UNKNOWN',
      message: text(field(e, 'message')) ?? text(field(rpcStatus, 'message')) ?? '',
      ...(seconds ? { retryDelaySeconds: Number(seconds[1]) } : {}),
    };
  }
  const message = field(rpcStatus, 'message');
  return typeof message === 'string' && message
    ? { kind: 'unknown', code: text(field(rpcStatus, 'status')) ?? 'UNKNOWN', message }
    : null;
}

function jobDetail(json: unknown): string | undefined {
  const job = field(json, 'jobId');
  return typeof job === 'string' || typeof job === 'number' ? `job ${job}` : undefined;
}
