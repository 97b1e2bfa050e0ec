import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http';
import { createLeasingDesk } from '../support/agent-desk';
import { openSse, type SseStream } from '../support/sse';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const ANN = 'sip:ann-browser@sip.telnyx.com';
const BOB = '+16175550122';

/**
 * The api side of the /agent page (docs/AGENT.md) against the real stack: an agent signs in with a
 * link, is pushed the screen pop while their browser leg rings, goes on a call and back, and ring
 * groups honour their presence.
 */
describe('agents in the browser: sign-in, presence, push channel and screen pops', () => {
  let stack: TestStack;
  let base: string;
  let token: string;
  let events: SseStream;
  const agentApi = (method: string, path: string, body?: unknown, t = token) =>
    http(method, `${stack.apiUrl}${path}`, body, { authorization: `Bearer ${t}` });

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/New_York',
    });
    base = `/v1/properties/${p.body.id}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const flowId = await createLeasingDesk(stack, base, {
      ann: { name: 'Ann', username: 'ann-browser' },
      bobNumber: BOB,
      ringTimeoutSeconds: 15,
    });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+16175550150',
      sourceId: src.body.id,
      forwardTo: BOB,
      callFlowId: flowId,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
  });

  after(async () => {
    events?.close();
    await stack?.stop();
  });

  it('signs in with a one-time link; keys and agent tokens do not open each other’s routes', async () => {
    const link = await stack.api('POST', `${base}/agents/ann/sign-in-links`);
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.match(link.body.path, /^\/agent\?code=sbc_/);
    const session = await http('POST', `${stack.apiUrl}/v1/agent/sessions`, { code: link.body.code });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    assert.deepEqual(session.body.agent, {
      id: 'ann',
      name: 'Ann',
      propertyId: base.split('/').at(-1),
      propertyName: 'Birch Court',
    });
    token = session.body.token;
    const reused = await http('POST', `${stack.apiUrl}/v1/agent/sessions`, { code: link.body.code });
    assert.equal(reused.status, 401, 'a link works once');

    assert.equal(
      (await agentApi('GET', '/v1/agent/me', undefined, stack.apiKey)).status,
      401,
      'API key on agent route',
    );
    assert.equal((await agentApi('GET', base)).status, 401, 'agent token on an API-key route');
    const me = await agentApi('GET', '/v1/agent/me');
    assert.equal(me.body.agent.presence, 'available', 'signing in makes the agent available');
    assert.deepEqual(
      me.body.trackingNumbers.map((t: any) => [t.number, t.sourceName]),
      [['+16175550150', 'Zillow']],
    );
    assert.equal((await agentApi('PUT', '/v1/agent/presence', { presence: 'on_call' })).status, 422);
  });

  it('pushes the screen pop while the browser leg rings, then connected and ended, with presence', async () => {
    events = await openSse(`${stack.apiUrl}/v1/agent/events?token=${token}`);
    assert.deepEqual(await events.next('presence'), { presence: 'available' });
    const call = await stack.sim.placeCall({
      from: '+16175550101',
      to: '+16175550150',
      caller: [{ press: '2' }, { hangup_after_s: 30 }],
      agents: { [ANN]: { answer_after_s: 2, hangup_after_s: 4 }, [BOB]: 'no_answer' },
    });
    const ringing = await events.next('ringing', (d) => d.callSessionId === call.call_session_id);
    assert.deepEqual(
      {
        from: ringing.from,
        trackingNumber: ringing.trackingNumber,
        source: ringing.source,
        firstTime: ringing.firstTime,
        priorCalls: ringing.priorCalls,
        path: ringing.path,
        previousCall: ringing.previousCall,
      },
      {
        from: '+16175550101',
        trackingNumber: '+16175550150',
        source: 'Zillow',
        firstTime: true,
        priorCalls: 0,
        path: ['menu', 'leasing'],
        previousCall: null,
      },
    );
    const connected = await events.next('connected', (d) => d.callControlId === ringing.callControlId);
    assert.ok(connected);
    await events.next('presence', (d) => d.presence === 'on_call');
    assert.equal((await agentApi('GET', '/v1/agent/me')).body.agent.presence, 'on_call');
    await events.next('ended', (d) => d.callControlId === ringing.callControlId);
    await events.next('presence', (d) => d.presence === 'available');

    const recent = await eventually('recent call', async () => {
      const r = await agentApi('GET', '/v1/agent/calls');
      return r.body.items.length === 1 ? r.body.items : undefined;
    });
    assert.deepEqual(
      [recent[0].direction, recent[0].from, recent[0].trackingNumber, recent[0].outcome],
      ['inbound', '+16175550101', '+16175550150', 'answered'],
    );
  });

  it('tells the agent when someone else answered, and the repeat caller’s screen shows the history', async () => {
    const call = await stack.sim.placeCall({
      from: '+16175550101',
      to: '+16175550150',
      caller: [{ press: '2' }, { hangup_after_s: 10 }],
      agents: { [ANN]: 'no_answer', [BOB]: { answer_after_s: 1, hangup_after_s: 2 } },
    });
    const ringing = await events.next('ringing', (d) => d.callSessionId === call.call_session_id);
    assert.deepEqual([ringing.firstTime, ringing.priorCalls], [false, 1]);
    assert.deepEqual(ringing.previousCall, { score: null, leadStatus: 'not_scored' });
    await events.next('answered_elsewhere', (d) => d.callControlId === ringing.callControlId);
  });

  it('an agent who is away is not rung', async () => {
    await agentApi('PUT', '/v1/agent/presence', { presence: 'away' });
    await events.next('presence', (d) => d.presence === 'away');
    const call = await stack.sim.placeCall({
      from: '+16175550133',
      to: '+16175550150',
      caller: [{ press: '2' }, { hangup_after_s: 10 }],
      agents: { [ANN]: { answer_after_s: 1 }, [BOB]: { answer_after_s: 1, hangup_after_s: 2 } },
    });
    const record = await eventually(
      'record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${call.call_session_id}`)).body.items[0],
      30_000,
    );
    assert.equal(record.answeredBy, BOB);
    const dialled = stack.sim
      .session(call.call_session_id)!
      .commands.filter((c) => c.action === 'dial')
      .map((c) => (c.body as { to: string }).to);
    assert.deepEqual(dialled, [BOB], 'only Bob was rung');
    assert.equal((await agentApi('DELETE', '/v1/agent/sessions/current')).status, 204);
    assert.equal((await agentApi('GET', '/v1/agent/me')).status, 401, 'signed out');
  });
});
