import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRecordingActivities } from '@switchboard/activities';
import { loadConfig } from '@switchboard/config';
import { storeRecordingWorkflowId } from '@switchboard/contracts';
import { FilesystemBlobStore, RecordingRepository, signMediaPath } from '@switchboard/persistence';
import { TelnyxRecordings } from '@switchboard/telephony';
import { createTestAccount, TEST_ADMIN_TOKEN } from '../support/accounts';
import { maybeRecordHistory } from '../support/histories';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const AGENT = '+13125550171';

/** GET without following redirects: where the api sends a listener is what is checked. */
async function location(url: string, key?: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, {
    redirect: 'manual',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  await res.body?.cancel();
  return { status: res.status, location: res.headers.get('location') };
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('recordings: copied from the carrier, served only through short-lived signed URLs', () => {
  let stack: TestStack;
  let base: string;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', { name: 'Birch Court', timeZone: 'America/Chicago' });
    base = `/v1/properties/${p.body.id}`;
    await stack.api('POST', `${base}/voicemail-boxes`, { id: 'leasing', name: 'Leasing' });
    const src = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const messages = await stack.api('POST', `${base}/call-flows`, {
      name: 'Messages',
      definition: {
        initialStepId: 'vm',
        steps: [{ id: 'vm', type: 'voicemail', voicemailBoxId: 'leasing', beep: true, maxLengthSeconds: 60 }],
      },
    });
    const recorded = await stack.api('POST', `${base}/call-flows`, {
      name: 'Recorded desk',
      definition: {
        initialStepId: 'desk',
        recording: true,
        steps: [{ id: 'desk', type: 'forward', to: AGENT, timeoutSeconds: 20, callerId: 'tracking_number' }],
      },
    });
    for (const [number, flow] of [
      ['+13125550160', messages.body.id],
      ['+13125550161', recorded.body.id],
    ]) {
      const n = await stack.api('POST', `${base}/tracking-numbers`, {
        number,
        sourceId: src.body.id,
        forwardTo: AGENT,
        callFlowId: flow,
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
    }
  });
  after(async () => {
    await stack?.stop();
  });

  /** Places a call and waits for its record and for every recording of it to be copied. */
  async function callAndCopy(
    script: Parameters<TestStack['sim']['placeCall']>[0],
  ): Promise<{ call: any; recordings: any[] }> {
    const placed = await stack.sim.placeCall(script);
    const call = await eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${placed.call_session_id}`)).body.items[0],
      30_000,
    );
    const recordings = await eventually(
      'recordings copied',
      async () => {
        const items = (await stack.api('GET', `/v1/calls/${call.id}/recordings`)).body.items as any[];
        return items.length > 0 && items.every((r) => r.status !== 'pending') ? items : undefined;
      },
      30_000,
    );
    return { call, recordings };
  }

  /** Keeps the copy workflow's history as a replay fixture (RECORD_HISTORIES=1). */
  async function recordCopyHistory(recordingId: string, name: string): Promise<void> {
    const [row] = await stack.dataSource.query(
      `SELECT carrier_recording_id AS id FROM recordings WHERE id = $1`,
      [recordingId],
    );
    await maybeRecordHistory(stack.client, storeRecordingWorkflowId(row.id), `recordings--${name}`);
  }

  /** What the carrier itself serves for a recording (its link from our row, read back for the check). */
  async function carrierBytes(recordingId: string): Promise<Buffer> {
    const [row] = await stack.dataSource.query(`SELECT carrier_url AS url FROM recordings WHERE id = $1`, [
      recordingId,
    ]);
    return bytesOf(await fetch(row.url));
  }

  it('copies a voicemail and plays it from a signed URL that expires, and from nowhere else', async () => {
    const { call, recordings } = await callAndCopy({
      from: '+13125550102',
      to: '+13125550160',
      caller: [{ hangup_after_s: 20 }],
    });
    assert.equal(call.outcome, 'voicemail');
    assert.equal(recordings.length, 1);
    const [rec] = recordings;
    assert.deepEqual([rec.purpose, rec.status, rec.contentType], ['voicemail', 'stored', 'audio/mpeg']);
    assert.match(
      rec.url,
      new RegExp(`^${stack.apiUrl}/media/recordings/${rec.id}\\?expires=\\d+&sig=[\\w-]{43}$`),
    );
    // Short-lived: RECORDING_URL_TTL_SECS (15 min), rounded up to at most one more step.
    const lifetimeS = (Date.parse(rec.urlExpiresAt) - Date.now()) / 1000;
    assert.ok(lifetimeS > 14 * 60 && lifetimeS <= 30 * 60, `expires in ${lifetimeS} s`);

    // The signed URL plays exactly the carrier's file, needs no key, and serves ranges for seeking.
    const played = await fetch(rec.url);
    assert.equal(played.status, 200);
    assert.equal(played.headers.get('content-type'), 'audio/mpeg');
    assert.match(played.headers.get('cache-control') ?? '', /^private/);
    const bytes = await bytesOf(played);
    assert.deepEqual(bytes, await carrierBytes(rec.id));
    assert.equal(rec.sizeBytes, bytes.length);
    await recordCopyHistory(rec.id, 'a-voicemail-is-copied');
    const part = await fetch(rec.url, { headers: { range: 'bytes=0-9' } });
    assert.equal(part.status, 206);
    assert.deepEqual(await bytesOf(part), bytes.subarray(0, 10));

    // Without a valid signature nothing plays: none, tampered, another recording's, expired.
    const path = `/media/recordings/${rec.id}`;
    const query = new URL(rec.url).search;
    const past = Math.floor(Date.now() / 1000) - 60;
    const refused = [
      `${stack.apiUrl}${path}`,
      `${stack.apiUrl}${path}${query.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A'))}`,
      `${stack.apiUrl}/media/recordings/${randomUUID()}${query}`,
      `${stack.apiUrl}${signMediaPath(path, process.env.MEDIA_SIGNING_SECRET!, past)}`,
    ];
    for (const url of refused) assert.equal((await fetch(url)).status, 403, url);

    // The stable link lists carry needs a key of this account and sends it to a fresh signed URL.
    const link = `${stack.apiUrl}/v1/calls/${call.id}/recording`;
    assert.equal(call.recordingUrl, link);
    const listen = await location(link, stack.apiKey);
    assert.equal(listen.status, 302);
    assert.match(listen.location!, new RegExp(`^${stack.apiUrl}/media/recordings/${rec.id}\\?expires=`));
    assert.equal((await location(link)).status, 401);
    const stranger = await createTestAccount(stack.apiUrl, 'Another company');
    assert.equal((await location(link, stranger.apiKey)).status, 404);
    assert.equal(
      (await location(`${stack.apiUrl}/v1/calls/${call.id}/recordings`, stranger.apiKey)).status,
      404,
    );

    // The voicemail box's message plays the same copy.
    const [message] = (await stack.api('GET', `${base}/voicemail-boxes/leasing/messages`)).body.items;
    assert.match(message.recordingUrl, new RegExp(`/media/recordings/${rec.id}\\?`));
    const fromBox = await location(
      `${stack.apiUrl}${base}/voicemail-boxes/leasing/messages/${message.id}/recording`,
      stack.apiKey,
    );
    assert.equal(fromBox.status, 302);
    assert.deepEqual(await bytesOf(await fetch(fromBox.location!)), bytes);
  });

  it('copies a recorded conversation, and no answer of the api names the carrier’s links', async () => {
    const { call, recordings } = await callAndCopy({
      from: '+13125550103',
      to: '+13125550161',
      caller: [{ hangup_after_s: 10 }],
      agents: { [AGENT]: { answer_after_s: 0.5 } },
    });
    assert.equal(call.outcome, 'answered');
    assert.deepEqual(
      recordings.map((r) => [r.purpose, r.status]),
      [['conversation', 'stored']],
    );

    const carrierLinks: string[] = (
      await stack.dataSource.query(`SELECT carrier_url AS url, download_urls AS urls FROM recordings`)
    ).flatMap((r: { url: string; urls: Record<string, string> }) => [r.url, ...Object.values(r.urls)]);
    assert.ok(carrierLinks.length >= 2);
    const paths = [
      `/v1/calls/${call.id}`,
      `/v1/calls/${call.id}/timeline`,
      `/v1/calls/${call.id}/recordings`,
      '/v1/calls',
      '/v1/calls?format=csv',
      `${base}/voicemail-boxes/leasing/messages`,
    ];
    const answers = await Promise.all(
      paths.map(async (p) => {
        const res = await fetch(`${stack.apiUrl}${p}`, {
          headers: { authorization: `Bearer ${stack.apiKey}` },
        });
        assert.equal(res.status, 200, p);
        return [p, await res.text()] as const;
      }),
    );
    const platform = await fetch(`${stack.apiUrl}/v1/platform/calls`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    answers.push(['/v1/platform/calls', await platform.text()]);
    for (const [p, body] of answers)
      for (const link of carrierLinks) assert.ok(!body.includes(link), `${p} names the carrier link ${link}`);
    // …while the timeline still tells the recording, by our copy.
    const timeline = JSON.parse(answers[1][1]);
    const saved = timeline.entries.find((e: { kind: string }) => e.kind === 'recording_saved');
    assert.equal(saved.purpose, 'conversation');
    assert.match(saved.url, new RegExp(`/media/recordings/${recordings[0].id}\\?`));
  });

  it('deletes a recording everywhere: our copy, the carrier’s, and a copy made after the deletion', async () => {
    const { call, recordings } = await callAndCopy({
      from: '+13125550104',
      to: '+13125550161',
      caller: [{ hangup_after_s: 4 }],
      agents: { [AGENT]: { answer_after_s: 0.5 } },
    });
    const [rec] = recordings;
    assert.equal(rec.status, 'stored');
    const [row] = await stack.dataSource.query(
      `SELECT carrier_recording_id AS "carrierId", blob_key AS "blobKey" FROM recordings WHERE id = $1`,
      [rec.id],
    );
    const blobs = new FilesystemBlobStore(loadConfig().media.dir);
    assert.ok(await blobs.exists(row.blobKey));
    assert.ok(stack.sim.heldRecordings().some((r) => r.id === row.carrierId));
    // The worker's own activity, built from the same parts as the worker builds it.
    const activities = createRecordingActivities(
      new RecordingRepository(stack.dataSource),
      blobs,
      new TelnyxRecordings({
        apiKey: 'test-telnyx-key',
        baseUrl: stack.sim.apiBaseUrl,
        allowPrivateNetworks: true,
      }),
    );

    assert.equal(await activities.deleteRecording(rec.id, 'retention'), 'deleted');
    assert.equal(await blobs.exists(row.blobKey), false, 'our copy is gone');
    assert.equal(
      stack.sim.heldRecordings().some((r) => r.id === row.carrierId),
      false,
      'the carrier was asked to delete its copy',
    );
    const [after] = (await stack.api('GET', `/v1/calls/${call.id}/recordings`)).body.items;
    assert.deepEqual([after.status, after.deletedReason, after.url], ['deleted', 'retention', null]);
    assert.ok(after.deletedAt);
    const listen = await location(`${stack.apiUrl}/v1/calls/${call.id}/recording`, stack.apiKey);
    assert.equal(listen.status, 410);
    assert.equal(
      (await location(`${stack.apiUrl}${new URL(rec.url).pathname}${new URL(rec.url).search}`)).status,
      404,
      'a signed link handed out before the deletion plays nothing',
    );

    // Again (a retried activity): nothing left to do. A copy job still running finds the row deleted.
    assert.equal(await activities.deleteRecording(rec.id, 'retention'), 'already_deleted');
    assert.equal(await activities.storeRecording(rec.id), 'deleted');
    assert.equal(await blobs.exists(row.blobKey), false);
  });

  it('gets fresh links from the carrier when the webhook’s have expired, once per recording', async () => {
    // Every webhook twice and the event's links refused, as Telnyx's are after 10 minutes.
    await fetch(`${stack.sim.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expiredRecordingLinks: true, duplicateWebhooks: true }),
    });
    try {
      const { recordings } = await callAndCopy({
        from: '+13125550104',
        to: '+13125550160',
        caller: [{ hangup_after_s: 20 }],
      });
      assert.deepEqual(
        recordings.map((r) => [r.purpose, r.status]),
        [['voicemail', 'stored']],
        'one copy though the webhook came twice',
      );
      const [row] = await stack.dataSource.query(`SELECT carrier_url AS url FROM recordings WHERE id = $1`, [
        recordings[0].id,
      ]);
      assert.equal((await fetch(row.url)).status, 403, 'the event’s own link no longer plays');
      assert.equal((await fetch(recordings[0].url)).status, 200);
      await recordCopyHistory(recordings[0].id, 'expired-carrier-links-are-renewed');
    } finally {
      await fetch(`${stack.sim.url}/sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    }
  });
});
