import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ga4EventName, ga4Result } from '../ga4';
import { conversionActionIdOf, googleAdsResult } from '../google-ads';
import { metaResult } from '../meta';

const adsFailure = (errorCode: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  details: [
    {
      '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
      errors: [{ errorCode, message: 'from Google', ...extra }],
    },
  ],
});
const partial = (errorCode: Record<string, string>) =>
  googleAdsResult(200, { results: [{}], partialFailureError: { code: 3, ...adsFailure(errorCode) } }, {});

describe('Google Ads conversion action', () => {
  it('takes the bare id or the resource name of the same account', () => {
    assert.equal(conversionActionIdOf(' 987654 ', '1234567890'), '987654');
    assert.equal(
      conversionActionIdOf('customers/1234567890/conversionActions/987654', '1234567890'),
      '987654',
    );
    assert.equal(conversionActionIdOf('customers/1111111111/conversionActions/987654', '1234567890'), null);
    assert.equal(conversionActionIdOf('Qualified call', '1234567890'), null);
  });
});

describe('Google Ads answers', () => {
  it('accepts a conversion with a result and no partial failure', () => {
    assert.deepEqual(googleAdsResult(200, { results: [{ gclid: 'g' }], jobId: '42' }, {}), {
      status: 'accepted',
      detail: 'job 42',
    });
  });

  it('reads per-conversion errors from partialFailureError', () => {
    const code = (c: string) => {
      const r = partial({ conversionUploadError: c });
      return r.status === 'accepted' ? 'accepted' : `${r.status}:${r.code}`;
    };
    assert.equal(code('UNPARSEABLE_GCLID'), 'rejected:invalid_click_id');
    assert.equal(code('EVENT_NOT_FOUND'), 'rejected:invalid_click_id');
    assert.equal(code('EXPIRED_EVENT'), 'rejected:too_old');
    assert.equal(code('TOO_RECENT_EVENT'), 'retry:platform_error');
    assert.equal(code('CLICK_CONVERSION_ALREADY_EXISTS'), 'accepted');
    assert.equal(code('UNAUTHORIZED_CUSTOMER'), 'rejected:bad_credentials');
    assert.equal(code('INVALID_CONVERSION_ACTION_TYPE'), 'rejected:invalid_request');
    const date = partial({ dateError: 'INVALID_FIELD_VALUES_IN_DATE_TIME' });
    assert.equal(date.status === 'rejected' && date.code, 'invalid_request');
    assert.match(date.status === 'rejected' ? date.message : '', /INVALID_FIELD_VALUES_IN_DATE_TIME/);
  });

  it('retries quota errors after Google’s retryDelay, and server errors', () => {
    const quota = googleAdsResult(
      429,
      {
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          ...adsFailure(
            { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
            { details: { quotaErrorDetails: { retryDelay: '30s' } } },
          ),
        },
      },
      {},
    );
    assert.deepEqual(
      { ...quota, message: undefined },
      { status: 'retry', code: 'rate_limited', retryAfterSeconds: 30, message: undefined },
    );
    assert.equal(googleAdsResult(503, { error: { code: 503, message: 'busy' } }, {}).status, 'retry');
    assert.equal(googleAdsResult(502, null, {}).status, 'retry');
  });

  it('gives up on refused credentials and malformed requests', () => {
    const auth = googleAdsResult(
      401,
      { error: { code: 401, ...adsFailure({ authenticationError: 'OAUTH_TOKEN_INVALID' }) } },
      {},
    );
    assert.equal(auth.status === 'rejected' && auth.code, 'bad_credentials');
    assert.equal(googleAdsResult(403, { error: { code: 403 } }, {}).status, 'rejected');
    const bad = googleAdsResult(400, { error: { code: 400, message: 'Invalid JSON payload received.' } }, {});
    assert.equal(bad.status === 'rejected' && bad.code, 'invalid_request');
  });
});

describe('Meta answers', () => {
  const err = (error: Record<string, unknown>, status = 400, headers = {}) =>
    metaResult(status, { error }, headers);

  it('accepts events_received', () => {
    assert.equal(metaResult(200, { events_received: 1, fbtrace_id: 'T' }, {}).status, 'accepted');
  });

  it('maps Graph API error codes', () => {
    const code = (r: ReturnType<typeof metaResult>) =>
      r.status === 'accepted' ? 'accepted' : `${r.status}:${r.code}`;
    assert.equal(code(err({ code: 190, message: 'Invalid OAuth access token' })), 'rejected:bad_credentials');
    for (const c of [4, 17, 32, 613, 80004])
      assert.equal(code(err({ code: c })), 'retry:rate_limited', String(c));
    assert.equal(
      code(err({ code: 100, error_subcode: 2804003, message: 'Invalid parameter' })),
      'rejected:too_old',
    );
    assert.equal(
      code(err({ code: 100, message: 'Invalid parameter', error_user_title: 'Invalid fbc' })),
      'rejected:invalid_click_id',
    );
    assert.equal(code(err({ code: 100, message: 'Invalid parameter' })), 'rejected:invalid_request');
    assert.equal(
      code(err({ code: 2, message: 'Service temporarily unavailable' }, 500)),
      'retry:platform_error',
    );
    assert.equal(code(metaResult(503, null, {})), 'retry:platform_error');
  });

  it('waits for the usage header’s estimated_time_to_regain_access (minutes)', () => {
    const r = err({ code: 17 }, 400, {
      'x-business-use-case-usage': '{"1":[{"type":"ads_management","estimated_time_to_regain_access":3}]}',
    });
    assert.equal(r.status === 'retry' && r.retryAfterSeconds, 180);
  });
});

describe('GA4 answers and event names', () => {
  it('can only tell accepted from HTTP errors', () => {
    assert.equal(ga4Result(204, {}).status, 'accepted');
    const limited = ga4Result(429, { 'retry-after': '30' });
    assert.equal(limited.status === 'retry' && limited.retryAfterSeconds, 30);
    assert.equal(ga4Result(500, {}).status, 'retry');
    assert.equal(ga4Result(400, {}).status, 'rejected');
  });

  it('turns a rule’s name into an event name GA4 accepts, or none', () => {
    assert.equal(ga4EventName('Qualified call'), 'qualified_call');
    assert.equal(ga4EventName('  Lead — Form (Contact) '), 'lead_form_contact');
    assert.equal(ga4EventName('60s+ call'), 'e_60s_call');
    assert.equal(ga4EventName('Réservation'), 'reservation');
    assert.equal(ga4EventName('x'.repeat(50))?.length, 40);
    assert.equal(ga4EventName('Session start'), null);
    assert.equal(ga4EventName('Google Lead'), null);
    assert.equal(ga4EventName('!!!'), null);
  });
});
