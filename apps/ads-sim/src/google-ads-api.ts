import { randomBytes } from 'node:crypto';
import type { SimState } from './sim-state';
import { header, isObject, jsonObject, numeric, type Reply, type SimRequest } from './sim-http';

/**
 * Google Ads API `POST /v{N}/customers/{customerId}:uploadClickConversions` (REST, JSON): the
 * request checked the way the API documents it, whole-request errors as a google.rpc.Status with a
 * GoogleAdsFailure in its details, per-conversion errors in `partialFailureError` beside a 200.
 *
 * Rules that provoke Google's documented errors:
 * - gclid (or gbraid / wbraid) starting `INVALID` → UNPARSEABLE_GCLID; `NOTFOUND` → EVENT_NOT_FOUND;
 *   `TOOOLD` → EXPIRED_EVENT; `RECENT` → TOO_RECENT_EVENT;
 * - a conversion time more than 90 days ago → EXPIRED_EVENT (the longest click-through window);
 * - the same click, action and time again → CLICK_CONVERSION_ALREADY_EXISTS;
 * - access token starting `BAD` → 401 OAUTH_TOKEN_INVALID; `RATE` (or `rateLimitNext`) → 429
 *   RESOURCE_EXHAUSTED with a retryDelay.
 */

export const GOOGLE_ADS_PATH = /^\/(v\d+)\/customers\/([^/:]+):uploadClickConversions$/;

const MAX_CONVERSIONS = 2000;
const CLICK_THROUGH_WINDOW_MS = 90 * 24 * 3600 * 1000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
const CONVERSION_ACTION = /^customers\/(\d+)\/conversionActions\/(\d+)$/;
const REQUEST_FIELDS = new Set(['conversions', 'partialFailure', 'validateOnly', 'debugEnabled', 'jobId']);
const CONVERSION_FIELDS = new Set([
  'gclid',
  'gbraid',
  'wbraid',
  'conversionAction',
  'conversionDateTime',
  'conversionValue',
  'currencyCode',
  'orderId',
  'externalAttributionData',
  'customVariables',
  'cartData',
  'userIdentifiers',
  'conversionEnvironment',
  'consent',
  'userIpAddress',
  'sessionAttributesEncoded',
  'sessionAttributesKeyValuePairs',
]);

interface AdsError {
  errorCode: Record<string, string>;
  message: string;
  location?: { fieldPathElements: { fieldName: string; index?: number }[] };
  details?: unknown;
}

const requestId = () => randomBytes(11).toString('base64url');

function failure(version: string, errors: AdsError[]) {
  return {
    '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`,
    errors,
    requestId: requestId(),
  };
}

/** A whole-request error: google.rpc.Status, with a GoogleAdsFailure when Google Ads itself refused. */
function rpcError(
  status: number,
  rpcStatus: string,
  message: string,
  version: string,
  errors: AdsError[] = [],
): Reply {
  return {
    status,
    json: {
      error: {
        code: status,
        message,
        status: rpcStatus,
        ...(errors.length ? { details: [failure(version, errors)] } : {}),
      },
    },
  };
}

const invalidArgument = (version: string, errors: AdsError[]) =>
  rpcError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', version, errors);

/** Parses the API's `yyyy-mm-dd hh:mm:ss+hh:mm` into an instant; null when it is not that. */
export function parseGoogleDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const check = new Date(local);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59)
    return null;
  if (+oh > 14 || +om > 59) return null;
  return local - (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000;
}

