import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startAdsSimulator, type AdsSimulator } from '@switchboard/ads-sim';

/**
 * The fake refuses malformed requests the way each platform documents, so it cannot drift into
 * accepting anything an adapter might send.
 */

let sim: AdsSimulator;
before(async () => {
  sim = await startAdsSimulator();
});
after(() => sim.stop());
beforeEach(() => sim.reset());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const GOOGLE = '/v26/customers/1234567890:uploadClickConversions';
const googleHeaders = { authorization: 'Bearer ya29.x', 'developer-token': 'dev' };
const goodConversion = () => ({
  gclid: 'Cj0-g',
  conversionAction: 'customers/1234567890/conversionActions/55',
  conversionDateTime: new Date(Date.now() - 3600_000).toISOString().replace('T', ' ').slice(0, 19) + '+00:00',
  conversionValue: 10,
  currencyCode: 'USD',
  orderId: 'o-1',
});
const adsErrorCode = (body: any, i = 0) => body.error?.details?.[0]?.errors?.[i]?.errorCode;
const partialCode = (body: any, i = 0) => body.partialFailureError?.details?.[0]?.errors?.[i]?.errorCode;

describe('Google Ads fake: uploadClickConversions', () => {
  it('accepts the documented shape', async () => {
    const r = await post(GOOGLE, { conversions: [goodConversion()], partialFailure: true }, googleHeaders);
    assert.equal(r.status, 200);
    assert.equal(r.body.partialFailureError, undefined);
    assert.equal(r.body.results[0].gclid, 'Cj0-g');
    assert.equal(sim.received().length, 1);
  });

  it('needs an OAuth bearer token and a developer token', async () => {
    const none = await post(
      GOOGLE,
      { conversions: [goodConversion()], partialFailure: true },
      { 'developer-token': 'd' },
    );
    assert.deepEqual([none.status, none.body.error.status], [401, 'UNAUTHENTICATED']);
    const noDev = await post(
      GOOGLE,
      { conversions: [goodConversion()], partialFailure: true },
      { authorization: 'Bearer t' },
    );
    assert.equal(noDev.status, 401);
  });

  it('refuses a customer id with dashes, and partial failure off', async () => {
    const dashes = await post(
      '/v26/customers/123-456-7890:uploadClickConversions',
      { conversions: [goodConversion()], partialFailure: true },
      googleHeaders,
    );
    assert.deepEqual(
      [dashes.status, adsErrorCode(dashes.body)],
      [400, { authenticationError: 'CLIENT_CUSTOMER_ID_INVALID' }],
    );
    const whole = await post(GOOGLE, { conversions: [goodConversion()] }, googleHeaders);
    assert.deepEqual([whole.status, whole.body.error.status], [400, 'INVALID_ARGUMENT']);
  });

  it('refuses fields it does not know (snake_case request fields, typos) as invalid JSON payload', async () => {
    const { conversionAction, ...rest } = goodConversion();
    const r = await post(
      GOOGLE,
      { conversions: [{ ...rest, conversion_action: conversionAction }], partialFailure: true },
      googleHeaders,
    );
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /Unknown name "conversion_action"/);
  });

  it('answers per-conversion errors in partialFailureError with the conversion’s index', async () => {
    const r = await post(
      GOOGLE,
      {
        conversions: [
          goodConversion(),
          { ...goodConversion(), conversionDateTime: '2026-01-01T10:00:00Z' },
          { ...goodConversion(), gclid: undefined },
          { ...goodConversion(), conversionAction: 'customers/999/conversionActions/55' },
          { ...goodConversion(), currencyCode: 'usd' },
        ],
        partialFailure: true,
      },
      googleHeaders,
    );
    assert.equal(r.status, 200);
    assert.deepEqual(partialCode(r.body, 0), { dateError: 'INVALID_FIELD_VALUES_IN_DATE_TIME' });
    assert.deepEqual(r.body.partialFailureError.details[0].errors[0].location.fieldPathElements[0], {
      fieldName: 'conversions',
      index: 1,
    });
    assert.deepEqual(partialCode(r.body, 1), { fieldError: 'REQUIRED' });
    assert.deepEqual(partialCode(r.body, 2), { conversionUploadError: 'NO_CONVERSION_ACTION_FOUND' });
    assert.deepEqual(partialCode(r.body, 3), { currencyCodeError: 'UNSUPPORTED' });
    assert.equal(r.body.results.length, 5);
    assert.deepEqual(r.body.results.slice(1), [{}, {}, {}, {}]);
    assert.equal(sim.received().length, 1);
  });
});

