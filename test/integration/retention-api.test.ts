import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { http } from '../support/http';

const KEPT = {
  recordings: null,
  voicemail: null,
  transcripts: null,
  texts: null,
  emails: null,
  forms: null,
  callerData: null,
};

/**
 * The retention routes on the real api and PostgreSQL (no worker: runs started here stay
 * `running`, which is what the one-run-at-a-time rule needs). Runs themselves: test/e2e/retention.
 */
describe('retention api: policies, overrides and runs; bad input named; one account never reaches another', () => {
  let api: ApiOnly;
  let otherKey: string;
  let propertyId: string;
  let otherPropertyId: string;
  const a = (method: string, path: string, body?: unknown) => api.request(method, path, body);
  const b = (method: string, path: string, body?: unknown) =>
    http(method, `${api.url}${path}`, body, withKey(otherKey));

  before(async () => {
    api = await startApiOnly();
    otherKey = (await createTestAccount(api.url, 'Tenant B')).apiKey;
    propertyId = (await a('POST', '/v1/properties', { name: 'A Towers', timeZone: 'America/Chicago' })).body
      .id;
    otherPropertyId = (await b('POST', '/v1/properties', { name: 'B Lofts', timeZone: 'America/Denver' }))
      .body.id;
  });
  after(async () => {
    await api?.stop();
  });

  it('an account starts keeping everything; a policy saved is read back whole', async () => {
    assert.deepEqual((await a('GET', '/v1/privacy/retention')).body, KEPT);
    const saved = await a('PUT', '/v1/privacy/retention', { recordings: 90, callerData: 365, texts: null });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const policy = { ...KEPT, recordings: 90, callerData: 365 };
    assert.deepEqual(saved.body, policy);
    assert.deepEqual((await a('GET', '/v1/privacy/retention')).body, policy);
    // PUT replaces: what is left out is kept again.
    assert.deepEqual((await a('PUT', '/v1/privacy/retention', { recordings: 30 })).body, {
      ...KEPT,
      recordings: 30,
    });
  });

  it('bad periods and unknown categories are 422s naming each field, and change nothing', async () => {
    const before = (await a('GET', '/v1/privacy/retention')).body;
    const r = await a('PUT', '/v1/privacy/retention', {
      recordings: 0,
      voicemail: 3651,
      transcripts: 2.5,
      texts: '30',
      callerData: 'forever',
    });
    assert.equal(r.status, 422);
    const fields = (r.body.error.fields as { field: string; message: string }[]).map((f) => f.field).sort();
    assert.deepEqual(fields, ['callerData', 'recordings', 'texts', 'transcripts', 'voicemail']);
    const unknown = await a('PUT', '/v1/privacy/retention', { recordings: 30, colour: 3 });
    assert.equal(unknown.status, 422);
    assert.deepEqual(
      unknown.body.error.fields.map((f: { field: string }) => f.field),
      ['colour'],
    );
    assert.match(r.body.error.message, /recordings: must be a whole number of days from 1 to 3650 or null/);
    for (const body of [[], 'x', null])
      assert.ok(
        [400, 422].includes((await a('PUT', '/v1/privacy/retention', body)).status),
        JSON.stringify(body),
      );
    const o = await a('PUT', `/v1/properties/${propertyId}/retention`, { forms: 'always', emails: -3 });
    assert.equal(o.status, 422);
    assert.deepEqual((o.body.error.fields as { field: string }[]).map((f) => f.field).sort(), [
      'emails',
      'forms',
    ]);
    assert.deepEqual((await a('GET', '/v1/privacy/retention')).body, before);
    for (const body of [{}, { dryRun: 'yes' }, { dryRun: true, extra: 1 }]) {
      const s = await a('POST', '/v1/privacy/retention/runs', body);
      assert.equal(s.status, 422, JSON.stringify(body));
      assert.ok(s.body.error.fields.some((f: { field: string }) => ['dryRun', 'extra'].includes(f.field)));
    }
    assert.equal((await a('GET', '/v1/privacy/retention/runs/not-a-uuid')).status, 400);
    assert.equal(
      (await a('GET', '/v1/privacy/retention/runs/00000000-0000-4000-8000-000000000000')).status,
      404,
    );
    assert.equal((await a('GET', '/v1/privacy/retention/runs?limit=0')).status, 422);
    assert.equal((await a('GET', '/v1/properties/not-a-uuid/retention')).status, 400);
  });

  it("a property's overrides win category by category; forever keeps; null is the account's", async () => {
    await a('PUT', '/v1/privacy/retention', { recordings: 90, voicemail: 30, callerData: 365 });
    const r = await a('PUT', `/v1/properties/${propertyId}/retention`, {
      recordings: 7,
      voicemail: 'forever',
      texts: 14,
      callerData: null,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.overrides, { ...KEPT, recordings: 7, voicemail: 'forever', texts: 14 });
    assert.deepEqual(r.body.account, { ...KEPT, recordings: 90, voicemail: 30, callerData: 365 });
    assert.deepEqual(r.body.effective, { ...KEPT, recordings: 7, texts: 14, callerData: 365 });
    assert.deepEqual((await a('GET', `/v1/properties/${propertyId}/retention`)).body, r.body);
  });

  it('a run starts at once (202); one real run of an account at a time, dry runs beside it', async () => {
    const first = await a('POST', '/v1/privacy/retention/runs', { dryRun: false });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    assert.equal(first.body.status, 'running');
    assert.equal(first.body.dryRun, false);
    assert.equal(first.body.workflowId, `retention-${first.body.id}`);
    const second = await a('POST', '/v1/privacy/retention/runs', { dryRun: false });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.fields[0].field, 'dryRun');
    const dry = await a('POST', '/v1/privacy/retention/runs', { dryRun: true });
    assert.equal(dry.status, 202);
    // Another account's real run is its own.
    assert.equal((await b('POST', '/v1/privacy/retention/runs', { dryRun: false })).status, 202);
    const list = (await a('GET', '/v1/privacy/retention/runs')).body.items as { id: string }[];
    assert.deepEqual(list.map((r) => r.id).sort(), [first.body.id, dry.body.id].sort());
    assert.equal((await a('GET', `/v1/privacy/retention/runs/${first.body.id}`)).body.id, first.body.id);
  });

  it('read-only and property-limited keys may read, not change the policy or start runs', async () => {
    const readOnly = (await a('POST', '/v1/api-keys', { name: 'Dashboards', readOnly: true })).body.key;
    const limited = (await a('POST', '/v1/api-keys', { name: 'Manager', propertyIds: [propertyId] })).body
      .key;
    for (const key of [readOnly, limited]) {
      const as = (m: string, p: string, body?: unknown) => http(m, `${api.url}${p}`, body, withKey(key));
      assert.equal((await as('GET', '/v1/privacy/retention')).status, 200);
      assert.equal((await as('PUT', '/v1/privacy/retention', { recordings: 1 })).status, 403);
      assert.equal((await as('POST', '/v1/privacy/retention/runs', { dryRun: true })).status, 403);
    }
    assert.equal(
      (await http('PUT', `${api.url}/v1/properties/${propertyId}/retention`, { texts: 1 }, withKey(readOnly)))
        .status,
      403,
    );
    assert.equal((await a('GET', '/v1/privacy/retention')).body.recordings, 90);
  });

  it("another account's key never reads or changes this account's policy, overrides or runs", async () => {
    const policy = (await a('GET', '/v1/privacy/retention')).body;
    const overrides = (await a('GET', `/v1/properties/${propertyId}/retention`)).body;
    const runs = (await a('GET', '/v1/privacy/retention/runs')).body.items as { id: string }[];
    // B sees and sets its own policy only.
    assert.deepEqual((await b('GET', '/v1/privacy/retention')).body, KEPT);
    assert.equal((await b('PUT', '/v1/privacy/retention', { recordings: 1, callerData: 1 })).status, 200);
    assert.equal((await b('GET', `/v1/properties/${propertyId}/retention`)).status, 404);
    assert.equal((await b('PUT', `/v1/properties/${propertyId}/retention`, { recordings: 1 })).status, 404);
    for (const r of runs) assert.equal((await b('GET', `/v1/privacy/retention/runs/${r.id}`)).status, 404);
    const bRuns = (await b('GET', '/v1/privacy/retention/runs')).body.items as { id: string }[];
    assert.ok(bRuns.every((r) => !runs.some((x) => x.id === r.id)));
    // And A cannot reach B's property either.
    assert.equal((await a('GET', `/v1/properties/${otherPropertyId}/retention`)).status, 404);
    assert.deepEqual((await a('GET', '/v1/privacy/retention')).body, policy);
    assert.deepEqual((await a('GET', `/v1/properties/${propertyId}/retention`)).body, overrides);
  });
});
