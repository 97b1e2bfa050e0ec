import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiOnly, type ApiOnly } from '../support/api-app';

describe('properties, sources and tracking numbers API', () => {
  let api: ApiOnly;
  before(async () => {
    api = await startApiOnly();
  });
  after(async () => {
    await api?.stop();
  });

  async function setup() {
    const p = await api.request('POST', '/v1/properties', { name: 'Oak Court', timeZone: 'America/Denver' });
    assert.equal(p.status, 201);
    const s = await api.request('POST', `/v1/properties/${p.body.id}/sources`, { name: 'Zillow' });
    assert.equal(s.status, 201);
    return { propertyId: p.body.id as string, sourceId: s.body.id as string };
  }

  it('creates and reads back a property, source and number, normalising the phone numbers', async () => {
    const { propertyId, sourceId } = await setup();
    const n = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: '+1 (720) 555-0100',
      sourceId,
      forwardTo: '+1 720 555 0111',
      greetingText: 'Welcome to Oak Court',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    assert.equal(n.body.number, '+17205550100');
    assert.equal(n.body.forwardTo, '+17205550111');
    const list = await api.request('GET', `/v1/properties/${propertyId}/tracking-numbers`);
    assert.deepEqual(
      list.body.items.map((x: { number: string }) => x.number),
      ['+17205550100'],
    );
    const got = await api.request('GET', `/v1/properties/${propertyId}`);
    assert.equal(got.body.timeZone, 'America/Denver');
    const patched = await api.request('PATCH', `/v1/properties/${propertyId}/tracking-numbers/${n.body.id}`, {
      forwardTo: 'sip:leasing@pbx.example.com',
      greetingText: null,
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.forwardTo, 'sip:leasing@pbx.example.com');
    assert.equal(patched.body.greetingText, null);
  });

  const badInputs: {
    name: string;
    path: (ids: { propertyId: string; sourceId: string }) => string;
    body: unknown;
    status: number;
    field: string;
  }[] = [
    {
      name: 'unknown time zone',
      path: () => '/v1/properties',
      body: { name: 'X', timeZone: 'Mars/Olympus' },
      status: 422,
      field: 'timeZone',
    },
    {
      name: 'missing name',
      path: () => '/v1/properties',
      body: { timeZone: 'UTC' },
      status: 422,
      field: 'name',
    },
    {
      name: 'name of wrong type',
      path: () => '/v1/properties',
      body: { name: 42, timeZone: 'UTC' },
      status: 422,
      field: 'name',
    },
    {
      name: 'unknown field',
      path: () => '/v1/properties',
      body: { name: 'X', timeZone: 'UTC', color: 'red' },
      status: 422,
      field: 'color',
    },
    {
      name: 'tracking number not E.164',
      path: (i) => `/v1/properties/${i.propertyId}/tracking-numbers`,
      body: { number: '555-0100', forwardTo: '+17205550111' },
      status: 422,
      field: 'number',
    },
    {
      name: 'impossible forward number',
      path: (i) => `/v1/properties/${i.propertyId}/tracking-numbers`,
      body: { number: '+17205550120', forwardTo: '+1720555' },
      status: 422,
      field: 'forwardTo',
    },
    {
      name: 'source of no property',
      path: (i) => `/v1/properties/${i.propertyId}/tracking-numbers`,
      body: {
        number: '+17205550121',
        forwardTo: '+17205550111',
        sourceId: '9a4a2f0e-7d77-4f43-9a55-3a0a86b1f0aa',
      },
      status: 422,
      field: 'sourceId',
    },
    {
      name: 'greeting URL that is not http',
      path: (i) => `/v1/properties/${i.propertyId}/tracking-numbers`,
      body: { number: '+17205550122', forwardTo: '+17205550111', greetingAudioUrl: 'ftp://x/y.mp3' },
      status: 422,
      field: 'greetingAudioUrl',
    },
    {
      name: 'malformed property id',
      path: () => '/v1/properties/not-a-uuid/sources',
      body: { name: 'A' },
      status: 400,
      field: 'propertyId',
    },
  ];

  for (const c of badInputs) {
    it(`answers ${c.status} naming the field for ${c.name}, and writes nothing`, async () => {
      const ids = await setup();
      const before = await api.request('GET', `/v1/properties/${ids.propertyId}/tracking-numbers`);
      const body =
        typeof c.body === 'object' && c.body && 'forwardTo' in c.body && !('sourceId' in c.body)
          ? { ...c.body, sourceId: ids.sourceId }
          : c.body;
      const r = await api.request('POST', c.path(ids), body);
      assert.equal(r.status, c.status, JSON.stringify(r.body));
      assert.ok(
        r.body.error.fields.some((f: { field: string }) => f.field === c.field),
        `error names ${c.field}: ${JSON.stringify(r.body)}`,
      );
      const afterList = await api.request('GET', `/v1/properties/${ids.propertyId}/tracking-numbers`);
      assert.deepEqual(afterList.body, before.body);
    });
  }

  it('answers 404 for an unknown property and 409 for a number already in use', async () => {
    const missing = await api.request('GET', '/v1/properties/3f1c0b7e-4c56-4a51-8d0e-2a3b4c5d6e7f');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    const { propertyId, sourceId } = await setup();
    const body = { number: '+17205550150', sourceId, forwardTo: '+17205550111' };
    assert.equal(
      (await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, body)).status,
      201,
    );
    const dup = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, body);
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.fields[0].field, 'number');
  });

  it('answers 400 for malformed JSON and for bad call-log paging', async () => {
    const r = await api.request('POST', '/v1/properties', '{"name": ', {
      'content-type': 'application/json',
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.status, 400);
    const bad = await api.request('GET', '/v1/calls?limit=0');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.fields[0].field, 'limit');
  });
});