describe('GA4 fake: Measurement Protocol', () => {
  const MP = '/mp/collect?measurement_id=G-ABC123&api_secret=s';
  const bad = {
    events: [{ name: 'qualified call', params: { value: 5 } }],
  };

  it('the validation server names each problem, and records nothing', async () => {
    const r = await post(`/debug${MP}`, bad);
    assert.equal(r.status, 200);
    const codes = r.body.validationMessages.map((m: any) => `${m.fieldPath}:${m.validationCode}`);
    assert.deepEqual(codes.sort(), [
      'client_id:VALUE_REQUIRED',
      'events[0].name:NAME_INVALID',
      'events[0].params.currency:VALUE_REQUIRED',
    ]);
    const ok = await post(`/debug${MP}`, {
      client_id: '1.2',
      events: [{ name: 'lead', params: { value: 5, currency: 'USD' } }],
    });
    assert.deepEqual(ok.body.validationMessages, []);
    assert.equal(sim.received().length, 0);
  });

  it('collection answers 2xx whatever it gets, and drops the malformed event', async () => {
    const r = await post(MP, bad);
    assert.equal(r.status, 204);
    assert.equal(sim.received().length, 0);
    assert.equal(sim.dropped().length, 1);
    const old = await post(MP, {
      client_id: '1.2',
      timestamp_micros: (Date.now() - 73 * 3600_000) * 1000,
      events: [{ name: 'lead' }],
    });
    assert.equal(old.status, 204);
    assert.match(sim.dropped()[1].reasons.join(), /timestamp_micros: VALUE_OUT_OF_BOUNDS/);
    assert.equal(sim.received().length, 0);
  });
});

describe('Meta fake: Conversions API', () => {
  const EVENTS = '/v24.0/1234567890/events?access_token=EAAB';
  const event = (o: Record<string, unknown> = {}) => ({
    event_name: 'Lead',
    event_time: Math.floor(Date.now() / 1000) - 60,
    action_source: 'phone_call',
    user_data: { ph: ['a'.repeat(64)] },
    ...o,
  });

  it('accepts the documented shape', async () => {
    const r = await post(EVENTS, { data: [event()] });
    assert.deepEqual([r.status, r.body.events_received], [200, 1]);
  });

  it('needs an access token', async () => {
    const r = await post('/v24.0/1234567890/events', { data: [event()] });
    assert.deepEqual([r.status, r.body.error.code], [400, 104]);
  });

  it('refuses the whole batch for one malformed event, with a Graph API error', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [event({ event_time: Date.now() }), /Future/],
      [event({ user_data: { em: ['Lead@Example.com'] } }), /Unhashed em/],
      [event({ action_source: 'website' }), /event_source_url/],
      [event({ action_source: 'telephone' }), /action_source/],
      [event({ user_data: { fbc: 'IwAR-raw-fbclid' } }), /Invalid fbc/],
      [event({ user_data: {} }), /customer information/],
    ];
    for (const [e, title] of cases) {
      const r = await post(EVENTS, { data: [event(), e] });
      assert.equal(r.status, 400, JSON.stringify(e));
      assert.equal(r.body.error.code, 100);
      assert.equal(r.body.error.type, 'OAuthException');
      assert.match(r.body.error.error_user_title, title);
      assert.equal(typeof r.body.error.fbtrace_id, 'string');
    }
    const missing = await post(EVENTS, { events: [event()] });
    assert.equal(missing.body.error.code, 100);
    assert.equal(sim.received().length, 0);
  });
});

describe('control API', () => {
  it('switches a platform to rate limited for the next requests', async () => {
    const on = await post('/sim/rate-limit', { platform: 'meta', count: 1 });
    assert.equal(on.status, 204);
    const bad = await post('/sim/rate-limit', { platform: 'bing' });
    assert.equal(bad.status, 400);
    const r = await post('/v24.0/1/events?access_token=t', { data: [] });
    assert.deepEqual([r.status, r.body.error.code], [400, 17]);
  });
});
