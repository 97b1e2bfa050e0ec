import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import { action, api, cs, payloadOf, startHarness, type Harness } from './helpers';

const FROM = '+15125550142';
const TO = '+17375550100';

describe('Telnyx API errors and idempotency', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness({ timeScale: 0.2 });
  });
  after(() => h.close());

  async function answeredCall(): Promise<string> {
    const { call_control_id: id } = await h.sim.placeCall({ from: FROM, to: TO });
    assert.equal((await action(h.sim, id, 'answer')).status, 200);
    return id;
  }

  it('rejects a missing or wrong API key with 401 and a Telnyx error body', async () => {
    const { call_control_id: id } = await h.sim.placeCall({ from: FROM, to: TO });
    const wrong = await api(h.sim, 'POST', `/calls/${id}/actions/answer`, {}, 'nope');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.errors[0].code, '10009');
    assert.equal(wrong.body.errors[0].title, 'Authentication failed');
    const sdk = new Telnyx({ apiKey: 'nope', baseURL: h.sim.apiBaseUrl, maxRetries: 0 });
    await assert.rejects(
      sdk.calls.actions.answer(id, {}),
      (err: unknown) => err instanceof Telnyx.AuthenticationError,
    );
    const timeline = h.sim.sessions().find((s) => s.legs[0].call_control_id === id)!;
    assert.equal(timeline.legs[0].state, 'parked', 'nothing happened to the call');
  });

  it('answers 422 with the Telnyx error shape when a body breaks the command schema', async () => {
    const id = await answeredCall();
    const missing = await action(h.sim, id, 'speak', { payload: 'hello' });
    assert.equal(missing.status, 422);
    assert.deepEqual(
      { code: missing.body.errors[0].code, pointer: missing.body.errors[0].source.pointer },
      { code: '10004', pointer: '/voice' },
    );
    assert.equal(typeof missing.body.errors[0].title, 'string');
    assert.equal(typeof missing.body.errors[0].detail, 'string');

    const badEnum = await action(h.sim, id, 'record_start', { format: 'mp3', channels: 'triple' });
    assert.equal(badEnum.status, 422);
    assert.deepEqual(
      { code: badEnum.body.errors[0].code, pointer: badEnum.body.errors[0].source.pointer },
      { code: '10032', pointer: '/channels' },
    );
    assert.match(badEnum.body.errors[0].detail, /single, dual/);

    const badType = await action(h.sim, id, 'gather', { maximum_digits: 'five' });
    assert.equal(badType.status, 422);
    assert.deepEqual(
      [badType.body.errors[0].code, badType.body.errors[0].source.pointer],
      ['10002', '/maximum_digits'],
    );

    // Telnyx types transcription_tracks as a plain string; the simulator still names a wrong one.
    const badTracks = await action(h.sim, id, 'transcription_start', { transcription_tracks: 'sideways' });
    assert.deepEqual(
      [badTracks.status, badTracks.body.errors[0].source.pointer],
      [422, '/transcription_tracks'],
    );

    const badState = await action(h.sim, id, 'answer', { client_state: 'not base64!' });
    assert.deepEqual([badState.status, badState.body.errors[0].code], [422, '10002']);

    const sdk = new Telnyx({ apiKey: 'test-key', baseURL: h.sim.apiBaseUrl, maxRetries: 0 });
    await assert.rejects(
      // @ts-expect-error: deliberately missing the required `voice`
      sdk.calls.actions.speak(id, { payload: 'hi' }),
      (err: unknown) => err instanceof Telnyx.UnprocessableEntityError && err.status === 422,
    );
    const session = h.sim.sessions().find((s) => s.legs[0].call_control_id === id)!;
    assert.ok(
      !session.webhooks.some((w) => w.event_type.startsWith('call.speak')),
      'invalid commands have no effect',
    );
    assert.equal(session.commands.find((c) => c.action === 'record_start')?.error_code, '10032');
  });

  it('validates dials: connection_id (10015), destination format (10016), required fields (10004)', async () => {
    const base = { connection_id: h.sim.connectionId, from: TO, to: '+15125550111' };
    const wrongConnection = await api(h.sim, 'POST', '/calls', { ...base, connection_id: '123' });
    assert.deepEqual([wrongConnection.status, wrongConnection.body.errors[0].code], [422, '10015']);
    const badTo = await api(h.sim, 'POST', '/calls', { ...base, to: '5125550111' });
    assert.deepEqual(
      [badTo.status, badTo.body.errors[0].code, badTo.body.errors[0].source.pointer],
      [422, '10016', '/to'],
    );
    const sip = await api(h.sim, 'POST', '/calls', { ...base, to: 'sip:agent@example.org', timeout_secs: 5 });
    assert.equal(sip.status, 200);
    const noTo = await api(h.sim, 'POST', '/calls', { connection_id: h.sim.connectionId, from: TO });
    assert.deepEqual(
      [noTo.status, noTo.body.errors[0].code, noTo.body.errors[0].source.pointer],
      [422, '10004', '/to'],
    );
  });

  it('answers 90018 for commands on an ended call and 90015 for an unknown call', async () => {
    const { call_control_id: id } = await h.sim.placeCall({ from: FROM, to: TO });
    assert.equal((await action(h.sim, id, 'reject', { cause: 'CALL_REJECTED' })).status, 200);
    await h.hooks.waitForEvent('call.hangup', id);
    for (const [name, body] of [
      ['hangup', {}],
      ['speak', { payload: 'too late', voice: 'female' }],
      ['answer', {}],
    ] as const) {
      const r = await action(h.sim, id, name, body);
      assert.deepEqual([name, r.status, r.body.errors[0].code], [name, 422, '90018']);
    }
    const unknown = await action(h.sim, 'v3:does-not-exist', 'hangup');
    assert.deepEqual([unknown.status, unknown.body.errors[0].code], [422, '90015']);
    const unknownAction = await action(h.sim, id, 'teleport');
    assert.equal(unknownAction.status, 404);
    assert.equal(unknownAction.body.errors[0].code, '10005');
  });

  it('answers a Telnyx command it does not implement as an unknown path, not with a hollow 200', async () => {
    const id = await answeredCall();
    for (const name of ['streaming_start', 'transcription_stop', 'fork_start', 'refer']) {
      const r = await action(h.sim, id, name, { stream_url: 'wss://example.org/s', to: 'sip:a@example.org' });
      assert.deepEqual([name, r.status, r.body.errors?.[0]?.code], [name, 404, '10005']);
    }
    const wrongMethod = await api(h.sim, 'POST', `/calls/${id}/actions/client_state_update`, {
      client_state: cs({ a: 1 }),
    });
    assert.equal(wrongMethod.status, 404);
  });

  it('answers 90034 for media, gather, recording and bridge on a call not answered yet', async () => {
    const { call_control_id: id } = await h.sim.placeCall({ from: FROM, to: TO });
    const other = await answeredCall();
    for (const [name, body] of [
      ['speak', { payload: 'hi', voice: 'female' }],
      ['playback_start', { audio_url: 'https://example.org/a.mp3' }],
      ['gather', {}],
      ['gather_using_speak', { payload: 'Press 1', voice: 'female' }],
      ['record_start', { format: 'mp3', channels: 'single' }],
      ['transcription_start', { transcription_engine: 'Telnyx', transcription_tracks: 'both' }],
      ['bridge', { call_control_id: other }],
    ] as const) {
      const r = await action(h.sim, id, name, body);
      assert.deepEqual([name, r.status, r.body.errors?.[0]?.code], [name, 422, '90034']);
    }
    const bridgeToParked = await action(h.sim, other, 'bridge', { call_control_id: id });
    assert.deepEqual([bridgeToParked.status, bridgeToParked.body.errors[0].code], [422, '90034']);
  });

  it('treats a second answer as a no-op and refuses reject after answer', async () => {
    const id = await answeredCall();
    assert.deepEqual((await action(h.sim, id, 'answer')).body, { data: { result: 'ok' } });
    const reject = await action(h.sim, id, 'reject', { cause: 'USER_BUSY' });
    assert.equal(reject.status, 422);
    await h.hooks.waitForEvent('call.answered', id);
    assert.equal(h.hooks.eventTypesOf(id).filter((t) => t === 'call.answered').length, 1);
  });

  it('executes a repeated command_id once, replays the first reply and marks the repeat as duplicate', async () => {
    const { call_control_id: id, call_session_id: sessionId } = await h.sim.placeCall({ from: FROM, to: TO });
    const commandId = randomUUID();
    const first = await action(h.sim, id, 'answer', {
      command_id: commandId,
      client_state: cs('a'),
      record: 'record-from-answer',
    });
    const again = await action(h.sim, id, 'answer', {
      command_id: commandId,
      client_state: cs('a'),
      record: 'record-from-answer',
    });
    assert.equal(first.status, 200);
    assert.deepEqual(again.body, first.body);
    assert.match(first.body.data.recording_id, /^[0-9a-f-]{36}$/);

    const speakId = randomUUID();
    for (let i = 0; i < 3; i++) {
      const r = await action(h.sim, id, 'speak', { command_id: speakId, payload: 'Hello', voice: 'female' });
      assert.equal(r.status, 200);
    }
    await action(h.sim, id, 'hangup');
    await h.hooks.waitForEvent('call.recording.saved', id);

    const types = h.hooks.eventTypesOf(id);
    assert.equal(types.filter((t) => t === 'call.answered').length, 1);
    assert.equal(types.filter((t) => t === 'call.speak.started').length, 1);
    const timeline = h.sim.session(sessionId)!;
    assert.deepEqual(
      timeline.commands.map((c) => [c.action, c.duplicate]),
      [
        ['answer', false],
        ['answer', true],
        ['speak', false],
        ['speak', true],
        ['speak', true],
        ['hangup', false],
      ],
    );
    // Same command_id on another call is a different command.
    const other = await h.sim.placeCall({ from: FROM, to: TO });
    const r = await action(h.sim, other.call_control_id, 'answer', { command_id: commandId });
    assert.equal(r.status, 200);
    await h.hooks.waitForEvent('call.answered', other.call_control_id);
  });

  it('reports call status like GET /v2/calls/{id} and URL-decodes ids', async () => {
    const id = await answeredCall();
    await action(h.sim, id, 'client_state_update', { client_state: cs({ x: 1 }) });
    const status = await api(h.sim, 'GET', `/calls/${encodeURIComponent(id)}`);
    assert.equal(status.status, 200);
    assert.equal(status.body.data.is_alive, true);
    assert.equal(status.body.data.record_type, 'call');
    assert.equal(status.body.data.client_state, cs({ x: 1 }));
    const encoded = await api(h.sim, 'POST', `/calls/${id.replace(':', '%3A')}/actions/hangup`, {});
    assert.equal(encoded.status, 200);
    const hangup = await h.hooks.waitForEvent('call.hangup', id);
    assert.equal(payloadOf(hangup).client_state, cs({ x: 1 }));
  });
});
