import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import { action, API_KEY, startHarness, type Harness } from './helpers';

const CALLER = '+15125550142';
const NUMBER = '+17375550100';

/**
 * record_pause and record_resume, driven through the `telnyx` SDK as the app drives them: refused
 * (422) on a call with no recording running, kept on the recording as paused intervals otherwise
 * (the session timeline shows them, so tests can check what the file leaves out).
 */
describe('recording pauses: record_pause and record_resume', () => {
  let h: Harness;
  let client: Telnyx;

  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
    client = new Telnyx({ apiKey: API_KEY, baseURL: h.sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
  });
  after(async () => {
    await h.close();
  });

  const answered = async () => {
    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER, caller: [{ hangup_after_s: 60 }] });
    await client.calls.actions.answer(placed.call_control_id, { command_id: randomUUID() });
    await h.hooks.waitForEvent('call.answered', placed.call_control_id);
    return placed;
  };
  const recordingsOf = (sessionId: string) => h.sim.session(sessionId)!.legs[0].recordings;

  it('refuses a pause or resume with no recording running (422), as Telnyx does', async () => {
    const { call_control_id: id, call_session_id: session } = await answered();
    for (const name of ['record_pause', 'record_resume']) {
      const r = await action(h.sim, id, name);
      assert.deepEqual([name, r.status, r.body.errors?.[0]?.code], [name, 422, '10002']);
      assert.match(r.body.errors[0].detail, /no recording in progress/);
    }
    // Nor is a recording it does not have paused.
    await client.calls.actions.startRecording(id, {
      format: 'mp3',
      channels: 'dual',
      command_id: randomUUID(),
    });
    const other = await action(h.sim, id, 'record_pause', { recording_id: randomUUID() });
    assert.deepEqual([other.status, other.body.errors[0].source?.pointer], [422, '/recording_id']);
    assert.deepEqual(recordingsOf(session)[0].paused, []);
    await client.calls.actions.hangup(id, { command_id: randomUUID() });
  });

  it('keeps each pause on the recording, an open one ending with it', async () => {
    const { call_control_id: id, call_session_id: session } = await answered();
    await client.calls.actions.startRecording(id, {
      format: 'mp3',
      channels: 'dual',
      command_id: randomUUID(),
    });
    const pause = await client.calls.actions.pauseRecording(id, { command_id: randomUUID() });
    assert.equal(pause.data?.result, 'ok');
    // Paused again: the same pause goes on.
    await client.calls.actions.pauseRecording(id, { command_id: randomUUID() });
    await new Promise((r) => setTimeout(r, 100));
    const resume = await client.calls.actions.resumeRecording(id, { command_id: randomUUID() });
    assert.equal(resume.data?.result, 'ok');
    await new Promise((r) => setTimeout(r, 100));
    await client.calls.actions.pauseRecording(id, { command_id: randomUUID() });
    assert.equal(recordingsOf(session)[0].paused.at(-1)?.to, null, 'still paused');
    await client.calls.actions.hangup(id, { command_id: randomUUID() });
    await h.hooks.waitForEvent('call.recording.saved', id);

    const [rec] = recordingsOf(session);
    assert.equal(rec.paused.length, 2);
    const [first, second] = rec.paused;
    assert.ok(Date.parse(first.from) >= Date.parse(rec.started_at));
    assert.ok(Date.parse(first.to!) > Date.parse(first.from), 'resumed after it was paused');
    assert.ok(Date.parse(second.from) > Date.parse(first.to!));
    assert.equal(second.to, rec.ended_at, 'the open pause ended with the recording');
    // No webhook follows either command.
    const types = h.sim.session(session)!.webhooks.map((w) => w.event_type);
    assert.ok(!types.some((t) => /pause|resume/.test(t)), types.join(', '));
  });

  it('answers 90034 on a call not answered yet', async () => {
    const { call_control_id: id } = await h.sim.placeCall({ from: CALLER, to: NUMBER });
    const r = await action(h.sim, id, 'record_pause');
    assert.deepEqual([r.status, r.body.errors[0].code], [422, '90034']);
  });
});
