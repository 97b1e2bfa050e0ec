import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@switchboard/persistence';
import { http } from '../support/http';
import { TEST_ADMIN_TOKEN, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';

describe('accounts, API keys and property lists', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let east: string;
  let west: string;
  const as = (key: string, method: string, path: string, body?: unknown) =>
    http(method, `${api.url}${path}`, body, withKey(key));

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    east = (await api.request('POST', '/v1/properties', { name: 'East Flats', timeZone: 'America/New_York' }))
      .body.id;
    west = (
      await api.request('POST', '/v1/properties', { name: 'West Lofts', timeZone: 'America/Los_Angeles' })
    ).body.id;
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  it('refuses requests without a key, with an unknown key, and platform routes with an account key', async () => {
    const none = await http('GET', `${api.url}/v1/properties`);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    assert.equal((await as('sbk_000000000000_' + 'x'.repeat(43), 'GET', '/v1/properties')).status, 401);
    assert.equal((await as('not-a-key', 'GET', '/v1/properties')).status, 401);
    assert.equal((await api.request('POST', '/v1/accounts', { name: 'Sneaky' })).status, 401);
    assert.equal((await api.request('GET', '/v1/platform/calls')).status, 401);
    // Health, webhooks and media need no key.
    assert.equal((await http('GET', `${api.url}/health`)).status, 200);
  });

  it('opens accounts only with the platform token and shows the first key once', async () => {
    const r = await http('POST', `${api.url}/v1/accounts`, { name: 'Acme' }, withKey(TEST_ADMIN_TOKEN));
    assert.equal(r.status, 201);
    assert.match(r.body.apiKey.key, /^sbk_[0-9a-f]{12}_/);
    const me = await as(r.body.apiKey.key, 'GET', '/v1/account');
    assert.deepEqual([me.status, me.body.name], [200, 'Acme']);
    const listed = await as(r.body.apiKey.key, 'GET', '/v1/api-keys');
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].key, undefined, 'the key itself is never listed');
    const [row] = await ds.query(`SELECT encode(secret_hash, 'hex') AS h FROM api_keys WHERE id = $1`, [
      r.body.apiKey.id,
    ]);
    assert.equal(row.h.length, 64);
    assert.ok(!row.h.includes(r.body.apiKey.key), 'only a hash is stored');
    const missingName = await http('POST', `${api.url}/v1/accounts`, {}, withKey(TEST_ADMIN_TOKEN));
    assert.equal(missingName.status, 422);
    assert.equal(missingName.body.error.fields[0].field, 'name');
  });

  it('a read-only key reads but cannot write', async () => {
    const k = (await api.request('POST', '/v1/api-keys', { name: 'Dashboards', readOnly: true })).body.key;
    assert.equal((await as(k, 'GET', `/v1/properties/${east}`)).status, 200);
    const w = await as(k, 'POST', `/v1/properties/${east}/sources`, { name: 'Bing' });
    assert.deepEqual([w.status, w.body.error.code], [403, 'read_only_key']);
    const sources = await api.request('GET', `/v1/properties/${east}/sources`);
    assert.equal(sources.body.items.length, 0, 'nothing was written');
  });

  it('a property-limited key sees and changes only its properties', async () => {
    const created = await api.request('POST', '/v1/api-keys', { name: 'East manager', propertyIds: [east] });
    assert.equal(created.status, 201);
    const k = created.body.key;
    const list = await as(k, 'GET', '/v1/properties');
    assert.deepEqual(
      list.body.items.map((p: { id: string }) => p.id),
      [east],
    );
    assert.equal((await as(k, 'GET', `/v1/properties/${west}`)).status, 404);
    assert.equal((await as(k, 'POST', `/v1/properties/${west}/sources`, { name: 'Bing' })).status, 404);
    assert.equal((await as(k, 'POST', `/v1/properties/${east}/sources`, { name: 'Bing' })).status, 201);
    assert.equal((await as(k, 'POST', '/v1/properties', { name: 'New', timeZone: 'UTC' })).status, 403);
    assert.equal((await as(k, 'POST', '/v1/api-keys', { name: 'Wider' })).status, 403, 'cannot mint keys');
    const unknownProperty = await api.request('POST', '/v1/api-keys', {
      name: 'Bad',
      propertyIds: [east, '00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(unknownProperty.status, 422);
    assert.equal(unknownProperty.body.error.fields[0].field, 'propertyIds[1]');
  });

  it('a revoked key stops working at once', async () => {
    const created = (await api.request('POST', '/v1/api-keys', { name: 'Temp' })).body;
    assert.equal((await as(created.key, 'GET', '/v1/properties')).status, 200);
    const revoked = await api.request('DELETE', `/v1/api-keys/${created.id}`);
    assert.ok(revoked.body.revokedAt);
    assert.equal((await as(created.key, 'GET', '/v1/properties')).status, 401);
  });

  it('property lists filter properties and calls', async () => {
    const l = await api.request('POST', '/v1/property-lists', { name: 'Coasts', propertyIds: [west] });
    assert.equal(l.status, 201);
    const props = await api.request('GET', `/v1/properties?propertyListId=${l.body.id}`);
    assert.deepEqual(
      props.body.items.map((p: { id: string }) => p.id),
      [west],
    );
    assert.equal(props.body.total, 1);
    const calls = await api.request('GET', `/v1/calls?propertyListId=${l.body.id}`);
    assert.equal(calls.status, 200);
    const dup = await api.request('POST', '/v1/property-lists', { name: 'Coasts', propertyIds: [] });
    assert.equal(dup.status, 409);
    const bad = await api.request('PUT', `/v1/property-lists/${l.body.id}`, {
      name: 'Coasts',
      propertyIds: ['x'],
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body.error.fields[0].field, /^propertyIds/);
    assert.equal((await api.request('DELETE', `/v1/property-lists/${l.body.id}`)).status, 204);
    assert.equal((await api.request('GET', `/v1/properties?propertyListId=${l.body.id}`)).status, 404);
  });

  it('properties page, search by name, update and delete only when empty', async () => {
    const page = await api.request('GET', '/v1/properties?limit=1&offset=1');
    assert.deepEqual([page.body.items.length, page.body.total, page.body.limit], [1, 2, 1]);
    const found = await api.request('GET', '/v1/properties?q=lofts');
    assert.deepEqual(
      found.body.items.map((p: { name: string }) => p.name),
      ['West Lofts'],
    );
    const upd = await api.request('PATCH', `/v1/properties/${west}`, {
      address: '1 Pier Rd',
      phone: '+1 (503) 555-0100',
    });
    assert.deepEqual([upd.status, upd.body.phone], [200, '+15035550100'], JSON.stringify(upd.body));
    const badPhone = await api.request('PATCH', `/v1/properties/${west}`, { phone: '12' });
    assert.deepEqual([badPhone.status, badPhone.body.error.fields[0].field], [422, 'phone']);
    const busy = (await api.request('POST', `/v1/properties/${west}/sources`, { name: 'Direct' })).body.id;
    await api.request('POST', `/v1/properties/${west}/tracking-numbers`, {
      number: '+15035550150',
      sourceId: busy,
      forwardTo: '+15035550111',
    });
    assert.equal((await api.request('DELETE', `/v1/properties/${west}`)).status, 409);
    assert.equal((await api.request('DELETE', `/v1/properties/${west}/sources/${busy}`)).status, 409);
    const empty = (await api.request('POST', '/v1/properties', { name: 'Empty', timeZone: 'UTC' })).body.id;
    assert.equal((await api.request('DELETE', `/v1/properties/${empty}`)).status, 204);
    assert.equal((await api.request('GET', `/v1/properties/${empty}`)).status, 404);
  });
});
