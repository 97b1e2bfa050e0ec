import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@switchboard/persistence';
import type { CallRecordInput } from '@switchboard/contracts';
import { callRecordSaver } from '../support/call-records';
import { http } from '../support/http';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { checkedResponse } from '../support/openapi-responses';

/**
 * The privacy routes on the real api and PostgreSQL, without a worker (erasures stay pending
 * here; test/e2e/privacy-erasure runs them): who may ask, what is refused, what is audited, and
 * that one account's key never reaches another's data about the same person.
 */
describe('privacy requests: erasures and exports over the api', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let other: { apiKey: string; accountId: string };
  const PERSON = '+13125550177';
  const props: Record<'a' | 'b', string> = { a: '', b: '' };

  const asB = (method: string, path: string, body?: unknown) =>
    checkedResponse(method, path, http(method, `${api.url}${path}`, body, withKey(other.apiKey)));

  const call = (propertyId: string, n: number): CallRecordInput => ({
    workflowId: `call-privacy-${propertyId}-${n}`,
    callSessionId: `privacy-${propertyId}-${n}`,
    callControlId: `v3:privacy-${n}`,
    from: PERSON,
    to: '+13125550150',
    propertyId,
    trackingNumberId: null,
    sourceId: null,
    sourceName: null,
    startedAt: `2026-11-2${n}T15:00:00Z`,
    answeredAt: null,
    endedAt: `2026-11-2${n}T15:01:00Z`,
    outcome: 'abandoned',
    answeredBy: null,
    hangupCause: 'normal_clearing',
    path: [{ step: 'greeting', at: `2026-11-2${n}T15:00:01Z` }],
  });

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    other = await createTestAccount(api.url, 'Other account');
    props.a = (await api.request('POST', '/v1/properties', { name: 'A', timeZone: 'UTC' })).body.id;
    props.b = (await asB('POST', '/v1/properties', { name: 'B', timeZone: 'UTC' })).body.id;
    const save = callRecordSaver(ds);
    await save(call(props.a, 1));
    await save(call(props.a, 2));
    await save(call(props.b, 3));
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  it('refuses requests without a key, and keys that are read-only or limited to properties', async () => {
    for (const [method, path] of [
      ['POST', '/v1/privacy/erasures'],
      ['GET', '/v1/privacy/erasures'],
      ['GET', `/v1/privacy/exports?phone=${encodeURIComponent(PERSON)}`],
    ]) {
      const body = method === 'POST' ? { phone: PERSON } : undefined;
      const r = await http(method, `${api.url}${path}`, body, { authorization: '' });
      assert.equal(r.status, 401, `${method} ${path} without a key`);
    }
    const readOnly = (await api.request('POST', '/v1/api-keys', { name: 'Dashboards', readOnly: true })).body
      .key;
    const limited = (await api.request('POST', '/v1/api-keys', { name: 'Agency', propertyIds: [props.a] }))
      .body.key;
    for (const key of [readOnly, limited]) {
      const erase = await http('POST', `${api.url}/v1/privacy/erasures`, { phone: PERSON }, withKey(key));
      assert.equal(erase.status, 403);
      assert.match(erase.body.error.code, /^(restricted_key|read_only_key)$/);
      const exp = await http(
        'GET',
        `${api.url}/v1/privacy/exports?phone=${encodeURIComponent(PERSON)}`,
        undefined,
        withKey(key),
      );
      assert.equal(exp.status, 403);
    }
  });

  it('bad input is a 422 naming the field, and stores nothing', async () => {
    const cases: [unknown, string[]][] = [
      [{}, ['email', 'phone']],
      [{ phone: PERSON, email: 'ana@example.com' }, ['email', 'phone']],
      [{ phone: 'not a number' }, ['phone']],
      [{ phone: '12' }, ['phone']],
      [{ phone: 13125550177 }, ['phone']],
      [{ email: 'ana@' }, ['email']],
      [{ email: ['ana@example.com'] }, ['email']],
      [{ phone: PERSON, unknown: 1 }, ['unknown']],
    ];
    for (const [body, fields] of cases) {
      const r = await api.request('POST', '/v1/privacy/erasures', body);
      assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
      assert.deepEqual(
        [...new Set((r.body.error.fields as { field: string }[]).map((f) => f.field))].sort(),
        fields,
        JSON.stringify(body),
      );
    }
    for (const q of ['', '?phone=abc', '?email=x', `?phone=${encodeURIComponent(PERSON)}&email=a%40b.io`]) {
      const r = await api.request('GET', `/v1/privacy/exports${q}`);
      assert.equal(r.status, 422, q);
    }
    assert.equal((await api.request('GET', '/v1/privacy/erasures/not-a-uuid')).status, 400);
    const missing = await api.request('GET', '/v1/privacy/erasures/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    const all = await api.request('GET', '/v1/privacy/requests');
    assert.equal(all.body.total, 0, 'no request was stored');
  });

  it('an erasure is audited by token and key; a second request for the person returns the first', async () => {
    const first = await api.request('POST', '/v1/privacy/erasures', { phone: '(312) 555-0177' });
    assert.equal(first.status, 202);
    const id = first.body.id as string;
    assert.match(first.body.subjectToken, /^erased-[0-9a-f]{20}$/);
    assert.equal(first.body.subjectKind, 'phone');
    assert.equal(first.body.status, 'pending');
    assert.equal(first.body.requestedBy.name, 'Initial key');
    assert.deepEqual(first.body.counts, {});

    // The same person written another way is the same request while it is under way.
    const again = await api.request('POST', '/v1/privacy/erasures', { phone: PERSON });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, id);
    const byB = await asB('POST', '/v1/privacy/erasures', { phone: PERSON });
    assert.equal(byB.status, 202, "another account's erasure of the same number is its own");
    assert.notEqual(byB.body.id, id);
    assert.notEqual(byB.body.subjectToken, first.body.subjectToken, 'tokens differ between accounts');

    const got = await api.request('GET', `/v1/privacy/erasures/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.subjectToken, first.body.subjectToken);
    const list = await api.request('GET', '/v1/privacy/erasures');
    assert.deepEqual(
      list.body.items.map((r: { id: string }) => r.id),
      [id],
    );

    // The audit row never names the person; only the pending erasure holds the value it needs.
    const [row]: { audit: string; value: string | null }[] = await ds.query(
      `SELECT (to_jsonb(r) - 'subject_value')::text AS audit, subject_value AS value FROM privacy_requests r WHERE id = $1`,
      [id],
    );
    assert.equal(row.value, PERSON);
    assert.ok(!row.audit.includes('5550177'), row.audit);
  });

  it("an export holds the account's calls of the person, never another account's, and is audited", async () => {
    const r = await fetch(`${api.url}/v1/privacy/exports?phone=${encodeURIComponent(PERSON)}`, {
      headers: withKey(api.apiKey),
    });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(
      r.headers.get('content-disposition') ?? '',
      /^attachment; filename="privacy-export-[0-9a-f-]+\.json"$/,
    );
    const doc = (await r.json()) as any;
    assert.deepEqual(doc.subject, { kind: 'phone', value: PERSON });
    assert.deepEqual(
      doc.calls.map((c: { propertyId: string }) => c.propertyId),
      [props.a, props.a],
    );
    const b = await asB('GET', `/v1/privacy/exports?phone=${encodeURIComponent(PERSON)}`);
    assert.deepEqual(
      b.body.calls.map((c: { propertyId: string }) => c.propertyId),
      [props.b],
    );
    const audit = await api.request('GET', '/v1/privacy/requests?kind=export');
    assert.equal(audit.body.total, 1);
    assert.equal(audit.body.items[0].id, doc.requestId);
    assert.equal(audit.body.items[0].status, 'done');
    assert.equal(audit.body.items[0].counts.calls, 2);
    assert.equal((await asB('GET', `/v1/privacy/erasures/${audit.body.items[0].id}`)).status, 404);
    const [row]: { text: string }[] = await ds.query(
      `SELECT r::text AS text FROM privacy_requests r WHERE id = $1`,
      [doc.requestId],
    );
    assert.ok(!row.text.includes('5550177'), row.text);
  });
});
