import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../apps/telnyx-sim/src';
import { api, API_KEY } from './helpers';

const CREDENTIAL_CONNECTION = '1684641123236054244';

/** On-demand telephony credentials, driven through the `telnyx` SDK as the api does for browser agents. */
describe('telephony credentials and WebRTC tokens', () => {
  let sim: TelnyxSimulator;
  let client: Telnyx;

  before(async () => {
    sim = await startTelnyxSimulator({ apiKey: API_KEY });
    client = new Telnyx({ apiKey: API_KEY, baseURL: sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
  });
  after(() => sim.close());

  it('creates a credential with a SIP username and password, readable again by id', async () => {
    const created = await client.telephonyCredentials.create({
      connection_id: CREDENTIAL_CONNECTION,
      name: 'agent-alice',
    });
    const c = created.data;
    assert.ok(c?.id);
    assert.equal(c.record_type, 'credential');
    assert.equal(c.name, 'agent-alice');
    assert.match(c.sip_username ?? '', /^gencred[a-z0-9]+$/);
    assert.ok((c.sip_password ?? '').length >= 16);
    assert.equal((c as { connection_id?: string }).connection_id, CREDENTIAL_CONNECTION);
    assert.equal(c.expired, false);

    const again = await client.telephonyCredentials.retrieve(c.id);
    assert.equal(again.data?.sip_username, c.sip_username);
    const other = await client.telephonyCredentials.create({ connection_id: CREDENTIAL_CONNECTION });
    assert.notEqual(other.data?.sip_username, c.sip_username, 'each credential has its own username');
  });

  it('issues a JWT access token as text/plain', async () => {
    const c = (await client.telephonyCredentials.create({ connection_id: CREDENTIAL_CONNECTION })).data!;
    const token = await client.telephonyCredentials.createToken(c.id!);
    assert.equal(typeof token, 'string');
    const parts = token.split('.');
    assert.equal(parts.length, 3);
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(claims.sub, c.id);
    assert.ok(Number(claims.exp) > Date.now() / 1000);

    const raw = await fetch(`${sim.apiBaseUrl}/telephony_credentials/${c.id}/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    assert.match(raw.headers.get('content-type') ?? '', /^text\/plain/);
    assert.notEqual(await raw.text(), token, 'every token is new');
  });

  it('refuses like Telnyx: bearer key, connection_id, unknown ids', async () => {
    const unauth = await api(sim, 'POST', '/telephony_credentials', { connection_id: '1' }, 'nope');
    assert.equal(unauth.status, 401);
    assert.equal(unauth.body.errors[0].code, '10009');
    const missing = await api(sim, 'POST', '/telephony_credentials', { name: 'x' });
    assert.equal(missing.status, 422);
    assert.deepEqual(
      [missing.body.errors[0].code, missing.body.errors[0].source.pointer],
      ['10004', '/connection_id'],
    );
    const wrongType = await api(sim, 'POST', '/telephony_credentials', { connection_id: 5 });
    assert.equal(wrongType.status, 422);
    assert.equal(wrongType.body.errors[0].code, '10002');
    await assert.rejects(
      client.telephonyCredentials.createToken('no-such-id'),
      (err) => err instanceof Telnyx.NotFoundError,
    );
    await assert.rejects(
      client.telephonyCredentials.retrieve('no-such-id'),
      (err) => err instanceof Telnyx.NotFoundError,
    );
  });

  it('deletes a credential, after which it has no tokens', async () => {
    const c = (await client.telephonyCredentials.create({ connection_id: CREDENTIAL_CONNECTION })).data!;
    const deleted = await client.telephonyCredentials.delete(c.id!);
    assert.equal(deleted.data?.id, c.id);
    await assert.rejects(
      client.telephonyCredentials.createToken(c.id!),
      (err) => err instanceof Telnyx.NotFoundError,
    );
  });
});
