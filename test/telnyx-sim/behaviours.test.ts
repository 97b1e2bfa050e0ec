import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  action,
  api,
  cs,
  payloadOf,
  scenarioGapS,
  startHarness,
  type Delivery,
  type Harness,
} from './helpers';
import type { CallerStep, AgentBehaviour } from '../../apps/telnyx-sim/src';

const CALLER = '+15125550142';
const NUMBER = '+17375550100';

describe('caller and agent behaviours', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
  });
  after(() => h.close());

  async function answered(caller: CallerStep[] = [], agents: Record<string, AgentBehaviour> = {}) {
    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER, caller, agents });
    assert.equal((await action(h.sim, placed.call_control_id, 'answer')).status, 200);
    return placed.call_control_id;
  }

  async function dial(linkTo: string, to: string, extra: Record<string, unknown> = {}): Promise<string> {
    const r = await api(h.sim, 'POST', '/calls', {
      connection_id: h.sim.connectionId,
      from: NUMBER,
      to,
      link_to: linkTo,
      ...extra,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data.call_control_id as string;
  }

  const event = (type: string, id: string) => h.hooks.waitForEvent(type, id, 8000);
  const p = (d: Delivery) => payloadOf(d);

  it('plays agents: busy, never answering, rejecting, answering, answering too late', async () => {
    const inbound = await answered([], {
      '+15125550001': 'busy',
      '+15125550003': 'reject',
      '+15125550004': { answer_after_s: 2 },
      '+15125550005': { answer_after_s: 10 },
    });
    const busy = await dial(inbound, '+15125550001');
    const silent = await dial(inbound, '+15125550002', { timeout_secs: 5 });
    const rejecting = await dial(inbound, '+15125550003');
    const answering = await dial(inbound, '+15125550004');
    const late = await dial(inbound, '+15125550005', { timeout_secs: 5 });

    const busyHangup = p(await event('call.hangup', busy));
    assert.deepEqual(
      [busyHangup.hangup_cause, busyHangup.sip_hangup_cause, busyHangup.hangup_source],
      ['user_busy', '486', 'callee'],
    );
    const silentHangup = await event('call.hangup', silent);
    assert.deepEqual([p(silentHangup).hangup_cause, p(silentHangup).sip_hangup_cause], ['timeout', '487']);
    assert.ok(Math.abs(scenarioGapS(await event('call.initiated', silent), silentHangup) - 5) < 0.01);
    const rejected = p(await event('call.hangup', rejecting));
    assert.deepEqual([rejected.hangup_cause, rejected.sip_hangup_cause], ['call_rejected', '603']);
    const answer = await event('call.answered', answering);
    assert.ok(Math.abs(scenarioGapS(await event('call.initiated', answering), answer) - 2) < 0.01);
    const lateHangup = await event('call.hangup', late);
    assert.equal(p(lateHangup).hangup_cause, 'timeout');
    assert.deepEqual(h.hooks.eventTypesOf(late), ['call.initiated', 'call.hangup']);
    assert.deepEqual(h.hooks.eventTypesOf(busy), ['call.initiated', 'call.hangup']);
    assert.equal(
      h.hooks.eventTypesOf(inbound).includes('call.hangup'),
      false,
      'agent failures leave the caller up',
    );
    await action(h.sim, inbound, 'hangup');
    await action(h.sim, answering, 'hangup');
  });

  it('lets the caller hang up during the greeting (speak ends with call_hangup first)', async () => {
    // 10 s leaves the app 500 ms of real time to start the greeting, even on a loaded machine.
    const inbound = await answered([{ hangup_after_s: 10 }]);
    await action(h.sim, inbound, 'speak', { payload: 'x'.repeat(400), voice: 'female' });
    const hangup = await event('call.hangup', inbound);
    assert.deepEqual(h.hooks.eventTypesOf(inbound), [
      'call.initiated',
      'call.answered',
      'call.speak.started',
      'call.speak.ended',
      'call.hangup',
    ]);
    const speakEnded = await event('call.speak.ended', inbound);
    assert.equal(p(speakEnded).status, 'call_hangup');
    assert.deepEqual([p(hangup).hangup_cause, p(hangup).hangup_source], ['normal_clearing', 'caller']);
    assert.ok(Math.abs(scenarioGapS(await event('call.answered', inbound), hangup) - 10) < 0.01);
    const late = await action(h.sim, inbound, 'hangup');
    assert.equal(late.body.errors[0].code, '90018');
  });

  it('hangs up the other leg when a bridged agent hangs up (bridge_on_answer)', async () => {
    const agentNumber = '+15125550010';
    const inbound = await answered([], { [agentNumber]: { answer_after_s: 1, hangup_after_s: 2 } });
    const agent = await dial(inbound, agentNumber, { bridge_on_answer: true, client_state: cs('agent') });
    const agentHangup = await event('call.hangup', agent);
    const inboundHangup = await event('call.hangup', inbound);
    assert.deepEqual(h.hooks.eventTypesOf(agent), [
      'call.initiated',
      'call.answered',
      'call.bridged',
      'call.hangup',
    ]);
    assert.deepEqual(
      [p(agentHangup).hangup_cause, p(agentHangup).hangup_source],
      ['normal_clearing', 'callee'],
    );
    assert.deepEqual(
      [p(inboundHangup).hangup_cause, p(inboundHangup).hangup_source],
      ['normal_clearing', 'callee'],
    );
    assert.ok(Math.abs(scenarioGapS(await event('call.bridged', agent), agentHangup) - 2) < 0.01);
  });

  it('hangs up the agent when the app hangs up the bridged caller, unless parked after unbridge', async () => {
    const agentNumber = '+15125550011';
    const inbound = await answered([], { [agentNumber]: { answer_after_s: 0.5 } });
    const agent = await dial(inbound, agentNumber);
    await event('call.answered', agent);
    assert.equal((await action(h.sim, inbound, 'bridge', { call_control_id: agent })).status, 200);
    await event('call.bridged', inbound);
    await action(h.sim, inbound, 'hangup');
    const agentHangup = await event('call.hangup', agent);
    assert.deepEqual(
      [p(agentHangup).hangup_cause, p(agentHangup).hangup_source],
      ['normal_clearing', 'caller'],
    );

    const parked = await answered([], { [agentNumber]: { answer_after_s: 0.5, hangup_after_s: 1 } });
    const agent2 = await dial(parked, agentNumber);
    await event('call.answered', agent2);
    await action(h.sim, parked, 'bridge', { call_control_id: agent2, park_after_unbridge: 'self' });
    await event('call.hangup', agent2);
    const status = await api(h.sim, 'GET', `/calls/${parked}`);
    assert.equal(status.body.data.is_alive, true, 'parked after unbridge');
    assert.equal(
      (await action(h.sim, parked, 'speak', { payload: 'Leave a message', voice: 'female' })).status,
      200,
    );
    await event('call.speak.started', parked);
    await action(h.sim, parked, 'hangup');
    await event('call.hangup', parked);
  });

  it('transfers: the new leg joins the session and is bridged on answer; a failed transfer keeps the caller', async () => {
    const good = '+15125550020';
    const busy = '+15125550021';
    const inbound = await answered([], { [good]: { answer_after_s: 1 }, [busy]: 'busy' });
    assert.equal((await action(h.sim, inbound, 'transfer', { to: busy, timeout_secs: 10 })).status, 200);
    const failed = await h.hooks.waitFor(
      (d) => d.data.event_type === 'call.hangup' && p(d).to === busy,
      8000,
    );
    assert.equal(p(failed).hangup_cause, 'user_busy');
    assert.equal((await api(h.sim, 'GET', `/calls/${inbound}`)).body.data.is_alive, true);

    await action(h.sim, inbound, 'transfer', { to: good, target_leg_client_state: cs('target') });
    const initiated = await h.hooks.waitFor(
      (d) => d.data.event_type === 'call.initiated' && p(d).to === good,
      8000,
    );
    const leg = p(initiated).call_control_id;
    assert.equal(p(initiated).client_state, cs('target'));
    assert.equal(p(initiated).call_session_id, p(failed).call_session_id);
    await event('call.bridged', leg);
    assert.deepEqual(h.hooks.eventTypesOf(leg), ['call.initiated', 'call.answered', 'call.bridged']);
    assert.equal(h.hooks.eventTypesOf(inbound).at(-1), 'call.bridged');
    await action(h.sim, leg, 'hangup');
    await event('call.hangup', inbound);
  });

  it('runs gathers one press step per try: retries, invalid prompt, timeout, terminator, late press', async () => {
    const inbound = await answered([
      { press: '9' },
      { press: '2', after_s: 1 },
      { press: '' },
      { press: '123#' },
      { press: '5', after_s: 10 },
      { hangup_after_s: 1 },
    ]);
    const gatherEnded = async (n: number) => {
      await h.hooks.waitFor(
        () => h.hooks.eventTypesOf(inbound).filter((t) => t === 'call.gather.ended').length >= n,
        8000,
        `gather.ended #${n}`,
      );
      return h.hooks
        .events()
        .filter((d) => d.data.event_type === 'call.gather.ended' && p(d).call_control_id === inbound)[n - 1];
    };

    await action(h.sim, inbound, 'gather_using_speak', {
      payload: 'Press 1 or 2',
      invalid_payload: 'Sorry',
      voice: 'female',
      valid_digits: '12',
      maximum_digits: 1,
      maximum_tries: 2,
    });
    const first = await gatherEnded(1);
    assert.deepEqual([p(first).digits, p(first).status], ['2', 'valid']);
    assert.deepEqual(h.hooks.eventTypesOf(inbound).slice(2), [
      'call.speak.started',
      'call.speak.ended',
      'call.dtmf.received',
      'call.speak.started',
      'call.speak.ended',
      'call.speak.started',
      'call.speak.ended',
      'call.dtmf.received',
      'call.gather.ended',
    ]);

    await action(h.sim, inbound, 'gather_using_audio', {
      audio_url: 'https://example.org/menu.mp3',
      maximum_tries: 1,
      timeout_millis: 2000,
    });
    const second = await gatherEnded(2);
    assert.deepEqual([p(second).digits, p(second).status], ['', 'timeout']);
    const playbackEnded = await event('call.playback.ended', inbound);
    assert.equal(p(playbackEnded).media_url, 'https://example.org/menu.mp3');
    assert.ok(Math.abs(scenarioGapS(playbackEnded, second) - 2) < 0.01);

    await action(h.sim, inbound, 'gather', { maximum_digits: 5 });
    const third = await gatherEnded(3);
    assert.deepEqual([p(third).digits, p(third).status], ['123', 'valid']);
    const digits = h.hooks
      .events()
      .filter((d) => d.data.event_type === 'call.dtmf.received' && p(d).call_control_id === inbound)
      .map((d) => p(d).digit);
    assert.deepEqual(digits.slice(-4), ['1', '2', '3', '#']);

    await action(h.sim, inbound, 'gather', { initial_timeout_millis: 3000 });
    const fourth = await gatherEnded(4);
    assert.deepEqual([p(fourth).digits, p(fourth).status], ['', 'timeout']);

    const hangup = await event('call.hangup', inbound);
    assert.equal(p(hangup).hangup_source, 'caller');
    assert.ok(
      Math.abs(scenarioGapS(fourth, hangup) - 1) < 0.01,
      'hangup_after_s counts from the previous step',
    );
  });

  it('reports invalid input, gather_stop and infinite playback stopped', async () => {
    const inbound = await answered([{ press: '7' }]);
    await action(h.sim, inbound, 'gather', { valid_digits: '12', maximum_digits: 1 });
    const invalid = await event('call.gather.ended', inbound);
    assert.deepEqual([p(invalid).digits, p(invalid).status], ['7', 'invalid']);

    await action(h.sim, inbound, 'gather_using_speak', { payload: 'x'.repeat(100), voice: 'female' });
    await event('call.speak.started', inbound);
    await action(h.sim, inbound, 'gather_stop');
    await h.hooks.waitFor(
      (d) => d.data.event_type === 'call.gather.ended' && p(d).status === 'cancelled',
      8000,
    );

    await action(h.sim, inbound, 'playback_start', {
      audio_url: 'https://example.org/hold.mp3',
      loop: 'infinity',
    });
    await event('call.playback.started', inbound);
    await action(h.sim, inbound, 'playback_stop');
    const stopped = await event('call.playback.ended', inbound);
    assert.equal(p(stopped).status, 'cancelled');
    await action(h.sim, inbound, 'hangup');
  });

  it('honours hangup_at_s before the app answers (originator_cancel)', async () => {
    const abandoning = await h.sim.placeCall({ from: CALLER, to: NUMBER, caller: [{ hangup_at_s: 2 }] });
    const gone = await event('call.hangup', abandoning.call_control_id);
    assert.deepEqual(
      [p(gone).hangup_cause, p(gone).hangup_source, p(gone).sip_hangup_cause],
      ['originator_cancel', 'caller', '487'],
    );
    assert.ok(
      Math.abs(scenarioGapS(await event('call.initiated', abandoning.call_control_id), gone) - 2) < 0.01,
    );
  });

  it('queues: enqueue → call.enqueued, hangup while queued → call.dequeued', async () => {
    const inbound = await answered();
    await action(h.sim, inbound, 'enqueue', { queue_name: 'sales' });
    const enq = await event('call.enqueued', inbound);
    assert.deepEqual([p(enq).queue, p(enq).current_position], ['sales', 1]);
    const again = await action(h.sim, inbound, 'enqueue', { queue_name: 'sales' });
    assert.equal(again.body.errors[0].code, '90038');
    await action(h.sim, inbound, 'hangup');
    const deq = await event('call.dequeued', inbound);
    assert.equal(p(deq).reason, 'hangup');
    await event('call.hangup', inbound);
    assert.deepEqual(h.hooks.eventTypesOf(inbound).slice(-2), ['call.dequeued', 'call.hangup']);
  });

  it('settles: idle() resolves once every call ended and every webhook was delivered', async () => {
    await h.sim.idle();
    const sessions = h.sim.sessions();
    assert.ok(sessions.length > 0);
    assert.ok(sessions.every((s) => !s.alive && s.webhooks.every((w) => w.delivered)));
    assert.deepEqual(h.hooks.reactionErrors, []);
  });
});
