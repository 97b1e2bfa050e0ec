import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiOnly, type ApiOnly } from '../support/api-app';

describe('tracking sources: standard catalog and DNI rules', () => {
  let api: ApiOnly;
  let base: string;
  before(async () => {
    api = await startApiOnly();
    const p = await api.request('POST', '/v1/properties', { name: 'Birch', timeZone: 'America/Chicago' });
    base = `/v1/properties/${p.body.id}/sources`;
  });
  after(async () => {
    await api?.stop();
  });

  it('lists the standard catalog', async () => {
    const r = await api.request('GET', '/v1/standard-sources');
    const keys = r.body.items.map((s: { key: string }) => s.key);
    for (const k of [
      'google_organic',
      'google_ads',
      'bing_organic',
      'facebook',
      'zillow',
      'apartments_com',
      'direct',
      'website',
    ])
      assert.ok(keys.includes(k), k);
  });

  it('adds a standard source by key with its DNI rules set up', async () => {
    const r = await api.request('POST', base, { standardKey: 'google_ads' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Google Ads');
    assert.equal(r.body.standardKey, 'google_ads');
    assert.deepEqual(r.body.dniRules[0], { kind: 'query_param', param: 'gclid' });
    const again = await api.request('POST', base, { standardKey: 'google_ads', name: 'Google Ads 2' });
    assert.deepEqual([again.status, again.body.error.fields[0].field], [409, 'standardKey']);
    const unknown = await api.request('POST', base, { standardKey: 'myspace' });
    assert.deepEqual([unknown.status, unknown.body.error.fields[0].field], [422, 'standardKey']);
  });

  it('adds custom sources with checked rules, and edits them', async () => {
    const bad = await api.request('POST', base, {
      name: 'Craigslist',
      dniRules: [{ kind: 'referrer_domain', domains: [] }, { kind: 'teleport' }],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.error.fields.map((f: { field: string }) => f.field),
      ['dniRules[0].domains', 'dniRules[1].kind'],
    );
    const noName = await api.request('POST', base, {});
    assert.deepEqual([noName.status, noName.body.error.fields[0].field], [422, 'name']);
    const ok = await api.request('POST', base, {
      name: 'Craigslist',
      dniRules: [{ kind: 'referrer_domain', domains: ['craigslist.org'] }],
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.standardKey, null);
    const edited = await api.request('PATCH', `${base}/${ok.body.id}`, {
      name: 'Craigslist ads',
      dniRules: [{ kind: 'query_param', param: 'utm_source', values: ['craigslist'] }],
      priority: 15,
    });
    assert.equal(edited.status, 200);
    assert.deepEqual(
      [edited.body.name, edited.body.priority, edited.body.dniRules[0].param],
      ['Craigslist ads', 15, 'utm_source'],
    );
    const listed = await api.request('GET', base);
    assert.deepEqual(
      listed.body.items.map((s: { name: string }) => s.name),
      ['Google Ads', 'Craigslist ads'],
    );
    const missing = await api.request('PATCH', `${base}/00000000-0000-4000-8000-000000000000`, { name: 'x' });
    assert.equal(missing.status, 404);
  });
});
