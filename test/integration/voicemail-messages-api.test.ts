import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import type { CallRecordInput } from '@switchboard/contracts';
import { createRecordingActivities } from '@switchboard/activities';
import { loadConfig } from '@switchboard/config';
import {
  CallRecordRepository,
  FilesystemBlobStore,
  openDataSource,
  RecordingRepository,
} from '@switchboard/persistence';
import { TelnyxRecordings } from '@switchboard/telephony';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { callRecordSaver } from '../support/call-records';

/** The carrier's recording storage: serves a fake MP3 at any path, and counts the downloads. */
async function startRecordings(): Promise<{ url: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(`recording at ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

describe('voicemail messages: written with the call record, listed, heard, deleted', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let records: CallRecordRepository;
  let save: ReturnType<typeof callRecordSaver>;
  let recordings: RecordingRepository;
  let carrier: Awaited<ReturnType<typeof startRecordings>>;
  let propertyId: string;
  let boxes: string;
  before(async () => {
    api = await startApiOnly({ PUBLIC_BASE_URL: 'https://switchboard.example' });
    ds = await openDataSource(api.dbUrl, 2);
    records = new CallRecordRepository(ds);
    save = callRecordSaver(ds);
    recordings = new RecordingRepository(ds);
    carrier = await startRecordings();
    const p = await api.request('POST', '/v1/properties', { name: 'Maple Row', timeZone: 'America/Chicago' });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    propertyId = p.body.id;
    boxes = `/v1/properties/${propertyId}/voicemail-boxes`;
    for (const id of ['leasing', 'after-hours'])
      assert.equal((await api.request('POST', boxes, { id, name: id })).status, 201);
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
    carrier?.server.close();
  });

  /** What the call workflow writes when a caller leaves a message (or not, with `outcome`). */
  function record(n: number, o: Partial<CallRecordInput> = {}): CallRecordInput {
    const started = new Date(Date.UTC(2026, 0, 5, 15, n));
    return {
      workflowId: `call-vm-${n}-${randomUUID()}`,
      callSessionId: `session-${n}`,
      callControlId: `control-${n}`,
      from: `+1312555010${n}`,
      to: '+13125550150',
      propertyId,
      trackingNumberId: null,
      sourceId: null,
      sourceName: 'Website',
      startedAt: started.toISOString(),
      answeredAt: null,
      endedAt: new Date(started.getTime() + 40_000).toISOString(),
      outcome: 'voicemail',
      answeredBy: null,
      hangupCause: 'normal_clearing',
      path: [{ step: 'vm', at: started.toISOString() }],
      voicemailBoxId: 'leasing',
      recordingUrl: `${carrier.url}/recordings/${n}.mp3`,
      ...o,
    };
  }

  /**
   * What the api does with the carrier's recording.saved webhook before the call's workflow hears
   * of it: the recording's row (the message's length comes from it), to be copied.
   */
  async function recordingSaved(r: CallRecordInput, seconds: number | null): Promise<string> {
    const row = await recordings.saved({
      carrierRecordingId: `rec-${r.workflowId}`,
      workflowId: r.workflowId,
      callControlId: r.callControlId,
      purpose: 'voicemail',
      carrierUrl: r.recordingUrl!,
      downloadUrls: { mp3: r.recordingUrl! },
      durationSecs: seconds,
    });
    return row.id;
  }

  /** The copy workflow's activity, as the worker runs it, against the carrier's storage above. */
  async function copyRecording(id: string): Promise<void> {
    const activities = createRecordingActivities(
      recordings,
      new FilesystemBlobStore(loadConfig().media.dir),
      new TelnyxRecordings({
        apiKey: 'unused: the links work',
        baseUrl: carrier.url,
        allowPrivateNetworks: true,
      }),
    );
    assert.equal(await activities.storeRecording(id), 'stored');
  }

  /** A signed media URL (made on PUBLIC_BASE_URL) fetched from the test's api. */
  const fromApi = (url: string) => fetch(`${api.url}${new URL(url).pathname}${new URL(url).search}`);

  const messages = (box = 'leasing', query = '') => api.request('GET', `${boxes}/${box}/messages${query}`);

  it('adds one message per voicemail call, however often the record is written', async () => {
    const first = record(1);
    await recordingSaved(first, 12);
    await save(first);
    await save(first); // the activity retried
    await save(record(2));
    await save(record(3, { voicemailBoxId: 'after-hours' }));
    // Calls that left no message add none.
    await save(record(4, { outcome: 'answered', voicemailBoxId: null, recordingUrl: 'x' }));
    await save(record(5, { outcome: 'abandoned', voicemailBoxId: null, recordingUrl: null }));

    const list = await messages();
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.total, 2);
    assert.deepEqual(
      list.body.items.map((m: { from: string }) => m.from),
      ['+13125550102', '+13125550101'],
      'newest first',
    );
    const [, m1] = list.body.items;
    const call = await records.findByWorkflowId(first.workflowId);
    assert.deepEqual(
      [m1.propertyId, m1.voicemailBoxId, m1.callId, m1.durationSecs, m1.heard, m1.heardAt],
      [propertyId, 'leasing', call!.id, 12, false, null],
    );
    // Not copied yet: no link to play (and never the carrier's).
    assert.deepEqual([m1.recordingUrl, m1.recording.status], [null, 'pending']);
    assert.equal(new Date(m1.receivedAt).toISOString(), first.endedAt);
    assert.equal(list.body.items[0].durationSecs, null, 'no recording.saved event: length unknown');
    assert.deepEqual([list.body.limit, list.body.offset], [50, 0]);
    assert.equal((await messages('after-hours')).body.total, 1);

    const page = await messages('leasing', '?limit=1&offset=1');
    assert.deepEqual(
      [page.body.total, page.body.items.length, page.body.items[0].from],
      [2, 1, '+13125550101'],
    );
  });

  it('reads one message, redirects to its recording, and marks it heard or unheard', async () => {
    const r = record(6);
    const recordingId = await recordingSaved(r, 30);
    await save(r);
    const id = (await messages()).body.items[0].id;
    const one = await api.request('GET', `${boxes}/leasing/messages/${id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.from, r.from);

    // Seconds after the call the copy is still being made: "try again", not a dead link.
    const listen = () =>
      fetch(`${api.url}${boxes}/leasing/messages/${id}/recording`, {
        redirect: 'manual',
        headers: { authorization: `Bearer ${api.apiKey}` },
      });
    const early = await listen();
    assert.equal(early.status, 409);
    assert.equal(((await early.json()) as { error: { code: string } }).error.code, 'recording_pending');

    // Once copied, the api answers 302 to a signed URL of our copy, which holds the carrier's file.
    await copyRecording(recordingId);
    assert.deepEqual(carrier.hits.slice(-1), ['/recordings/6.mp3']);
    const listened = await listen();
    assert.equal(listened.status, 302);
    const signed = listened.headers.get('location')!;
    assert.match(
      signed,
      new RegExp(`^https://switchboard.example/media/recordings/${recordingId}\\?expires=`),
    );
    assert.equal(await (await fromApi(signed)).text(), 'recording at /recordings/6.mp3');
    const shown = (await api.request('GET', `${boxes}/leasing/messages/${id}`)).body;
    assert.deepEqual([shown.recording.status, shown.recording.sizeBytes], ['stored', 30]);
    assert.equal(new URL(shown.recordingUrl).pathname, `/media/recordings/${recordingId}`);

    const heard = await api.request('PATCH', `${boxes}/leasing/messages/${id}`, { heard: true });
    assert.equal(heard.status, 200, JSON.stringify(heard.body));
    assert.equal(heard.body.heard, true);
    assert.ok(heard.body.heardAt);
    const again = await api.request('PATCH', `${boxes}/leasing/messages/${id}`, { heard: true });
    assert.equal(again.body.heardAt, heard.body.heardAt, 'heard keeps the first time');

    assert.deepEqual(
      (await messages('leasing', '?heard=true')).body.items.map((m: { id: string }) => m.id),
      [id],
    );
    const unheard = (await messages('leasing', '?heard=false')).body;
    assert.equal(unheard.total, 2);
    assert.ok(!unheard.items.some((m: { id: string }) => m.id === id));

    // A retried record write leaves the message as the user left it.
    await save(r);
    assert.equal((await api.request('GET', `${boxes}/leasing/messages/${id}`)).body.heard, true);

    const back = await api.request('PATCH', `${boxes}/leasing/messages/${id}`, { heard: false });
    assert.deepEqual([back.body.heard, back.body.heardAt], [false, null]);
    assert.equal((await messages('leasing', '?heard=true')).body.total, 0);
  });

  it('deletes a message for good, even if the record is written again', async () => {
    const r = record(7, { voicemailBoxId: 'after-hours' });
    await save(r);
    const before = (await messages('after-hours')).body;
    const id = before.items.find((m: { from: string }) => m.from === r.from).id;

    assert.equal((await api.request('DELETE', `${boxes}/after-hours/messages/${id}`)).status, 204);
    assert.equal((await api.request('GET', `${boxes}/after-hours/messages/${id}`)).status, 404);
    assert.equal((await api.request('DELETE', `${boxes}/after-hours/messages/${id}`)).status, 404);
    assert.equal(
      (await api.request('PATCH', `${boxes}/after-hours/messages/${id}`, { heard: true })).status,
      404,
    );
    await save(r);
    assert.equal((await messages('after-hours')).body.total, before.total - 1);
  });

  it('answers 404 for unknown properties, boxes and messages, and 400/422 for malformed input', async () => {
    const id = (await messages()).body.items[0].id;
    const unknown = randomUUID();
    const cases: [string, string, number][] = [
      ['GET', `${boxes}/nobody/messages`, 404],
      ['GET', `/v1/properties/${unknown}/voicemail-boxes/leasing/messages`, 404],
      ['GET', `${boxes}/leasing/messages/${unknown}`, 404],
      ['GET', `${boxes}/leasing/messages/${unknown}/recording`, 404],
      // A message is only reachable through its own box.
      ['GET', `${boxes}/after-hours/messages/${id}`, 404],
      ['DELETE', `${boxes}/leasing/messages/${unknown}`, 404],
      ['GET', `${boxes}/leasing/messages/not-a-uuid`, 400],
      ['GET', `${boxes}/leasing/messages?heard=maybe`, 422],
      ['GET', `${boxes}/leasing/messages?limit=0`, 422],
    ];
    for (const [method, path, status] of cases)
      assert.equal((await api.request(method, path)).status, status, `${method} ${path}`);
    const bad = await api.request('PATCH', `${boxes}/leasing/messages/${id}`, { heard: 'yes' });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.error.fields.map((f: { field: string }) => f.field),
      ['heard'],
    );
  });

  it('refuses to delete a box that still has messages', async () => {
    assert.equal((await api.request('POST', boxes, { id: 'temp', name: 'Temp' })).status, 201);
    await save(record(8, { voicemailBoxId: 'temp' }));
    const refused = await api.request('DELETE', `${boxes}/temp`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /1 voicemail message/);
    const [m] = (await messages('temp')).body.items;
    assert.equal((await api.request('DELETE', `${boxes}/temp/messages/${m.id}`)).status, 204);
    assert.equal((await api.request('DELETE', `${boxes}/temp`)).status, 204);
  });
});