export function uploadClickConversions(
  req: SimRequest,
  version: string,
  customerId: string,
  state: SimState,
  now: number,
): Reply {
  if (req.method !== 'POST') return rpcError(405, 'UNIMPLEMENTED', 'Method not allowed.', version);
  const auth = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
  if (!auth)
    return rpcError(
      401,
      'UNAUTHENTICATED',
      'Request is missing required authentication credential. Expected OAuth 2 access token.',
      version,
    );
  const token = auth[1];
  if (token.startsWith('BAD'))
    return rpcError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.', version, [
      {
        errorCode: { authenticationError: 'OAUTH_TOKEN_INVALID' },
        message: 'OAuth token in the header is not valid.',
      },
    ]);
  if (!header(req, 'developer-token'))
    return rpcError(401, 'UNAUTHENTICATED', 'The caller does not have permission.', version, [
      {
        errorCode: { authenticationError: 'AUTHENTICATION_ERROR' },
        message: 'The developer-token header is missing.',
      },
    ]);
  const login = header(req, 'login-customer-id');
  if (!/^\d{10}$/.test(customerId) || (login !== undefined && !/^\d{10}$/.test(login)))
    return invalidArgument(version, [
      {
        errorCode: { authenticationError: 'CLIENT_CUSTOMER_ID_INVALID' },
        message: 'Customer ids are 10 digits, without dashes.',
      },
    ]);
  if (token.startsWith('RATE') || state.takeRateLimit('google_ads'))
    return rpcError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', version, [
      {
        errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
        message: 'Too many requests. Retry in 30 seconds.',
        details: {
          quotaErrorDetails: { rateScope: 'DEVELOPER', rateName: 'Number of operations', retryDelay: '30s' },
        },
      },
    ]);
  if (!/^application\/json\b/i.test(header(req, 'content-type') ?? ''))
    return rpcError(
      400,
      'INVALID_ARGUMENT',
      'Invalid JSON payload received: expected application/json.',
      version,
    );
  const parsed = jsonObject(req.body);
  if (!parsed.ok)
    return rpcError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. ${parsed.why}`, version);
  const body = parsed.value;
  const unknown = Object.keys(body).find((k) => !REQUEST_FIELDS.has(k));
  if (unknown)
    return rpcError(
      400,
      'INVALID_ARGUMENT',
      `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`,
      version,
    );
  const conversions = body.conversions;
  if (!Array.isArray(conversions) || conversions.length === 0)
    return invalidArgument(version, [
      {
        errorCode: { fieldError: 'REQUIRED' },
        message: 'The required field was not present.',
        location: { fieldPathElements: [{ fieldName: 'conversions' }] },
      },
    ]);
  if (conversions.length > MAX_CONVERSIONS)
    return invalidArgument(version, [
      {
        errorCode: { conversionUploadError: 'TOO_MANY_CONVERSIONS_IN_REQUEST' },
        message: 'Upload fewer than 2001 events in a single request.',
      },
    ]);
  if (body.partialFailure !== true)
    return invalidArgument(version, [
      {
        errorCode: { requestError: 'REQUIRED_FIELD_MISSING' },
        message: 'partial_failure must be true for uploadClickConversions.',
        location: { fieldPathElements: [{ fieldName: 'partial_failure' }] },
      },
    ]);
  for (const [i, c] of conversions.entries()) {
    const extra = isObject(c) ? Object.keys(c).find((k) => !CONVERSION_FIELDS.has(k)) : undefined;
    if (!isObject(c) || extra)
      return rpcError(
        400,
        'INVALID_ARGUMENT',
        `Invalid JSON payload received. ${extra ? `Unknown name "${extra}" at 'conversions[${i}]'` : `'conversions[${i}]' is not an object`}: Cannot find field.`,
        version,
      );
  }

  const validateOnly = body.validateOnly === true;
  const errors: AdsError[] = [];
  const results: Record<string, unknown>[] = [];
  for (const [i, c] of (conversions as Record<string, unknown>[]).entries()) {
    const fail = (field: string, errorCode: Record<string, string>, message: string) => {
      errors.push({
        errorCode,
        message,
        location: { fieldPathElements: [{ fieldName: 'conversions', index: i }, { fieldName: field }] },
      });
      results.push({});
    };
    const ids = (['gclid', 'gbraid', 'wbraid'] as const).filter(
      (k) => typeof c[k] === 'string' && c[k] !== '',
    );
    if (ids.length === 0 && c.userIdentifiers === undefined) {
      fail('gclid', { fieldError: 'REQUIRED' }, 'A gclid, gbraid, wbraid or user identifier is required.');
      continue;
    }
    if (ids.length > 1) {
      fail(ids[1], { fieldError: 'INVALID_VALUE' }, 'Set only one of gclid, gbraid and wbraid.');
      continue;
    }
    const action = typeof c.conversionAction === 'string' ? CONVERSION_ACTION.exec(c.conversionAction) : null;
    if (!action) {
      fail(
        'conversion_action',
        { requestError: 'RESOURCE_NAME_MALFORMED' },
        'The resource name is malformed.',
      );
      continue;
    }
    if (action[1] !== customerId) {
      fail(
        'conversion_action',
        { conversionUploadError: 'NO_CONVERSION_ACTION_FOUND' },
        'The conversion action is not in this account.',
      );
      continue;
    }
    const at = typeof c.conversionDateTime === 'string' ? parseGoogleDateTime(c.conversionDateTime) : null;
    if (at === null) {
      fail(
        'conversion_date_time',
        { dateError: 'INVALID_FIELD_VALUES_IN_DATE_TIME' },
        'Expected "yyyy-mm-dd hh:mm:ss+|-hh:mm".',
      );
      continue;
    }
    if (
      c.currencyCode !== undefined &&
      !(typeof c.currencyCode === 'string' && /^[A-Z]{3}$/.test(c.currencyCode))
    ) {
      fail('currency_code', { currencyCodeError: 'UNSUPPORTED' }, 'The currency code is not supported.');
      continue;
    }
    if (c.conversionValue !== undefined && numeric(c.conversionValue) === null) {
      fail('conversion_value', { fieldError: 'INVALID_VALUE' }, 'The conversion value is not a number.');
      continue;
    }
    const clickField = ids[0] ?? 'gclid';
    const clickId = ids.length ? (c[clickField] as string) : null;
    const byRule =
      clickId === null
        ? null
        : clickId.startsWith('INVALID')
          ? (['UNPARSEABLE_GCLID', 'The imported gclid could not be decoded.'] as const)
          : clickId.startsWith('NOTFOUND')
            ? (['EVENT_NOT_FOUND', 'The imported event could not be attributed to a click.'] as const)
            : clickId.startsWith('TOOOLD')
              ? ([
                  'EXPIRED_EVENT',
                  "The click occurred before this conversion's click-through window.",
                ] as const)
              : clickId.startsWith('RECENT')
                ? ([
                    'TOO_RECENT_EVENT',
                    'The click occurred less than 6 hours ago. Retry after 6 hours.',
                  ] as const)
                : null;
    if (byRule) {
      fail(clickField, { conversionUploadError: byRule[0] }, byRule[1]);
      continue;
    }
    if (now - at > CLICK_THROUGH_WINDOW_MS) {
      fail(
        'conversion_date_time',
        { conversionUploadError: 'EXPIRED_EVENT' },
        "The click occurred before this conversion's click-through window.",
      );
      continue;
    }
    const key = `${customerId}|${c.conversionAction as string}|${clickId ?? ''}|${c.conversionDateTime as string}`;
    if (!validateOnly && !state.firstTime('google_ads', key)) {
      fail(
        'conversion_date_time',
        { conversionUploadError: 'CLICK_CONVERSION_ALREADY_EXISTS' },
        'The imported event has the same click and conversion_date_time as an existing conversion.',
      );
      continue;
    }
    if (validateOnly) continue;
    state.received.push({
      platform: 'google_ads',
      at: new Date(now).toISOString(),
      account: customerId,
      id: typeof c.orderId === 'string' ? c.orderId : null,
      name: c.conversionAction as string,
      clickId,
      time: c.conversionDateTime as string,
      value: numeric(c.conversionValue),
      currency: typeof c.currencyCode === 'string' ? c.currencyCode : null,
      raw: c,
    });
    results.push({
      ...(clickId ? { [clickField]: clickId } : {}),
      conversionAction: c.conversionAction,
      conversionDateTime: c.conversionDateTime,
    });
  }
  return {
    status: 200,
    json: {
      ...(errors.length
        ? {
            partialFailureError: {
              code: 3,
              message: errors.map((e) => e.message).join(', '),
              details: [failure(version, errors)],
            },
          }
        : {}),
      ...(validateOnly ? {} : { results }),
      jobId: String(Math.floor(now / 1000)),
    },
  };
}
