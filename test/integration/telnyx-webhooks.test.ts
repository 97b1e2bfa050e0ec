import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { INBOUND_CALL_WORKFLOW, callWorkflowId } from '@switchboard/contracts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { testServers } from '../support/test-env';

function keyPair(): { privateKey: KeyObject; publicB64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicB64 = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  return { privateKey, publicB64 };
}

function initiated(sessionId: string, id = randomUUID()): string {
  return JSON.stringify({
    data: {
      record_type: 'event',
      event_type: 'call.initiated',
      id,
      occurred_at: '2026-11-23T15:00:00.000000Z',
      payload: {
        call_control_id: `v3:${sessionId}`,
        call_leg_id: randomUUID(),
        call_session_id: sessionId,
        connection_id: 'c1',
        client_state: null,
        direction: 'incoming',
        state: 'parked',
        from: '+13125550100',
        to: '+13125550199',
      },
    },
    meta: { attempt: 1 },
  });
}

describe('Telnyx webhook endpoint', () => {
  const keys = keyPair();
  let api: ApiOnly;
  let db: Pool;
  let client: Client;

  const signed = (body: string, key = keys.privateKey, ts = Math.floor(Date.now() / 1000)) => ({
    'content-type': 'application/json',
    'telnyx-timestamp': String(ts),
    'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), key).toString('base64'),
  });
  const post = (body: string, headers: Record<string, string>) =>
    api.request('POST', '/webhooks/telnyx', body, headers);
  const stored = async (id: string) =>
    (await db.query('SELECT count(*)::int AS n FROM carrier_events WHERE id = $1', [id])).rows[0].n as number;

  before(async () => {
    api = await startApiOnly({ TELNYX_PUBLIC_KEY: keys.publicB64 });
    db = new Pool({ connectionString: api.dbUrl, max: 2 });
    client = new Client({ connection: await Connection.connect({ address: testServers().temporalAddress }) });
  });
  after(async () => {
    await db?.end();
    await client?.connection.close();
    await api?.stop();
  });

  it('stores a signed event once and starts the call workflow; a redelivery is acknowledged and dropped', async () => {
    const session = randomUUID();
    const id = randomUUID();
    const body = initiated(session, id);
    const first = await post(body, signed(body));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.status, 'started');
    const again = await post(body, signed(body));
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'duplicate');
    assert.equal(await stored(id), 1);
    const desc = await client.workflow.getHandle(callWorkflowId(session)).describe();
    assert.equal(desc.taskQueue, api.taskQueue);
    assert.equal(desc.type, INBOUND_CALL_WORKFLOW);
    await client.workflow.getHandle(callWorkflowId(session)).terminate('test over');
  });

  it('acknowledges a replayed event (same id, re-sent as captured or re-signed) without signalling or storing it again', async () => {
    const session = randomUUID();
    const id = randomUUID();
    const body = initiated(session, id);
    const captured = signed(body);
    assert.equal((await post(body, captured)).body.status, 'started');
    // The exact request replayed (within the signature's tolerance), and the event re-signed later.
    const replayed = await post(body, captured);
    const resigned = await post(body, signed(body, keys.privateKey, Math.floor(Date.now() / 1000) + 1));
    for (const r of [replayed, resigned]) {
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'duplicate');
    }
    assert.equal(await stored(id), 1);
    const handle = client.workflow.getHandle(callWorkflowId(session));
    const history = await handle.fetchHistory();
    const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes);
    assert.equal(signals.length, 1, 'signalled once');
    await handle.terminate('test over');
  });

  const refusals: { name: string; headers: (body: string) => Record<string, string>; status: number }[] = [
    {
      name: 'no signature',
      headers: () => ({
        'content-type': 'application/json',
        'telnyx-timestamp': String(Math.floor(Date.now() / 1000)),
      }),
      status: 401,
    },
    { name: 'signature by another key', headers: (b) => signed(b, keyPair().privateKey), status: 401 },
    {
      name: 'stale timestamp (replay)',
      headers: (b) => signed(b, keys.privateKey, Math.floor(Date.now() / 1000) - 600),
      status: 401,
    },
    {
      name: 'future timestamp',
      headers: (b) => signed(b, keys.privateKey, Math.floor(Date.now() / 1000) + 600),
      status: 401,
    },
    {
      name: 'body altered after signing',
      headers: (b) => signed(b.replace('+13125550100', '+13125550101')),
      status: 401,
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} with ${r.status}, storing and signalling nothing`, async () => {
      const session = randomUUID();
      const id = randomUUID();
      const body = initiated(session, id);
      const res = await post(body, r.headers(body));
      assert.equal(res.status, r.status, JSON.stringify(res.body));
      assert.equal(await stored(id), 0);
      await assert.rejects(client.workflow.getHandle(callWorkflowId(session)).describe(), /not found/i);
    });
  }

  it('answers 400 naming the field for a signed but malformed event, and 413 for an oversized body', async () => {
    const body = JSON.stringify({
      data: { event_type: 'call.initiated', occurred_at: '2026-11-23T15:00:00Z' },
    });
    const res = await post(body, signed(body));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.fields[0].field, 'data.id');
    const big = JSON.stringify({ data: { pad: 'x'.repeat(400_000) } });
    const tooBig = await post(big, signed(big));
    assert.equal(tooBig.status, 413);
  });
});
