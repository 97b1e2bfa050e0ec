import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import {
  cs,
  payloadOf,
  scenarioGapS,
  startHarness,
  webhookContractErrors,
  type Delivery,
  type Harness,
} from './helpers';

const CALLER = '+15125550142';
const TRACKING_NUMBER = '+17375550100';
const AGENT = '+15125550111';

/**
 * One realistic inbound call driven through the `telnyx` SDK, as the app would drive it:
 * answer → greeting → menu (gather_using_speak, caller presses 1) → dial agent → bridge →
 * record → caller hangs up 10 s after being connected.
 */
describe('Telnyx contract: a scripted call end to end', () => {
  let h: Harness;
  let client: Telnyx;
  let inbound = '';
  let agent = '';
  const sdkResponses: unknown[] = [];

  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
    client = new Telnyx({ apiKey: 'test-key', baseURL: h.sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
    let greeted = false;
    h.hooks.on(async (d: Delivery) => {
      const p = payloadOf(d);
      const id = p.call_control_id;
      switch (d.data.event_type) {
        case 'call.initiated':
          if (p.direction === 'incoming') {
            sdkResponses.push(
              await client.calls.actions.answer(id, {
                client_state: cs({ step: 'answered' }),
                command_id: randomUUID(),
              }),
            );
          }
          break;
        case 'call.answered':
          if (id === inbound) {
            await client.calls.actions.speak(id, {
              payload: 'Welcome to Sunset Apartments',
              voice: 'female',
              client_state: cs({ step: 'greeting' }),
              command_id: randomUUID(),
            });
          } else {
            await client.calls.actions.bridge(inbound, {
              call_control_id_to_bridge_with: id,
              client_state: cs({ step: 'bridged' }),
              command_id: randomUUID(),
            });
            await client.calls.actions.startRecording(inbound, {
              format: 'mp3',
              channels: 'dual',
              command_id: randomUUID(),
            });
          }
          break;
        case 'call.speak.ended':
          if (id === inbound && !greeted) {
            greeted = true;
            await client.calls.actions.gatherUsingSpeak(id, {
              payload: 'Press 1 for leasing',
              voice: 'female',
              valid_digits: '12',
              maximum_digits: 1,
              client_state: cs({ step: 'menu' }),
              command_id: randomUUID(),
            });
          }
          break;
        case 'call.gather.ended':
          if (p.status === 'valid' && p.digits === '1') {
            const dial = await client.calls.dial({
              connection_id: h.sim.connectionId,
              from: TRACKING_NUMBER,
              to: AGENT,
              link_to: inbound,
              timeout_secs: 20,
              client_state: cs({ role: 'agent' }),
              command_id: randomUUID(),
            });
            agent = dial.data?.call_control_id ?? '';
            sdkResponses.push(dial);
          }
          break;
      }
    });
    const placed = await h.sim.placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      at: '2026-11-23T09:30:00-06:00',
      caller: [{ press: '1', after_s: 1 }, { hangup_after_s: 10 }],
      agents: { [AGENT]: { answer_after_s: 1 } },
    });
    inbound = placed.call_control_id;
    await h.hooks.waitForEvent('call.recording.saved', inbound, 10_000);
    await h.sim.idle();
  });

  after(() => h.close());

  it('emits only webhooks that keep the event schemas and carry valid Ed25519 signatures', () => {
    const deliveries = h.hooks.deliveries;
    assert.ok(deliveries.length >= 15, `expected a full call's worth of webhooks, got ${deliveries.length}`);
    assert.deepEqual(deliveries.flatMap(webhookContractErrors), []);
    assert.deepEqual(
      deliveries.filter((d) => !d.signatureValid).map((d) => d.data.event_type),
      [],
    );
    for (const d of deliveries) {
      assert.equal(d.headers['content-type'], 'application/json');
      assert.match(d.data.occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.equal(d.meta.attempt, 1);
      assert.equal(d.meta.delivered_to, h.hooks.url);
    }
    assert.deepEqual(h.hooks.reactionErrors, []);
  });

  it('produces each leg’s events in Telnyx order', () => {
    assert.deepEqual(h.hooks.eventTypesOf(inbound), [
      'call.initiated',
      'call.answered',
      'call.speak.started',
      'call.speak.ended',
      'call.speak.started',
      'call.speak.ended',
      'call.dtmf.received',
      'call.gather.ended',
      'call.bridged',
      'call.hangup',
      'call.recording.saved',
    ]);
    assert.deepEqual(h.hooks.eventTypesOf(agent), [
      'call.initiated',
      'call.answered',
      'call.bridged',
      'call.hangup',
    ]);
  });

  it('echoes the latest client_state of each leg (null before any was set)', () => {
    const states = (id: string) =>
      h.hooks
        .events()
        .filter((d) => payloadOf(d).call_control_id === id)
        .map((d) => [d.data.event_type, payloadOf(d).client_state]);
    assert.deepEqual(states(inbound), [
      ['call.initiated', null],
      ['call.answered', cs({ step: 'answered' })],
      ['call.speak.started', cs({ step: 'greeting' })],
      ['call.speak.ended', cs({ step: 'greeting' })],
      ['call.speak.started', cs({ step: 'menu' })],
      ['call.speak.ended', cs({ step: 'menu' })],
      ['call.dtmf.received', cs({ step: 'menu' })],
      ['call.gather.ended', cs({ step: 'menu' })],
      ['call.bridged', cs({ step: 'bridged' })],
      ['call.hangup', cs({ step: 'bridged' })],
      ['call.recording.saved', cs({ step: 'bridged' })],
    ]);
    for (const [, state] of states(agent)) assert.equal(state, cs({ role: 'agent' }));
  });

  it('fills payloads like Telnyx: ids, session sharing, call.initiated details, gather result, hangup cause', () => {
    const events = h.hooks.events();
    const find = (type: string, id: string) =>
      events.find((d) => d.data.event_type === type && payloadOf(d).call_control_id === id)!;
    const initiated = payloadOf(find('call.initiated', inbound));
    assert.equal(initiated.direction, 'incoming');
    assert.equal(initiated.state, 'parked');
    assert.equal(initiated.from, CALLER);
    assert.equal(initiated.to, TRACKING_NUMBER);
    assert.equal(initiated.connection_id, h.sim.connectionId);
    assert.equal(find('call.initiated', inbound).data.occurred_at, '2026-11-23T15:30:00.000000Z');
    const agentInitiated = payloadOf(find('call.initiated', agent));
    assert.equal(agentInitiated.direction, 'outgoing');
    assert.equal(agentInitiated.state, 'bridging');
    assert.equal(agentInitiated.call_session_id, initiated.call_session_id, 'link_to shares the session');
    assert.deepEqual(
      [
        payloadOf(find('call.gather.ended', inbound)).digits,
        payloadOf(find('call.gather.ended', inbound)).status,
      ],
      ['1', 'valid'],
    );
    const hangup = payloadOf(find('call.hangup', inbound));
    assert.deepEqual(
      [hangup.hangup_cause, hangup.hangup_source, hangup.sip_hangup_cause],
      ['normal_clearing', 'caller', '200'],
    );
    const agentHangup = payloadOf(find('call.hangup', agent));
    assert.equal(agentHangup.hangup_cause, 'normal_clearing');
    // "hangup_after_s: 10" counts from the bridge, in scenario time.
    const gap = scenarioGapS(find('call.bridged', inbound), find('call.hangup', inbound));
    assert.ok(Math.abs(gap - 10) < 0.01, `caller hung up ${gap}s after bridge`);
  });

  it('saves the recording with downloadable URLs pointing at the simulator', async () => {
    const saved = payloadOf(h.hooks.events().find((d) => d.data.event_type === 'call.recording.saved')!);
    const urls = saved.recording_urls as { mp3: string; wav: string };
    assert.equal(saved.channels, 'dual');
    assert.equal(saved.format, 'mp3');
    assert.match(String(saved.recording_id), /^[0-9a-f-]{36}$/);
    const mp3 = await fetch(urls.mp3);
    assert.equal(mp3.status, 200);
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    const bytes = Buffer.from(await mp3.arrayBuffer());
    assert.deepEqual([bytes[0], bytes[1] & 0xe0], [0xff, 0xe0], 'starts with an MPEG frame sync');
    const wav = await fetch(urls.wav);
    assert.equal(
      Buffer.from(await wav.arrayBuffer())
        .subarray(0, 4)
        .toString(),
      'RIFF',
    );
  });

  it('works with the telnyx SDK (dial response shape, status retrieval)', async () => {
    const dial = sdkResponses.find(
      (r) => (r as { data?: { record_type?: string } }).data?.record_type === 'call',
    ) as {
      data: Record<string, unknown>;
    };
    assert.equal(dial.data.is_alive, false);
    assert.equal(dial.data.call_control_id, agent);
    assert.deepEqual(sdkResponses[0], { data: { result: 'ok' } });
    const status = await client.calls.retrieveStatus(inbound);
    assert.equal(status.data?.is_alive, false);
    assert.equal(status.data?.call_control_id, inbound);
    assert.ok((status.data?.call_duration ?? 0) >= 14, 'duration is in scenario seconds');
  });

  it('records the commands it received, in order, on the session timeline', () => {
    const session = h.sim.sessions()[0];
    assert.equal(session.alive, false);
    assert.deepEqual(
      session.commands.map((c) => c.action),
      ['answer', 'speak', 'gather_using_speak', 'dial', 'bridge', 'record_start'],
    );
    assert.ok(session.commands.every((c) => c.status === 200 && !c.duplicate));
    assert.ok(session.webhooks.every((w) => w.delivered && w.attempts.length === 1));
    const legs = Object.fromEntries(session.legs.map((l) => [l.call_control_id, l]));
    assert.equal(legs[inbound].bridged_with, agent);
    assert.equal(legs[agent].hangup_cause, 'normal_clearing');
  });
});
