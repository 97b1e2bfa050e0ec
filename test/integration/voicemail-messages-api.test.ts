import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import type { CallRecordInput } from '@switchboard/contracts';
import { CallRecordRepository, openDataSource } from '@switchboard/persistence';
import { startApiOnly, type ApiOnly } from '../support/api-app';

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
  let carrier: Awaited<ReturnType<typeof startRecordings>>;
  let propertyId: string;
  let boxes: string;
  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    records = new CallRecordRepository(ds);
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

  /** The carrier's recording.saved webhook as the api's inbox stores it (the message's length comes from it). */
  async function recordingSaved(r: CallRecordInput, seconds: number): Promise<void> {
    const started = new Date(Date.parse(r.endedAt) - seconds * 1000).toISOString();
    const payload = {
      data: {
        id: randomUUID(),
        event_type: 'call.recording.saved',
        occurred_at: r.endedAt,
        payload: {
          recording_started_at: started,
          recording_ended_at: r.endedAt,
          recording_urls: { mp3: r.recordingUrl, wav: null },
        },
      },
    };
    await ds.query(
      `INSERT INTO carrier_events (id, event_type, workflow_id, occurred_at, payload)
       VALUES ($1, 'call.recording.saved', $2, $3, $4)`,
      [payload.data.id, r.workflowId, r.endedAt, JSON.stringify(payload)],
    );
  }

  const messages = (box = 'leasing', query = '') => api.request('GET', `${boxes}/${box}/messages${query}`);

  it('adds one message per voicemail call, however often the record is written', async () => {
    const first = record(1);
    await recordingSaved(first, 12);
    await records.saveFinished(first);
    await records.saveFinished(first); // the activity retried
    await records.saveFinished(record(2));
    await records.saveFinished(record(3, { voicemailBoxId: 'after-hours' }));
    // Calls that left no message add none.
    await records.saveFinished(record(4, { outcome: 'answered', voicemailBoxId: null, recordingUrl: 'x' }));
    await records.saveFinished(record(5, { outcome: 'abandoned', voicemailBoxId: null, recordingUrl: null }));

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
      [m1.propertyId, m1.voicemailBoxId, m1.callId, m1.recordingUrl, m1.durationSecs, m1.heard, m1.heardAt],
      [propertyId, 'leasing', call!.id, first.recordingUrl, 12, false, null],
    );
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
    await records.saveFinished(r);
    const id = (await messages()).body.items[0].id;
    const one = await api.request('GET', `${boxes}/leasing/messages/${id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.from, r.from);

    // The api answers 302 to the carrier's URL; the client follows it to the recording itself.
    const listened = await api.request('GET', `${boxes}/leasing/messages/${id}/recording`);
    assert.equal(listened.status, 200);
    assert.equal(listened.body, 'recording at /recordings/6.mp3');
    assert.deepEqual(carrier.hits.slice(-1), ['/recordings/6.mp3']);

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
    await records.saveFinished(r);
    assert.equal((await api.request('GET', `${boxes}/leasing/messages/${id}`)).body.heard, true);

    const back = await api.request('PATCH', `${boxes}/leasing/messages/${id}`, { heard: false });
    assert.deepEqual([back.body.heard, back.body.heardAt], [false, null]);
    assert.equal((await messages('leasing', '?heard=true')).body.total, 0);
  });

  it('deletes a message for good, even if the record is written again', async () => {
    const r = record(7, { voicemailBoxId: 'after-hours' });
    await records.saveFinished(r);
    const before = (await messages('after-hours')).body;
    const id = before.items.find((m: { from: string }) => m.from === r.from).id;

    assert.equal((await api.request('DELETE', `${boxes}/after-hours/messages/${id}`)).status, 204);
    assert.equal((await api.request('GET', `${boxes}/after-hours/messages/${id}`)).status, 404);
    assert.equal((await api.request('DELETE', `${boxes}/after-hours/messages/${id}`)).status, 404);
    assert.equal(
      (await api.request('PATCH', `${boxes}/after-hours/messages/${id}`, { heard: true })).status,
      404,
    );
    await records.saveFinished(r);
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
    await records.saveFinished(record(8, { voicemailBoxId: 'temp' }));
    const refused = await api.request('DELETE', `${boxes}/temp`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /1 voicemail message/);
    const [m] = (await messages('temp')).body.items;
    assert.equal((await api.request('DELETE', `${boxes}/temp/messages/${m.id}`)).status, 204);
    assert.equal((await api.request('DELETE', `${boxes}/temp`)).status, 204);
  });
});
