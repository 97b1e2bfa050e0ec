import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  action,
  api,
  payloadOf,
  startHarness,
  webhookContractErrors,
  type Delivery,
  type Harness,
} from './helpers';

const CALLER = '+15125550142';
const NUMBER = '+17375550100';
const AGENT = 'sip:gencredalice@sip.telnyx.com';

/** A browser agent's leg: rung at its SIP address, answered or declined by a person through /sim/legs. */
describe('browser endpoints driven by the control API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
  });
  after(() => h.close());

  const p = (d: Delivery) => payloadOf(d);
  const event = (type: string, id: string) => h.hooks.waitForEvent(type, id, 8000);
  const control = async (id: string, what: string, body?: unknown, origin?: string) => {
    const res = await fetch(`${h.sim.url}/sim/legs/${encodeURIComponent(id)}/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };

  async function inboundWithAgentRinging(dialExtra: Record<string, unknown> = {}) {
    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER });
    assert.equal((await action(h.sim, placed.call_control_id, 'answer')).status, 200);
    const dial = await api(h.sim, 'POST', '/calls', {
      connection_id: h.sim.connectionId,
      from: NUMBER,
      to: AGENT,
      link_to: placed.call_control_id,
      bridge_on_answer: true,
      timeout_secs: 30,
      ...dialExtra,
    });
    assert.equal(dial.status, 200, JSON.stringify(dial.body));
    const agent = dial.body.data.call_control_id as string;
    const initiated = await event('call.initiated', agent);
    assert.deepEqual(
      [p(initiated).direction, p(initiated).state, p(initiated).to],
      ['outgoing', 'bridging', AGENT],
    );
    return { caller: placed.call_control_id, agent, session: placed.call_session_id };
  }

  it('rings until the person answers, then bridges as the dial asked', async () => {
    const { caller, agent, session } = await inboundWithAgentRinging();
    // No script: it keeps ringing (a scripted no-answer agent would too, but nothing answers it).
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(h.hooks.eventTypesOf(agent), ['call.initiated']);

    const answered = await control(agent, 'answer', {});
    assert.equal(answered.status, 200);
    assert.deepEqual(answered.body, { call_control_id: agent, state: 'answered' });
    assert.equal(p(await event('call.bridged', caller)).call_control_id, caller);
    await event('call.bridged', agent);
    assert.deepEqual(h.hooks.eventTypesOf(agent), ['call.initiated', 'call.answered', 'call.bridged']);

    assert.equal((await control(agent, 'dtmf', { digits: '12#' })).status, 200);
    await h.hooks.waitFor(
      (d) =>
        d.data.event_type === 'call.dtmf.received' && p(d).call_control_id === agent && p(d).digit === '#',
      8000,
    );
    const digits = h.hooks
      .events()
      .filter((d) => d.data.event_type === 'call.dtmf.received' && p(d).call_control_id === agent)
      .map((d) => p(d).digit);
    assert.deepEqual(digits, ['1', '2', '#']);

    assert.equal((await control(agent, 'hangup')).status, 200);
    const hangup = p(await event('call.hangup', agent));
    assert.deepEqual(
      [hangup.hangup_cause, hangup.hangup_source, hangup.sip_hangup_cause],
      ['normal_clearing', 'callee', '200'],
    );
    // The caller follows the agent (no park_after_unbridge).
    assert.equal(p(await event('call.hangup', caller)).hangup_cause, 'normal_clearing');

    const timeline = h.sim.session(session);
    const leg = timeline?.legs.find((l) => l.call_control_id === agent);
    assert.equal(leg?.bridged_with, caller);
    assert.equal(leg?.state, 'hangup');
    for (const d of h.hooks.events().filter((e) => p(e).call_control_id === agent))
      assert.deepEqual(webhookContractErrors(d), [], `${d.data.event_type} keeps the contract`);
  });

  it('declines: call.hangup call_rejected from the callee, the caller stays', async () => {
    const { caller, agent } = await inboundWithAgentRinging();
    assert.equal((await control(agent, 'reject')).status, 200);
    const hangup = p(await event('call.hangup', agent));
    assert.deepEqual(
      [hangup.hangup_cause, hangup.hangup_source, hangup.sip_hangup_cause],
      ['call_rejected', 'callee', '603'],
    );
    assert.equal(h.hooks.eventTypesOf(caller).includes('call.hangup'), false);
    await action(h.sim, caller, 'hangup');
  });

  it('still times out when nobody answers within timeout_secs', async () => {
    const { caller, agent } = await inboundWithAgentRinging({ timeout_secs: 2 });
    const hangup = p(await event('call.hangup', agent));
    assert.equal(hangup.hangup_cause, 'timeout');
    const late = await control(agent, 'answer', {});
    assert.equal(late.status, 409);
    assert.match(String(late.body.error), /state hangup/);
    await action(h.sim, caller, 'hangup');
  });

  it('refuses what a person could not do, naming why', async () => {
    const { caller, agent } = await inboundWithAgentRinging();
    assert.equal((await control(agent, 'dtmf', { digits: '1' })).status, 409, 'no DTMF while ringing');
    assert.equal((await control('v3:nope', 'answer')).status, 404);
    assert.equal((await control(caller, 'answer')).status, 409, 'the inbound leg is not a browser leg');
    const badDigits = await control(agent, 'dtmf', { digits: 'x' });
    assert.equal(badDigits.status, 400);
    assert.match(String(badDigits.body.error), /^digits:/);
    assert.equal((await control(agent, 'wave')).status, 404);

    // A scripted agent at a SIP address keeps its script: it is not under the control API.
    const scripted = await h.sim.placeCall({
      from: CALLER,
      to: NUMBER,
      agents: { [AGENT]: { answer_after_s: 1 } },
    });
    await action(h.sim, scripted.call_control_id, 'answer');
    const dial = await api(h.sim, 'POST', '/calls', {
      connection_id: h.sim.connectionId,
      from: NUMBER,
      to: AGENT,
      link_to: scripted.call_control_id,
    });
    assert.equal((await control(dial.body.data.call_control_id as string, 'answer')).status, 409);
    await event('call.answered', dial.body.data.call_control_id as string);

    await control(agent, 'reject');
    await action(h.sim, caller, 'hangup');
    await action(h.sim, scripted.call_control_id, 'hangup');
  });

  it('answers CORS on the leg routes only, not on the Telnyx API', async () => {
    const { caller, agent } = await inboundWithAgentRinging();
    const preflight = await fetch(`${h.sim.url}/sim/legs/${encodeURIComponent(agent)}/answer`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/);
    const answered = await control(agent, 'answer', {}, 'http://127.0.0.1:3000');
    assert.equal(answered.headers.get('access-control-allow-origin'), '*');
    const refused = await control(agent, 'answer', {}, 'http://127.0.0.1:3000');
    assert.equal(refused.status, 409);
    assert.equal(
      refused.headers.get('access-control-allow-origin'),
      '*',
      'errors are readable by the page too',
    );

    const telnyxApi = await api(h.sim, 'GET', `/calls/${encodeURIComponent(agent)}`);
    assert.equal(telnyxApi.headers.get('access-control-allow-origin'), null);
    const otherControl = await fetch(`${h.sim.url}/sim/health`);
    assert.equal(otherControl.headers.get('access-control-allow-origin'), null);
    await action(h.sim, caller, 'hangup');
  });

  it('plays a click-to-call: the browser answers, the callee follows the simulator-wide script', async () => {
    const CALLEE = '+15125550177';
    const set = await fetch(`${h.sim.url}/sim/agents`, {
      method: 'POST',
      body: JSON.stringify({ agents: { [CALLEE]: { answer_after_s: 1 } } }),
    });
    assert.deepEqual(await set.json(), { agents: { [CALLEE]: { answer_after_s: 1 } } });
    const badScript = await fetch(`${h.sim.url}/sim/agents`, {
      method: 'POST',
      body: JSON.stringify({ agents: { [CALLEE]: 'sometimes' } }),
    });
    assert.equal(badScript.status, 400);

    // The app first rings the agent's browser (no link_to: a session of its own)…
    const dial = await api(h.sim, 'POST', '/calls', {
      connection_id: h.sim.connectionId,
      from: NUMBER,
      to: AGENT,
    });
    const agent = dial.body.data.call_control_id as string;
    await event('call.initiated', agent);
    assert.equal((await control(agent, 'answer')).status, 200);
    await event('call.answered', agent);
    // …then the callee, linked to the agent's leg; the session names no agents, the default answers.
    const calleeDial = await api(h.sim, 'POST', '/calls', {
      connection_id: h.sim.connectionId,
      from: NUMBER,
      to: CALLEE,
      link_to: agent,
      bridge_on_answer: true,
    });
    const callee = calleeDial.body.data.call_control_id as string;
    await event('call.bridged', callee);
    await event('call.bridged', agent);
    await control(agent, 'hangup');
    assert.equal(p(await event('call.hangup', callee)).hangup_source, 'caller');
    h.sim.setDefaultAgents({});
  });
});
