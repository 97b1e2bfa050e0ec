import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import type { CallRecordInput } from '@switchboard/contracts';
import { openDataSource } from '@switchboard/persistence';
import { ConversionsService } from '../../apps/api/src/conversions/conversions.service';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { callRecordSaver } from '../support/call-records';
import { http } from '../support/http';

const GOOGLE_ADS = {
  platform: 'google_ads',
  name: 'Google Ads — leasing',
  config: {
    customerId: '1234567890',
    conversionActionId: '555001',
    developerToken: 'dev-token-secret',
    accessToken: 'ya29.access-secret',
  },
};
const GA4 = { platform: 'ga4', name: 'GA4', config: { measurementId: 'G-ABC1234', apiSecret: 'mp-secret' } };

describe('conversion destinations, rules, production and the delivery log (api, real PostgreSQL)', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let base: string;
  let propertyId: string;
  const ids: Record<string, string> = {};
  const fieldsOf = (body: any): string[] =>
    [...new Set<string>(body.error.fields.map((f: { field: string }) => f.field))].sort();

  /** A finished call of the property, saved as the worker's saveCallRecord activity saves it. */
  const callRecord = (n: number, talkSecs: number, sessionId: string | null = null): CallRecordInput => ({
    workflowId: `call-conv-${n}`,
    callSessionId: `conv-session-${n}`,
    callControlId: `v3:conv-${n}`,
    from: '+13125550100',
    to: '+13125550150',
    propertyId,
    trackingNumberId: ids.numberId,
    sourceId: ids.sourceId,
    sourceName: 'Google Ads',
    startedAt: `2026-11-23T15:0${n}:00Z`,
    answeredAt: talkSecs > 0 ? `2026-11-23T15:0${n}:05Z` : null,
    endedAt: new Date(Date.parse(`2026-11-23T15:0${n}:05Z`) + talkSecs * 1000).toISOString(),
    outcome: talkSecs > 0 ? 'answered' : 'abandoned',
    answeredBy: talkSecs > 0 ? '+13125550111' : null,
    hangupCause: 'normal_clearing',
    path: [],
    ...(sessionId
      ? {
          attribution: {
            kind: 'session',
            sessionId,
            keyword: null,
            campaign: null,
            landingPage: 'https://example.com/?gclid=Cj0-test',
            activePage: null,
            referrer: null,
            utmSource: null,
            utmMedium: null,
            utmCampaign: null,
            utmTerm: null,
            utmContent: null,
            priorCalls: 0,
          },
        }
      : {}),
  });
  const callId = async (n: number) =>
    (await api.request('GET', `/v1/calls?callSessionId=conv-session-${n}`)).body.items[0].id as string;
  const log = async (query = '') => {
    const r = await api.request('GET', `${base}/conversions${query ? `?${query}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    const p = await api.request('POST', '/v1/properties', {
      name: 'Maple Court',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    ids.sourceId = (await api.request('POST', `${base}/sources`, { name: 'Google Ads' })).body.id;
    ids.numberId = (
      await api.request('POST', `${base}/tracking-numbers`, {
        number: '+13125550150',
        sourceId: ids.sourceId,
        forwardTo: '+13125550111',
      })
    ).body.id;
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  it('creates destinations and never shows their secrets again', async () => {
    const created = await api.request('POST', `${base}/conversion-destinations`, GOOGLE_ADS);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    ids.adsId = created.body.id;
    assert.deepEqual(created.body.config, {
      customerId: '1234567890',
      conversionActionId: '555001',
      developerTokenSet: true,
      accessTokenSet: true,
    });
    ids.ga4Id = (await api.request('POST', `${base}/conversion-destinations`, GA4)).body.id;
    const list = await api.request('GET', `${base}/conversion-destinations`);
    const shown =
      JSON.stringify(list.body) +
      JSON.stringify((await api.request('GET', `${base}/conversion-destinations/${ids.adsId}`)).body);
    for (const secret of ['dev-token-secret', 'ya29.access-secret', 'mp-secret'])
      assert.ok(!shown.includes(secret), `${secret} is shown`);
    assert.deepEqual(
      list.body.items.map((d: any) => [d.platform, d.enabled]),
      [
        ['google_ads', true],
        ['ga4', true],
      ],
    );
  });

  it('a change merges the settings: an omitted secret is kept, a bad field is named', async () => {
    const renamed = await api.request('PATCH', `${base}/conversion-destinations/${ids.adsId}`, {
      name: 'Google Ads',
      config: { conversionActionId: '555002' },
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.config.conversionActionId, '555002');
    assert.equal(renamed.body.config.accessTokenSet, true);
    const [row] = await ds.query(`SELECT config FROM conversion_destinations WHERE id = $1`, [ids.adsId]);
    assert.equal(row.config.accessToken, 'ya29.access-secret', 'the stored secret is kept');

    const bad = await api.request('PATCH', `${base}/conversion-destinations/${ids.adsId}`, {
      config: { customerId: '123-456-7890', accessToken: null },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad.body), ['config.accessToken', 'config.customerId']);
  });

  it('refuses bad destinations with 422 naming each field, never 500', async () => {
    const cases: [unknown, string[]][] = [
      [{ ...GA4, config: { measurementId: 'UA-12345', apiSecret: 'x' } }, ['config.measurementId']],
      [
        { ...GOOGLE_ADS, config: { customerId: '12345' } },
        ['config.accessToken', 'config.conversionActionId', 'config.customerId', 'config.developerToken'],
      ],
      [{ platform: 'meta', name: 'Meta', config: { pixelId: 'abc', accessToken: 't' } }, ['config.pixelId']],
      [{ platform: 'bing', name: 'Bing', config: {} }, ['platform']],
      [{ platform: 'ga4', name: 'GA4', config: 'G-1' }, ['config']],
    ];
    for (const [body, fields] of cases) {
      const r = await api.request('POST', `${base}/conversion-destinations`, body);
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.deepEqual(fieldsOf(r.body), fields, JSON.stringify(body));
    }
  });

  it('creates rules, naming bad fields and destinations that are not the property’s', async () => {
    const rule = await api.request('POST', `${base}/conversion-rules`, {
      name: 'Qualified call',
      value: 120,
      currency: 'USD',
      when: { leadKind: 'call', answered: true, talkSecondsAtLeast: 60 },
      destinationIds: [ids.adsId, ids.ga4Id],
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    ids.talkedRuleId = rule.body.id;
    assert.deepEqual(
      [rule.body.value, rule.body.enabled, rule.body.when.talkSecondsAtLeast],
      [120, true, 60],
    );

    const bad = await api.request('POST', `${base}/conversion-rules`, {
      name: 'Bad',
      currency: 'usd',
      when: { leadKind: 'call', talkSecondsAtLeast: -3, leadStatus: 'great', formNameIn: ['x'] },
      destinationIds: [],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad.body), [
      'currency',
      'when.formNameIn',
      'when.leadStatus',
      'when.talkSecondsAtLeast',
    ]);

    const other = await api.request('POST', '/v1/properties', { name: 'Other', timeZone: 'UTC' });
    const foreign = await api.request('POST', `/v1/properties/${other.body.id}/conversion-destinations`, GA4);
    const wrong = await api.request('POST', `${base}/conversion-rules`, {
      name: 'Elsewhere',
      currency: 'USD',
      when: { leadKind: 'form' },
      destinationIds: [ids.ga4Id, foreign.body.id],
    });
    assert.equal(wrong.status, 422);
    assert.deepEqual(fieldsOf(wrong.body), ['destinationIds[1]']);

    const good = await api.request('POST', `${base}/conversion-rules`, {
      name: 'Good lead',
      value: 300,
      currency: 'USD',
      when: { leadKind: 'call', leadStatus: 'good_lead' },
      destinationIds: [ids.ga4Id],
    });
    assert.equal(good.status, 201, JSON.stringify(good.body));
    ids.goodRuleId = good.body.id;
    const changed = await api.request('PATCH', `${base}/conversion-rules/${ids.goodRuleId}`, { value: null });
    assert.deepEqual([changed.status, changed.body.value, changed.body.name], [200, null, 'Good lead']);
    const badChange = await api.request('PATCH', `${base}/conversion-rules/${ids.goodRuleId}`, {
      when: { leadKind: 'phone' },
    });
    assert.deepEqual([badChange.status, fieldsOf(badChange.body)], [422, ['when.leadKind']]);
  });

  it('a qualifying call earns one conversion per rule, with its visit’s click ids, however often it is saved', async () => {
    const [session] = await ds.query(
      `INSERT INTO visitor_sessions (property_id, visitor_id, landing_url, active_page, started_at, last_seen_at, click_ids)
       VALUES ($1, 'v-1', 'https://example.com/?gclid=Cj0-test', 'https://example.com/', now(), now(), $2) RETURNING id`,
      [propertyId, JSON.stringify({ gclid: 'Cj0-test', gaClientId: '111.222' })],
    );
    const save = callRecordSaver(ds);
    await save(callRecord(1, 75, session.id));
    await save(callRecord(2, 20));
    // The same call saved again: a retried activity.
    await save(callRecord(1, 75, session.id));

    const page = await log();
    assert.equal(page.total, 1);
    const [c] = page.items;
    assert.deepEqual(
      [c.name, c.value, c.currency, c.leadKind, c.leadId, c.ruleId],
      ['Qualified call', 120, 'USD', 'call', await callId(1), ids.talkedRuleId],
    );
    assert.equal(new Date(c.occurredAt).toISOString(), '2026-11-23T15:01:00.000Z', "the call's own time");
    assert.deepEqual(c.clickIds, { gclid: 'Cj0-test', gaClientId: '111.222' });
    // One delivery per destination, waiting for its workflow (this api has no worker).
    assert.deepEqual(c.deliveries.map((d: any) => [d.platform, d.status, d.attempts]).sort(), [
      ['ga4', 'pending', 0],
      ['google_ads', 'pending', 0],
    ]);
  });

  it('a person marking a call a good lead produces the rule’s conversion once', async () => {
    const id = await callId(2);
    for (let i = 0; i < 2; i++) {
      const r = await api.request('PUT', `/v1/calls/${id}/score`, { leadStatus: 'good_lead', score: 90 });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const page = await log();
    assert.equal(page.total, 2);
    const good = page.items.find((c: any) => c.ruleId === ids.goodRuleId);
    assert.deepEqual([good.leadId, good.value, good.deliveries.length], [id, null, 1]);
  });

  it('filters the log by status, platform and time, and counts conversions in the summary and its CSV', async () => {
    const [one] = await ds.query(
      `UPDATE conversion_deliveries SET status = 'rejected', attempts = 1, last_error_code = 'invalid_click_id',
              last_error_message = 'The click id is not valid' WHERE platform = 'google_ads' RETURNING id`,
    );
    assert.ok(one);
    const rejected = await log('status=rejected');
    assert.equal(rejected.total, 1);
    const ads = rejected.items[0].deliveries.find((d: any) => d.platform === 'google_ads');
    assert.deepEqual(
      [ads.lastErrorCode, ads.lastErrorMessage],
      ['invalid_click_id', 'The click id is not valid'],
    );
    assert.equal((await log('platform=ga4')).total, 2);
    assert.equal((await log('platform=meta')).total, 0);
    assert.equal((await log('from=2026-11-23T15:01:30Z')).total, 1);
    assert.equal((await log('to=2026-11-23T15:01:30Z')).total, 1);
    const badFilter = await api.request('GET', `${base}/conversions?status=lost&from=yesterday`);
    assert.deepEqual([badFilter.status, fieldsOf(badFilter.body)], [422, ['from', 'status']]);

    const q = `from=2026-11-23&to=2026-11-23&propertyId=${propertyId}`;
    const summary = await api.request('GET', `/v1/reports/calls/summary?${q}`);
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    assert.deepEqual([summary.body.totals.conversions, summary.body.totals.conversionValue], [2, 120]);
    const csv = await http(
      'GET',
      `${api.url}/v1/reports/calls/summary?${q}&format=csv`,
      undefined,
      withKey(api.apiKey),
    );
    const [header, total] = String(csv.body).trim().split('\n');
    const at = header.split(',').indexOf('conversions');
    assert.ok(at > 0, header);
    assert.deepEqual(total.split(',').slice(at, at + 2), ['2', '120']);
  });

  it('a stored form submission earns its form rule’s conversion once, through produceForForm', async () => {
    const rule = await api.request('POST', `${base}/conversion-rules`, {
      name: 'Tour form',
      value: 40,
      currency: 'USD',
      when: { leadKind: 'form', formNameIn: ['Tour request'] },
      destinationIds: [ids.ga4Id],
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    const conversions = api.app.get(ConversionsService);
    const submission = {
      id: randomUUID(),
      propertyId,
      formName: 'tour request',
      submittedAt: new Date('2026-11-24T16:00:00Z'),
      sessionId: null,
      phone: 'not a number',
      email: 'renter@example.com',
      pageUrl: 'https://example.com/tours',
    };
    const first = await conversions.produceForForm(submission);
    assert.equal(first.length, 1, 'one delivery, to GA4');
    assert.deepEqual(await conversions.produceForForm(submission), first, 'saved again: the same delivery');
    assert.deepEqual(
      await conversions.produceForForm({ ...submission, id: randomUUID(), formName: 'Newsletter' }),
      [],
    );
    const forms = (await log()).items.filter((c: any) => c.leadKind === 'form');
    assert.deepEqual(
      forms.map((c: any) => [c.leadId, c.name, c.value, new Date(c.occurredAt).toISOString()]),
      [[submission.id, 'Tour form', 40, '2026-11-24T16:00:00.000Z']],
    );
    const [stored] = await ds.query(`SELECT phone, email, page_url FROM conversions WHERE lead_id = $1`, [
      submission.id,
    ]);
    assert.deepEqual(stored, {
      phone: null,
      email: 'renter@example.com',
      page_url: 'https://example.com/tours',
    });
  });

  it('the Google Ads file is asked of a Google Ads destination', async () => {
    const r = await api.request('GET', `${base}/conversions/google-ads.csv?destinationId=${ids.ga4Id}`);
    assert.deepEqual([r.status, fieldsOf(r.body)], [422, ['destinationId']]);
    const missing = await api.request('GET', `${base}/conversions/google-ads.csv`);
    assert.deepEqual([missing.status, fieldsOf(missing.body)], [422, ['destinationId']]);
  });

  it("another account's key reaches none of it", async () => {
    const other = (await createTestAccount(api.url, 'Tenant B')).apiKey;
    const paths = [
      ['GET', `${base}/conversion-destinations`],
      ['GET', `${base}/conversion-destinations/${ids.adsId}`],
      ['PATCH', `${base}/conversion-destinations/${ids.adsId}`],
      ['DELETE', `${base}/conversion-destinations/${ids.adsId}`],
      ['GET', `${base}/conversion-rules`],
      ['PATCH', `${base}/conversion-rules/${ids.talkedRuleId}`],
      ['DELETE', `${base}/conversion-rules/${ids.talkedRuleId}`],
      ['GET', `${base}/conversions`],
      ['GET', `${base}/conversions/google-ads.csv?destinationId=${ids.adsId}`],
    ];
    for (const [method, path] of paths) {
      const r = await http(
        method,
        `${api.url}${path}`,
        method === 'PATCH' ? { name: 'B' } : undefined,
        withKey(other),
      );
      assert.equal(r.status, 404, `${method} ${path} → ${r.status}`);
    }
    const still = await api.request('GET', `${base}/conversion-destinations/${ids.adsId}`);
    assert.equal(still.body.name, 'Google Ads');
  });

  it('deletes a rule and keeps its conversions in the log', async () => {
    const r = await api.request('DELETE', `${base}/conversion-rules/${ids.goodRuleId}`);
    assert.equal(r.status, 204);
    const page = await log();
    assert.equal(page.total, 3, 'two calls and a form');
    assert.equal(page.items.filter((c: any) => c.ruleId === null).length, 1);
    assert.equal((await api.request('GET', `${base}/conversion-rules/${ids.goodRuleId}`)).status, 404);
  });
});
