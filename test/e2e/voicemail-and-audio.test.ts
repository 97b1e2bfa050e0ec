import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';
import { wavFile } from '../support/audio';
import { startWebhookReceiver } from '../support/webhook-receiver';

describe('voicemail boxes and stored audio in live calls', () => {
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    // Refuses the first delivery, accepts the retry.
    receiver = await startWebhookReceiver(1);
  });
  after(async () => {
    await stack?.stop();
    receiver?.server.close();
  });

  it('plays the uploaded greeting from its signed URL, takes a message into the box and notifies its webhook', async () => {
    const p = await stack.api('POST', '/v1/properties', { name: 'Cedar Lofts', timeZone: 'America/Chicago' });
    const base = `/v1/properties/${p.body.id}`;
    const wav = wavFile();
    const audio = await stack.api('POST', `${base}/audio`, {
      id: 'hello',
      name: 'Hello',
      contentType: 'audio/wav',
      contentBase64: wav.toString('base64'),
    });
    assert.equal(audio.status, 201, JSON.stringify(audio.body));
    const box = await stack.api('POST', `${base}/voicemail-boxes`, {
      id: 'leasing',
      name: 'Leasing',
      greeting: { kind: 'tts', text: 'Leave a message for leasing.' },
      notifyWebhookUrl: receiver.url,
    });
    assert.equal(box.status, 201, JSON.stringify(box.body));
    const src = await stack.api('POST', `${base}/sources`, { name: 'Website' });
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'Messages only',
      definition: {
        initialStepId: 'hello',
        steps: [
          { id: 'hello', type: 'greeting', prompt: { kind: 'audio', audioId: 'hello' }, next: 'vm' },
          { id: 'vm', type: 'voicemail', voicemailBoxId: 'leasing', beep: true, maxLengthSeconds: 60 },
        ],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+13125550150',
      sourceId: src.body.id,
      forwardTo: '+13125550111',
      callFlowId: flow.body.id,
    });

    const call = await stack.sim.placeCall({
      from: '+13125550101',
      to: '+13125550150',
      caller: [{ hangup_after_s: 30 }],
    });
    const record = await eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${call.call_session_id}`)).body.items[0],
      30_000,
    );
    assert.equal(record.outcome, 'voicemail');
    assert.equal(record.voicemailBoxId, 'leasing');
    // Lists carry the key-guarded link to our copy, never the carrier's.
    assert.equal(record.recordingUrl, `${stack.apiUrl}/v1/calls/${record.id}/recording`);

    // The message is in the box, written with the record; it plays from our copy once made.
    const message = await eventually(
      'the message with its copied recording',
      async () => {
        const m = (await stack.api('GET', `${base}/voicemail-boxes/leasing/messages`)).body.items[0];
        return m?.recording?.status === 'stored' ? m : undefined;
      },
      30_000,
    );
    assert.deepEqual([message.callId, message.from, message.heard], [record.id, '+13125550101', false]);
    assert.match(message.recordingUrl, /\/media\/recordings\/[0-9a-f-]{36}\?expires=\d+&sig=[\w-]{43}$/);
    assert.equal(typeof message.durationSecs, 'number', 'the length comes from recording.saved');

    // The carrier was told to fetch the greeting from a signed URL that serves exactly the uploaded
    // file, and the box's own greeting was spoken before the recording.
    const commands = stack.sim.session(call.call_session_id)!.commands;
    const playback = commands.find((c) => c.action === 'playback_start')!.body as { audio_url: string };
    assert.match(playback.audio_url, /\/media\/audio\/[0-9a-f-]{36}\?expires=\d+&sig=[\w-]{43}$/);
    const served = await fetch(playback.audio_url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'audio/wav');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), wav);
    const spoken = commands
      .filter((c) => c.action === 'speak')
      .map((c) => (c.body as { payload: string }).payload);
    assert.deepEqual(spoken, ['Leave a message for leasing.']);

    // The first delivery was refused; the retry carries the same delivery id and the recording.
    const [first, second] = await eventually(
      'two deliveries',
      async () => (receiver.deliveries.length >= 2 ? receiver.deliveries : undefined),
      30_000,
    );
    assert.equal(first.headers['switchboard-delivery'], second.headers['switchboard-delivery']);
    assert.equal(second.headers['switchboard-event'], 'voicemail.received');
    assert.equal(second.body.recordingUrl, record.recordingUrl, 'the key-guarded link, not the carrier’s');
    assert.equal(second.body.voicemailBox.id, 'leasing');
    assert.equal(second.body.call.from, '+13125550101');
    assert.equal(second.body.call.source, 'Website');
  });
});
