import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import type { CallerStep } from '../../apps/telnyx-sim/src';
import {
  action,
  payloadOf,
  startHarness,
  webhookContractErrors,
  type Delivery,
  type Harness,
} from './helpers';

const CALLER = '+15125550142';
const NUMBER = '+17375550100';

const PARAMETERS = {
  type: 'object',
  properties: {
    intent: {
      type: 'string',
      description: 'What the caller needs.',
      enum: ['leasing', 'maintenance', 'emergency'],
    },
    unit: { type: 'string', description: 'The apartment number.' },
  },
  required: ['intent'],
};

/**
 * gather_using_ai as the simulator plays it: the request checked against the contract, the
 * caller's `say:` read by the stand-in model into call.ai_gather.ended, silence and gibberish
 * ending `invalid`, and a DTMF gather never taking a say step.
 */
describe('the simulator’s AI gather (gather_using_ai)', () => {
  let h: Harness;
  let client: Telnyx;

  before(async () => {
    h = await startHarness({ timeScale: 0.05 });
    client = new Telnyx({ apiKey: 'test-key', baseURL: h.sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
  });
  after(() => h.close());

  async function answered(caller: CallerStep[]): Promise<string> {
    const placed = await h.sim.placeCall({ from: CALLER, to: NUMBER, caller });
    assert.equal((await action(h.sim, placed.call_control_id, 'answer')).status, 200);
    return placed.call_control_id;
  }

  const ended = async (id: string, n = 1): Promise<Delivery> => {
    await h.hooks.waitFor(
      () => h.hooks.eventTypesOf(id).filter((t) => t === 'call.ai_gather.ended').length >= n,
      8000,
      `ai_gather.ended #${n}`,
    );
    return h.hooks
      .events()
      .filter((d) => d.data.event_type === 'call.ai_gather.ended' && payloadOf(d).call_control_id === id)[
      n - 1
    ];
  };

  const ask = (id: string, extra: Record<string, unknown> = {}) =>
    client.calls.actions.gatherUsingAI(id, {
      parameters: PARAMETERS,
      greeting: 'How can I help?',
      user_response_timeout_ms: 2000,
      ...extra,
    });

  it('reads the caller’s sentence into the parameters, with the conversation, in a contract-valid webhook', async () => {
    const id = await answered([
      { say: 'My sink is leaking, I need maintenance in unit 4B' },
      { hangup_after_s: 1 },
    ]);
    await ask(id);
    const d = await ended(id);
    assert.deepEqual(webhookContractErrors(d), []);
    const p = payloadOf(d);
    assert.equal(p.status, 'valid');
    assert.deepEqual(p.result, { intent: 'maintenance', unit: '4B' });
    assert.deepEqual(p.message_history, [
      { role: 'assistant', content: 'How can I help?' },
      { role: 'user', content: 'My sink is leaking, I need maintenance in unit 4B' },
    ]);
    const session = h.sim.session(p.call_session_id as string) as { commands?: Array<{ name?: string }> };
    assert.ok(JSON.stringify(session).includes('gather_using_ai'), 'the timeline lists the command');
  });

  it('no say step (silence) and gibberish both end invalid; a required field missing is invalid too', async () => {
    const silent = await answered([{ hangup_after_s: 5 }]);
    await ask(silent);
    const s = payloadOf(await ended(silent));
    assert.equal(s.status, 'invalid');
    assert.deepEqual(s.result, {});

    const mumbling = await answered([
      { say: 'blorp fizzle' },
      { say: 'it is unit 12' },
      { hangup_after_s: 1 },
    ]);
    await ask(mumbling);
    assert.deepEqual(
      [payloadOf(await ended(mumbling)).status, payloadOf(await ended(mumbling)).result],
      ['invalid', {}],
    );
    await ask(mumbling);
    const second = payloadOf(await ended(mumbling, 2));
    assert.deepEqual([second.status, second.result], ['invalid', { unit: '12' }]);
  });

  it('a key gather does not take a say step, and an AI gather does not take a press step', async () => {
    const id = await answered([{ say: 'emergency' }, { hangup_after_s: 3 }]);
    await action(h.sim, id, 'gather', { initial_timeout_millis: 1000 });
    await h.hooks.waitForEvent('call.gather.ended', id, 8000);
    const gather = h.hooks
      .events()
      .find((d) => d.data.event_type === 'call.gather.ended' && payloadOf(d).call_control_id === id)!;
    assert.equal(payloadOf(gather).status, 'timeout');
    await ask(id);
    assert.deepEqual(payloadOf(await ended(id)).result, { intent: 'emergency' });

    const presser = await answered([{ press: '1' }, { hangup_after_s: 3 }]);
    await ask(presser);
    assert.equal(payloadOf(await ended(presser)).status, 'invalid');
  });

  it('refuses a request without parameters, as the contract requires them', async () => {
    const id = await answered([{ hangup_after_s: 2 }]);
    const r = await action(h.sim, id, 'gather_using_ai', { greeting: 'Hello?' });
    assert.equal(r.status, 422);
    assert.match(JSON.stringify(r.body), /parameters/);
  });
});
