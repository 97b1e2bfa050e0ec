import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startAdsSimulator, type AdsSimulator } from '@switchboard/ads-sim';
import {
  createConversionAdapters,
  type ConversionAdapters,
  type ConversionUpload,
  type Ga4Destination,
  type GoogleAdsDestination,
  type MetaDestination,
} from '@switchboard/ad-platforms';

/**
 * Each adapter against the local fake of its platform: what a delivery log would show for an
 * accepted conversion, each documented refusal, a rate limit, and a lead with nothing to match.
 */

let sim: AdsSimulator;
let adapters: ConversionAdapters;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

const conversion = (o: Partial<ConversionUpload> = {}): ConversionUpload => ({
  id: 'conv-1',
  name: 'Qualified call',
  value: 150,
  currency: 'USD',
  occurredAt: hoursAgo(2),
  timeZone: 'America/New_York',
  clickIds: { gclid: 'Cj0KCQjw-gclid', gaClientId: '1234567890.1700000000', fbclid: 'IwAR-fbclid' },
  phone: '+13125550100',
  email: 'Lead@Example.com',
  pageUrl: null,
  ...o,
});

const google: GoogleAdsDestination = {
  platform: 'google_ads',
  customerId: '123-456-7890',
  conversionActionId: '987654',
  developerToken: 'dev-token',
  accessToken: 'ya29.token',
  loginCustomerId: '1112223333',
};
const ga4: Ga4Destination = { platform: 'ga4', measurementId: 'G-ABC123', apiSecret: 'secret' };
const meta: MetaDestination = { platform: 'meta', pixelId: '1234567890', accessToken: 'EAAB-token' };

before(async () => {
  sim = await startAdsSimulator();
  adapters = createConversionAdapters({
    googleAdsBaseUrl: sim.url,
    ga4BaseUrl: sim.url,
    metaBaseUrl: sim.url,
    allowPrivateNetworks: true,
    timeoutMs: 5000,
  });
});
after(() => sim.stop());
beforeEach(() => sim.reset());

describe('Google Ads adapter against the fake', () => {
  it('uploads a click conversion the platform accepts, in the account’s time with offset', async () => {
    const c = conversion({ occurredAt: '2026-11-20T15:04:05Z' });
    const fixedSim = await startAdsSimulator({ now: () => Date.parse('2026-11-21T00:00:00Z') });
    try {
      const a = createConversionAdapters({
        googleAdsBaseUrl: fixedSim.url,
        ga4BaseUrl: fixedSim.url,
        metaBaseUrl: fixedSim.url,
        allowPrivateNetworks: true,
      });
      const r = await a.google_ads.upload(google, c);
      assert.equal(r.status, 'accepted', JSON.stringify(r));
      const [got] = fixedSim.received();
      assert.deepEqual(
        { ...got, at: undefined, raw: undefined },
        {
          platform: 'google_ads',
          at: undefined,
          account: '1234567890',
          id: 'conv-1',
          name: 'customers/1234567890/conversionActions/987654',
          clickId: 'Cj0KCQjw-gclid',
          time: '2026-11-20 10:04:05-05:00',
          value: 150,
          currency: 'USD',
          raw: undefined,
        },
      );
    } finally {
      await fixedSim.stop();
    }
  });

  it('counts a retried upload once: the platform’s "already exists" is a success', async () => {
    const c = conversion();
    assert.equal((await adapters.google_ads.upload(google, c)).status, 'accepted');
    const again = await adapters.google_ads.upload(google, c);
    assert.equal(again.status, 'accepted');
    assert.match(again.status === 'accepted' ? (again.detail ?? '') : '', /already recorded/);
    assert.equal(sim.received().length, 1);
  });

  it('uses gbraid when there is no gclid', async () => {
    const r = await adapters.google_ads.upload(google, conversion({ clickIds: { gbraid: 'gb-1' } }));
    assert.equal(r.status, 'accepted');
    assert.equal(sim.received()[0].clickId, 'gb-1');
  });

  it('reports an invalid click id, a too-old click and a too-old conversion as rejected', async () => {
    const invalid = await adapters.google_ads.upload(
      google,
      conversion({ clickIds: { gclid: 'INVALID-x' } }),
    );
    assert.equal(invalid.status === 'rejected' && invalid.code, 'invalid_click_id');
    assert.match(invalid.status === 'rejected' ? invalid.message : '', /UNPARSEABLE_GCLID/);
    const old = await adapters.google_ads.upload(google, conversion({ clickIds: { gclid: 'TOOOLD-x' } }));
    assert.equal(old.status === 'rejected' && old.code, 'too_old');
    const late = await adapters.google_ads.upload(google, conversion({ occurredAt: hoursAgo(91 * 24) }));
    assert.equal(late.status === 'rejected' && late.code, 'too_old');
    assert.equal(sim.received().length, 0);
  });

  it('retries when rate limited, after the delay Google gives', async () => {
    sim.rateLimitNext('google_ads', 1);
    const r = await adapters.google_ads.upload(google, conversion());
    assert.deepEqual(r.status === 'retry' && [r.code, r.retryAfterSeconds], ['rate_limited', 30]);
    assert.equal((await adapters.google_ads.upload(google, conversion())).status, 'accepted');
  });

  it('rejects bad credentials', async () => {
    const r = await adapters.google_ads.upload({ ...google, accessToken: 'BAD-token' }, conversion());
    assert.equal(r.status === 'rejected' && r.code, 'bad_credentials');
    const unsendable = await adapters.google_ads.upload({ ...google, accessToken: 'tok\nen' }, conversion());
    assert.equal(unsendable.status === 'rejected' && unsendable.code, 'bad_credentials');
  });

  it('sends nothing for a lead without gclid, gbraid or wbraid', async () => {
    const r = await adapters.google_ads.upload(google, conversion({ clickIds: { fbclid: 'f' } }));
    assert.equal(r.status === 'rejected' && r.code, 'missing_click_id');
    const res = (await (await fetch(`${sim.url}/sim/received`)).json()) as { requests: number };
    assert.equal(res.requests, 0, 'no request reached the platform');
  });
});

