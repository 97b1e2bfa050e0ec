import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import {
  action,
  cs,
  payloadOf,
  startHarness,
  webhookContractErrors,
  type Delivery,
  type Harness,
} from './helpers';

interface TranscriptionData {
  transcript: string;
  is_final: boolean;
  confidence: number;
  transcription_track: string;
}
/** A call.transcription's transcription_data. */
const said = (d: Delivery) => payloadOf(d).transcription_data as TranscriptionData;

const CALLER = '+15125550142';
const TRACKING_NUMBER = '+17375550100';
const AGENT = '+15125550111';

/**
 * transcription_start on a bridged caller's leg, driven through the `telnyx` SDK as the app drives
 * it, over a scripted conversation: each line said after the bridge is a final `call.transcription`
 * on the caller's leg, the caller's lines on its inbound track and the agent's on its outbound one.
 */
describe('Telnyx contract: transcription of a scripted conversation', () => {
  let h: Harness;
  let client: Telnyx;
  let inbound = '';
  let transcriptionReply: unknown;

  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
    client = new Telnyx({ apiKey: 'test-key', baseURL: h.sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
    h.hooks.on(async (d: Delivery) => {
      const p = payloadOf(d);
      const id = p.call_control_id;
      if (d.data.event_type === 'call.initiated' && p.direction === 'incoming') {
        await client.calls.actions.answer(id, { command_id: randomUUID() });
      } else if (d.data.event_type === 'call.answered' && id === inbound) {
        await client.calls.dial({
          connection_id: h.sim.connectionId,
          from: TRACKING_NUMBER,
          to: AGENT,
          link_to: inbound,
          timeout_secs: 20,
          command_id: randomUUID(),
        });
      } else if (d.data.event_type === 'call.answered') {
        await client.calls.actions.bridge(inbound, {
          call_control_id_to_bridge_with: id,
          command_id: randomUUID(),
        });
        transcriptionReply = await client.calls.actions.startTranscription(inbound, {
          transcription_engine: 'Telnyx',
          transcription_tracks: 'both',
          client_state: cs({ step: 'talk' }),
          command_id: randomUUID(),
        });
      }
    });
    const placed = await h.sim.placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      caller: [{ hangup_after_s: 6 }],
      agents: { [AGENT]: { answer_after_s: 1 } },
      conversation: [
        { speaker: 'caller', text: 'I want to schedule a tour' },
        { speaker: 'agent', text: 'Sure, does Saturday at ten work?', after_s: 2 },
        // Said before the hangup, transcribed after it.
        { speaker: 'caller', text: 'Saturday is perfect', transcribed_after_s: 4 },
        // Never said: the caller has hung up by then.
        { speaker: 'agent', text: 'See you then', after_s: 10 },
      ],
    });
    inbound = placed.call_control_id;
    await h.hooks.waitFor(
      (d) => d.data.event_type === 'call.transcription' && said(d).transcript === 'Saturday is perfect',
      10_000,
    );
    await h.sim.idle();
  });

  after(() => h.close());

  const transcriptions = () => h.hooks.deliveries.filter((d) => d.data.event_type === 'call.transcription');

  it('answers transcription_start like Telnyx', () => {
    assert.deepEqual((transcriptionReply as { data: unknown }).data, { result: 'ok' });
  });

  it("emits what was said after the bridge, by track, on the caller's leg, with its client_state", () => {
    assert.deepEqual(
      transcriptions().map((d) => {
        const t = said(d);
        return [payloadOf(d).call_control_id, t.transcription_track, t.transcript];
      }),
      [
        [inbound, 'inbound', 'I want to schedule a tour'],
        [inbound, 'outbound', 'Sure, does Saturday at ten work?'],
        [inbound, 'inbound', 'Saturday is perfect'],
      ],
    );
    for (const d of transcriptions()) {
      assert.equal(said(d).is_final, true);
      assert.equal(typeof said(d).confidence, 'number');
      assert.equal(payloadOf(d).client_state, cs({ step: 'talk' }));
    }
    assert.deepEqual(transcriptions().flatMap(webhookContractErrors), []);
  });

  it('delivers a lagging transcription after the hangup', () => {
    const hangup = h.hooks.deliveries.find(
      (d) => d.data.event_type === 'call.hangup' && payloadOf(d).call_control_id === inbound,
    )!;
    const late = transcriptions().at(-1)!;
    assert.ok(Date.parse(late.data.occurred_at) > Date.parse(hangup.data.occurred_at));
  });

  it('refuses an engine Telnyx does not have, naming the field', async () => {
    const session = h.sim.sessions()[0];
    assert.ok(session.commands.some((c) => c.action === 'transcription_start' && c.status === 200));
    const engine = await action(h.sim, inbound, 'transcription_start', { transcription_engine: 'Whisper' });
    assert.equal(engine.status, 422);
    assert.equal(engine.body.errors[0].source.pointer, '/transcription_engine');
  });
});
