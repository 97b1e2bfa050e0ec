import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import {
  api,
  API_KEY,
  payloadOf,
  startHarness,
  webhookContractErrors,
  type Delivery,
  type Harness,
} from './helpers';

const CALLER = '+15125550142';
const NUMBER = '+17375550100';

type Urls = { mp3: string; wav: string };

/**
 * The Recordings API an app falls back on once the links in `call.recording.saved` have expired
 * (Telnyx's last 10 minutes), driven through the `telnyx` SDK as the app's copy job would.
 */
describe('recordings: the Recordings API and expiring event links', () => {
  let h: Harness;
  let client: Telnyx;
  /** A voicemail-like call: answered with record-from-answer, the caller hangs up 3 s later. */
  let saved: Delivery;
  let recordingId = '';

  const setFaults = (faults: unknown) =>
    fetch(`${h.sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify(faults) });
  const answerRecording = async (id: string) =>
    (
      await client.calls.actions.answer(id, {
        record: 'record-from-answer',
        record_format: 'mp3',
        record_channels: 'single',
        command_id: randomUUID(),
      })
    ).data?.recording_id ?? '';

  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
    client = new Telnyx({ apiKey: API_KEY, baseURL: h.sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER, caller: [{ hangup_after_s: 3 }] });
    recordingId = await answerRecording(placed.call_control_id);
    saved = await h.hooks.waitForEvent('call.recording.saved', placed.call_control_id);
  });
  after(async () => {
    await setFaults({});
    await h.close();
  });

  it('describes a saved recording like Telnyx, matching its call.recording.saved', async () => {
    const event = payloadOf(saved);
    assert.equal(event.recording_id, recordingId);
    const { data } = await client.recordings.retrieve(recordingId);
    assert.ok(data);
    assert.deepEqual(
      [data.id, data.record_type, data.source, data.status, data.channels],
      [recordingId, 'recording', 'call', 'completed', 'single'],
    );
    assert.deepEqual(
      [data.call_control_id, data.call_leg_id, data.call_session_id, data.connection_id],
      [event.call_control_id, event.call_leg_id, event.call_session_id, h.sim.connectionId],
    );
    assert.deepEqual([data.from, data.to], [CALLER, NUMBER]);
    assert.deepEqual(
      [data.recording_started_at, data.recording_ended_at],
      [event.recording_started_at, event.recording_ended_at],
    );
    assert.equal(data.duration_millis, 3000, 'the caller hung up 3 scenario seconds after answer');
    assert.ok(Date.parse(data.created_at ?? '') >= Date.parse(data.recording_ended_at ?? ''));
    assert.equal(data.updated_at, data.created_at);
  });

  it('gives links of its own, distinguishable from the event links', async () => {
    const fromEvent = payloadOf(saved).recording_urls as Urls;
    const fromApi = (await client.recordings.retrieve(recordingId)).data?.download_urls as Urls;
    for (const [urls, kind] of [
      [fromEvent, 'event'],
      [fromApi, 'api'],
    ] as const) {
      for (const ext of ['mp3', 'wav'] as const) {
        const url = new URL(urls[ext]);
        assert.equal(url.origin, h.sim.url, 'absolute, on the simulator');
        assert.equal(url.pathname, `/sim/recordings/${recordingId}.${ext}`);
        assert.equal(url.searchParams.get('link'), kind);
      }
    }
    assert.deepEqual(webhookContractErrors(saved), []);
  });

  it('serves both formats from the API links', async () => {
    const urls = (await client.recordings.retrieve(recordingId)).data?.download_urls as Urls;
    const mp3 = await fetch(urls.mp3);
    assert.equal(mp3.status, 200);
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    const mp3Bytes = Buffer.from(await mp3.arrayBuffer());
    assert.deepEqual([mp3Bytes[0], mp3Bytes[1] & 0xe0], [0xff, 0xe0], 'starts with an MPEG frame sync');
    const wav = await fetch(urls.wav);
    assert.equal(wav.status, 200);
    assert.equal(wav.headers.get('content-type'), 'audio/wav');
    const wavBytes = Buffer.from(await wav.arrayBuffer());
    assert.ok(wavBytes.length > 44, 'a header and samples');
    assert.equal(wavBytes.subarray(0, 4).toString(), 'RIFF');
  });

  it('answers 404 for an unknown recording, and for one not saved yet', async () => {
    const unknown = await api(h.sim, 'GET', '/recordings/no-such-recording');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errors[0].code, '10005');
    assert.match(unknown.body.errors[0].detail, /no recording no-such-recording/);
    await assert.rejects(
      client.recordings.retrieve(randomUUID()),
      (err) => err instanceof Telnyx.NotFoundError,
    );

    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER });
    const id = await answerRecording(placed.call_control_id);
    await assert.rejects(client.recordings.retrieve(id), (err) => err instanceof Telnyx.NotFoundError);
    await client.calls.actions.hangup(placed.call_control_id, { command_id: randomUUID() });
    await h.hooks.waitForEvent('call.recording.saved', placed.call_control_id);
    assert.equal((await client.recordings.retrieve(id)).data?.id, id);
  });

  it('with expiredRecordingLinks, refuses the event links like an expired S3 URL and serves the API ones', async () => {
    const set = await setFaults({ expiredRecordingLinks: true });
    assert.equal(set.status, 200);
    assert.equal(((await set.json()) as { expiredRecordingLinks?: boolean }).expiredRecordingLinks, true);
    try {
      const fromEvent = payloadOf(saved).recording_urls as Urls;
      for (const url of [fromEvent.mp3, fromEvent.wav]) {
        const res = await fetch(url);
        assert.equal(res.status, 403);
        assert.match(await res.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
      }
      const fromApi = (await client.recordings.retrieve(recordingId)).data?.download_urls as Urls;
      for (const url of [fromApi.mp3, fromApi.wav]) {
        const res = await fetch(url);
        assert.equal(res.status, 200);
        assert.ok((await res.arrayBuffer()).byteLength > 0);
      }
    } finally {
      await setFaults({});
    }
    assert.equal((await fetch((payloadOf(saved).recording_urls as Urls).mp3)).status, 200, 'cleared');
  });

  it('refuses a non-boolean expiredRecordingLinks with 400 naming the field', async () => {
    const res = await setFaults({ expiredRecordingLinks: 'yes' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: 'expiredRecordingLinks: must be a boolean' });
  });

  it('applies Bearer auth and injected API faults as on the other /v2 routes', async () => {
    const unauth = await api(h.sim, 'GET', `/recordings/${recordingId}`, undefined, 'wrong-key');
    assert.equal(unauth.status, 401);
    await setFaults({ apiErrorStatus: 503 });
    const faulted = await api(h.sim, 'GET', `/recordings/${recordingId}`);
    assert.deepEqual([faulted.status, faulted.body.errors[0].code], [503, '10007']);
    assert.equal((await api(h.sim, 'GET', `/recordings/${recordingId}`)).status, 200, 'one fault only');
  });

  it('deletes a recording for good: its description, its files and a second delete answer 404', async () => {
    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER, caller: [{ hangup_after_s: 1 }] });
    const id = await answerRecording(placed.call_control_id);
    const event = payloadOf(await h.hooks.waitForEvent('call.recording.saved', placed.call_control_id));
    const links = (await client.recordings.retrieve(id)).data?.download_urls as Urls;
    assert.ok(h.sim.heldRecordings().some((r) => r.id === id && r.from === CALLER));

    const deleted = await client.recordings.delete(id);
    assert.equal(deleted.data?.id, id);
    await assert.rejects(client.recordings.retrieve(id), (err) => err instanceof Telnyx.NotFoundError);
    await assert.rejects(client.recordings.delete(id), (err) => err instanceof Telnyx.NotFoundError);
    for (const url of [links.mp3, (event.recording_urls as Urls).wav])
      assert.equal((await fetch(url)).status, 404, url);
    assert.ok(!h.sim.heldRecordings().some((r) => r.id === id), 'no longer held');
    const listed = (await (await fetch(`${h.sim.url}/sim/recordings`)).json()) as { data: { id: string }[] };
    assert.ok(
      listed.data.some((r) => r.id === recordingId),
      'the others are still listed',
    );
    assert.ok(!listed.data.some((r) => r.id === id));
  });
});
