import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import { api, startHarness, webhookContractErrors, type Harness } from './helpers';

/** Telnyx messaging on the simulator: sending through the SDK, inbound texts as signed webhooks. */
describe('messaging', () => {
  let h: Harness;
  let client: Telnyx;
  before(async () => {
    h = await startHarness();
    client = new Telnyx({ apiKey: 'test-key', baseURL: h.sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
  });
  after(() => h.close());

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.sim.url}/sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('sends a message through the SDK and lists it on the control API', async () => {
    const res = await client.messages.send({ from: '+13125550199', to: '+13125550111', text: 'Hello there' });
    assert.equal(res.data?.direction, 'outbound');
    assert.equal(res.data?.text, 'Hello there');
    assert.equal(res.data?.to?.[0]?.phone_number, '+13125550111');
    assert.equal(res.data?.to?.[0]?.status, 'queued');
    const listed = await control('GET', '/messages');
    assert.deepEqual(
      listed.body.sent.map((m: any) => [m.id, m.from, m.to, m.text]),
      [[res.data?.id, '+13125550199', '+13125550111', 'Hello there']],
    );
    assert.deepEqual(
      h.sim.sentMessages().map((m) => m.id),
      [res.data?.id],
    );
  });

  it('validates the send request against its schema and Telnyx messaging rules', async () => {
    const noTo = await api(h.sim, 'POST', '/messages', { from: '+13125550199', text: 'x' });
    assert.equal(noTo.status, 422);
    assert.equal(noTo.body.errors[0].code, '10004');
    assert.equal(noTo.body.errors[0].source.pointer, '/to');
    const badType = await api(h.sim, 'POST', '/messages', {
      to: '+13125550111',
      from: '+13125550199',
      type: 'FAX',
    });
    assert.equal(badType.status, 422);
    assert.equal(badType.body.errors[0].code, '10032');
    const badTo = await api(h.sim, 'POST', '/messages', { to: 'nobody', from: '+13125550199', text: 'x' });
    assert.equal(badTo.status, 422);
    assert.equal(badTo.body.errors[0].code, '40310');
    const noFrom = await api(h.sim, 'POST', '/messages', { to: '+13125550111', text: 'x' });
    assert.equal(noFrom.status, 422);
    assert.equal(noFrom.body.errors[0].source.pointer, '/from');
    const unauthorised = await api(h.sim, 'POST', '/messages', { to: '+13125550111' }, 'wrong');
    assert.equal(unauthorised.status, 401);
    const wrongMethod = await api(h.sim, 'GET', '/messages');
    assert.equal(wrongMethod.status, 404);
    assert.equal(h.sim.sentMessages().length, 1, 'refused sends are not recorded');
  });

  it('delivers an inbound text as a signed message.received webhook that keeps its schema', async () => {
    const placed = await control('POST', '/messages', {
      from: '+13125550100',
      to: '+13125550199',
      text: 'Is the 2BR free?',
    });
    assert.equal(placed.status, 201);
    const d = await h.hooks.waitFor((x) => x.data.id === placed.body.event_id);
    assert.equal(d.signatureValid, true);
    assert.equal(d.data.event_type, 'message.received');
    assert.deepEqual(webhookContractErrors(d), []);
    const p = d.data.payload as any;
    assert.equal(p.id, placed.body.message_id);
    assert.equal(p.direction, 'inbound');
    assert.equal(p.from.phone_number, '+13125550100');
    assert.equal(p.to[0].phone_number, '+13125550199');
    assert.equal(p.text, 'Is the 2BR free?');
    await h.sim.idle();
    const listed = await control('GET', '/messages');
    const received = listed.body.received.find((r: any) => r.event_id === placed.body.event_id);
    assert.equal(received.webhook.delivered, true);
  });

  it('retries a refused delivery with the same event id, and keeps a conversation in order', async () => {
    let refused = 0;
    h.hooks.respond = (d) => (d.data.event_type === 'message.received' && refused++ === 0 ? 500 : 200);
    const first = h.sim.receiveText({ from: '+13125550101', to: '+13125550199', text: 'one' });
    const second = h.sim.receiveText({ from: '+13125550101', to: '+13125550199', text: 'two' });
    await h.sim.idle();
    h.hooks.respond = () => 200;
    const got = h.hooks.deliveries
      .filter((d) => [first.event_id, second.event_id].includes(d.data.id))
      .map((d) => `${(d.data.payload as { text: string }).text}#${d.meta.attempt}`);
    assert.deepEqual(got, ['one#1', 'one#2', 'two#1']);
  });

  it('refuses a malformed inbound text', async () => {
    const r = await control('POST', '/messages', { from: 'me', to: '+13125550199', text: 'x' });
    assert.equal(r.status, 400);
    assert.match(r.body.error, /from/);
    assert.throws(() => h.sim.receiveText({ from: '+13125550100', to: '+13125550199', text: '' }));
  });
});