describe('GA4 adapter against the fake', () => {
  it('sends an event GA4 keeps: client id, micros, value, currency, transaction id', async () => {
    const c = conversion();
    const r = await adapters.ga4.upload(ga4, c);
    assert.equal(r.status, 'accepted');
    const [got] = sim.received();
    assert.equal(sim.dropped().length, 0);
    assert.deepEqual(
      [got.platform, got.account, got.name, got.clickId, got.id, got.value, got.currency, got.time],
      [
        'ga4',
        'G-ABC123',
        'qualified_call',
        '1234567890.1700000000',
        'conv-1',
        150,
        'USD',
        Date.parse(c.occurredAt) * 1000,
      ],
    );
  });

  it('refuses events GA4 would drop silently, without sending them', async () => {
    const old = await adapters.ga4.upload(ga4, conversion({ occurredAt: hoursAgo(73) }));
    assert.equal(old.status === 'rejected' && old.code, 'too_old');
    const none = await adapters.ga4.upload(ga4, conversion({ clickIds: { gclid: 'g' } }));
    assert.equal(none.status === 'rejected' && none.code, 'missing_click_id');
    assert.equal(sim.requests(), 0, 'no request reached the platform');
  });

  it('retries a 429 after its Retry-After', async () => {
    sim.rateLimitNext('ga4', 1);
    const r = await adapters.ga4.upload(ga4, conversion());
    assert.deepEqual(r.status === 'retry' && [r.code, r.retryAfterSeconds], ['rate_limited', 30]);
  });
});

describe('Meta adapter against the fake', () => {
  it('sends a hashed, deduplicable event Meta accepts', async () => {
    const c = conversion({ pageUrl: 'https://example.com/pricing?fbclid=IwAR-fbclid' });
    const r = await adapters.meta.upload({ ...meta, testEventCode: 'TEST123' }, c);
    assert.equal(r.status, 'accepted', JSON.stringify(r));
    const [got] = sim.received();
    const raw = got.raw as Record<string, any>;
    assert.equal(got.clickId, `fb.1.${Date.parse(c.occurredAt)}.IwAR-fbclid`);
    assert.equal(got.time, Math.floor(Date.parse(c.occurredAt) / 1000));
    assert.equal(raw.action_source, 'website');
    assert.equal(raw.event_source_url, c.pageUrl);
    assert.match(raw.user_data.ph[0], /^[a-f0-9]{64}$/);
    assert.match(raw.user_data.em[0], /^[a-f0-9]{64}$/);
    assert.equal(JSON.stringify(raw).includes('5550100'), false, 'the phone never leaves in the clear');
    assert.equal((await adapters.meta.upload(meta, c)).status, 'accepted');
    assert.equal(sim.received().length, 1, 'Meta keeps one event per event_id');
  });

  it('reports an invalid click id and a too-old event', async () => {
    const bad = await adapters.meta.upload(meta, conversion({ clickIds: { fbclid: 'INVALID-f' } }));
    assert.equal(bad.status === 'rejected' && bad.code, 'invalid_click_id');
    const old = await adapters.meta.upload(meta, conversion({ occurredAt: hoursAgo(8 * 24) }));
    assert.equal(old.status === 'rejected' && old.code, 'too_old');
    assert.match(old.status === 'rejected' ? old.message : '', /2804003/);
  });

  it('retries rate limits after the usage header’s time, rejects bad tokens', async () => {
    sim.rateLimitNext('meta', 1);
    const limited = await adapters.meta.upload(meta, conversion());
    assert.deepEqual(limited.status === 'retry' && [limited.code, limited.retryAfterSeconds], [
      'rate_limited',
      60,
    ]);
    const bad = await adapters.meta.upload({ ...meta, accessToken: 'BAD' }, conversion());
    assert.equal(bad.status === 'rejected' && bad.code, 'bad_credentials');
  });

  it('sends nothing when there is nothing to match by', async () => {
    const r = await adapters.meta.upload(meta, conversion({ clickIds: {}, phone: null, email: null }));
    assert.equal(r.status === 'rejected' && r.code, 'missing_click_id');
    assert.equal(sim.requests(), 0, 'no request reached the platform');
  });
});

describe('the guarded sender', () => {
  it('does not reach the fake on loopback unless private networks are allowed', async () => {
    const strict = createConversionAdapters({
      googleAdsBaseUrl: sim.url,
      ga4BaseUrl: sim.url,
      metaBaseUrl: sim.url,
      allowPrivateNetworks: false,
    });
    const r = await strict.google_ads.upload(google, conversion());
    assert.equal(r.status === 'retry' && r.code, 'network');
    assert.equal(sim.requests(), 0);
  });
});
