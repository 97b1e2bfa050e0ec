import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http';
import { withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { apiRoutes, type ApiRoute } from '../support/routes';

/**
 * Every endpoint the api serves (read from the controllers, so new ones are included), fed the
 * kinds of bad input clients send: ids that do not exist or are not ids, bodies of the wrong shape
 * and type, malformed JSON, phone numbers that are not numbers, oversized bodies. The answer must
 * always be a 4xx in the api's error shape, never a 5xx.
 */
describe('bad input on every endpoint is a 4xx, never a 5xx', () => {
  let api: ApiOnly;
  const ids: Record<string, string> = {};

  before(async () => {
    api = await startApiOnly();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Fuzz Flats',
      timeZone: 'America/Chicago',
    });
    ids.propertyId = p.body.id;
  });
  after(async () => {
    await api?.stop();
  });

  /**
   * Bad ids where the route has them: a real property when the route names other ids too (so the
   * bad one is what gets judged), a bad property id when it is the route's only id.
   */
  const pathWith = (r: ApiRoute, other: (name: string) => string) =>
    r.path.replace(/:(\w+)/g, (_m, name: string) =>
      name === 'propertyId' && r.params.length > 1 ? ids.propertyId : other(name),
    );

  const bodies: [string, unknown][] = [
    ['an empty object', {}],
    ['a list instead of an object', [1, 2, 3]],
    ['a bare string', '"hello"'],
    ['malformed JSON', '{"name": '],
    [
      'every common field of the wrong type',
      {
        name: 42,
        id: ['x'],
        timeZone: 7,
        number: 'call me',
        phone: '555',
        forwardTo: 'nowhere',
        sourceId: 'not-a-uuid',
        callFlowId: 12,
        definition: 'flow',
        strategy: {},
        members: 'all',
        weekly: 'always',
        endpoint: 'phone',
        contentBase64: 5,
        contentType: 'text/html',
        propertyIds: 'all',
        dniRules: {},
        available: 'yes',
        heard: 'no',
        fromPropertyId: 'x',
      },
    ],
    // PostgreSQL cannot store U+0000: it used to reach the database and come back as a 500.
    ['a NUL character in text', { name: 'Fuzz\u0000Flats', timeZone: 'America/Chicago' }],
    // The NUL check walked bodies recursively: 10,000 levels overflowed the stack (a 500).
    ['JSON nested 10,000 deep', `{"name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    [
      'nested nonsense',
      { definition: { steps: [null, 1, 'x'], initialStepId: 5 }, weekly: [{ days: 'mon' }] },
    ],
  ];

  it('answers unknown and malformed ids with 4xx', async () => {
    const failures: string[] = [];
    for (const r of apiRoutes(api.app).filter((x) => x.access === 'key' && x.params.length > 0)) {
      for (const [label, other] of [
        [
          'unknown',
          (n: string) =>
            /Id$/.test(n) && n !== 'publicId' ? '00000000-0000-4000-8000-000000000000' : 'nope',
        ],
        ['malformed', () => 'not%20an%20id'],
      ] as const) {
        const res = await api.request(
          r.method,
          pathWith(r, other),
          ['GET', 'DELETE'].includes(r.method) ? undefined : {},
        );
        if (res.status < 400 || res.status >= 500)
          failures.push(`${label} ${r.method} ${r.path} → ${res.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('answers bodies of the wrong shape and type with 4xx naming the problem', async () => {
    const failures: string[] = [];
    const writes = apiRoutes(api.app).filter(
      (r) => r.access !== 'public' && ['POST', 'PUT', 'PATCH'].includes(r.method),
    );
    assert.ok(writes.length >= 15, `found ${writes.length} write endpoints`);
    for (const r of writes) {
      for (const [label, body] of bodies) {
        const res = await api.request(
          r.method,
          pathWith(r, () => '00000000-0000-4000-8000-000000000000'),
          body,
        );
        if (res.status >= 500 || (res.status >= 400 && !res.body?.error?.code))
          failures.push(
            `${label}: ${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('answers paging parameters out of range with 4xx on every list', async () => {
    const failures: string[] = [];
    const lists = apiRoutes(api.app).filter(
      (r) => r.access === 'key' && r.method === 'GET' && r.params.every((p) => p === 'propertyId'),
    );
    for (const r of lists)
      for (const query of [
        'offset=9223372036854775807',
        'limit=9223372036854775807',
        'offset=1e400',
        'limit=-1&offset=-1',
      ]) {
        const res = await api.request('GET', `${pathWith(r, () => ids.propertyId)}?${query}`);
        if (res.status >= 500) failures.push(`${query}: ${r.path} → ${res.status}`);
      }
    assert.deepEqual(failures, []);
    const calls = await api.request('GET', '/v1/calls?offset=9223372036854775807');
    assert.equal(calls.status, 422);
    assert.deepEqual(
      calls.body.error.fields.map((f: { field: string }) => f.field),
      ['offset'],
    );
  });

  it('answers an oversized body with 413', async () => {
    const big = { name: 'x'.repeat(2_000_000) };
    const r = await api.request('POST', '/v1/properties', big);
    assert.equal(r.status, 413);
    assert.equal(r.body.error.status, 413);
  });

  it('answers a missing or wrong content type on JSON routes with 4xx', async () => {
    const res = await fetch(`${api.url}/v1/properties`, {
      method: 'POST',
      headers: withKey(api.apiKey, { 'content-type': 'text/plain' }),
      body: 'name=Hello',
    });
    assert.ok(res.status >= 400 && res.status < 500, String(res.status));
    const noBody = await http('POST', `${api.url}/v1/properties`, undefined, withKey(api.apiKey));
    assert.equal(noBody.status, 422);
  });
});
