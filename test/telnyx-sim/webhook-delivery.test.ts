import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { publicKeyBase64Of, startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import {
  action,
  api,
  API_KEY,
  payloadOf,
  sleep,
  startHarness,
  WebhookReceiver,
  type Delivery,
  type Harness,
} from './helpers';

const CALLER = '+15125550142';
const NUMBER = '+17375550100';

describe('webhook delivery: retries, failures, faults', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness({ timeScale: 0.05, webhookRetryDelaysMs: [50, 100, 200], webhookTimeoutMs: 1000 });
  });
  after(() => h.close());

  /** Steer the receiver's answer by the URL each session was given (?mode=...). */
  const modeOf = (d: Delivery) => new URL(d.meta.delivered_to).searchParams.get('mode');
  const attemptsOf = (eventId: string) => h.hooks.deliveries.filter((d) => d.data.id === eventId);

  it('retries a failed delivery with the same event id and increasing meta.attempt', async () => {
    const failuresLeft = new Map<string, number>();
    h.hooks.respond = (d) => {
      if (modeOf(d) !== 'flaky') return 200;
      const left = failuresLeft.get(d.data.id) ?? 2;
      failuresLeft.set(d.data.id, left - 1);
      return left > 0 ? 500 : 200;
    };
    const call = await h.sim.placeCall({
      from: CALLER,
      to: NUMBER,
      webhook_url: `${h.hooks.url}?mode=flaky`,
    });
    const initiated = await h.hooks.waitFor(
      (d) =>
        d.data.event_type === 'call.initiated' &&
        payloadOf(d).call_control_id === call.call_control_id &&
        d.meta.attempt === 3,
    );
    const attempts = attemptsOf(initiated.data.id);
    assert.deepEqual(
      attempts.map((d) => d.meta.attempt),
      [1, 2, 3],
    );
    assert.ok(attempts.every((d) => d.signatureValid && d.data.occurred_at === initiated.data.occurred_at));
    await action(h.sim, call.call_control_id, 'hangup');
    await h.hooks.waitForEvent('call.hangup', call.call_control_id);

    const record = h.sim.session(call.call_session_id)!.webhooks[0];
    assert.equal(record.event_id, initiated.data.id);
    assert.equal(record.delivered, true);
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [500, 500, 200],
    );
    assert.ok(
      record.attempts.every((a, i) => i === 0 || a.sent_t_ms >= record.attempts[i - 1].acked_t_ms! + 40),
    );
  });

  it('gives up after the last attempt and records the delivery as failed', async () => {
    h.hooks.respond = (d) => (modeOf(d) === 'down' ? 503 : 200);
    const call = await h.sim.placeCall({ from: CALLER, to: NUMBER, webhook_url: `${h.hooks.url}?mode=down` });
    await h.hooks.waitFor(
      (d) => payloadOf(d).call_control_id === call.call_control_id && d.meta.attempt === 4,
    );
    await sleep(50);
    const record = h.sim.session(call.call_session_id)!.webhooks[0];
    assert.equal(record.attempts.length, 4);
    assert.equal(record.delivered, false);
    assert.equal(record.failed, true);
    assert.equal(record.error, 'HTTP 503');
    await action(h.sim, call.call_control_id, 'reject', { cause: 'CALL_REJECTED' });
  });

  it('treats a slow receiver as failed for that attempt (per-attempt timeout) and retries', async () => {
    const slowOnce = new Set<string>();
    h.hooks.respond = async (d) => {
      if (modeOf(d) !== 'slow' || slowOnce.has(d.data.id)) return 200;
      slowOnce.add(d.data.id);
      await sleep(1300);
      return 200;
    };
    const call = await h.sim.placeCall({ from: CALLER, to: NUMBER, webhook_url: `${h.hooks.url}?mode=slow` });
    await h.hooks.waitFor(
      (d) => payloadOf(d).call_control_id === call.call_control_id && d.meta.attempt === 2,
    );
    await sleep(50);
    const record = h.sim.session(call.call_session_id)!.webhooks[0];
    assert.match(record.attempts[0].error ?? '', /timeout/);
    assert.equal(record.delivered, true);
    await action(h.sim, call.call_control_id, 'reject', { cause: 'USER_BUSY' });
  });

  it('injects API errors: the next N commands get 503 / 429 (Retry-After) with no side effect', async () => {
    h.hooks.respond = () => 200;
    const call = await h.sim.placeCall({ from: CALLER, to: NUMBER });
    h.sim.setFaults({ apiErrorStatus: 503, apiErrorCount: 2 });
    const first = await action(h.sim, call.call_control_id, 'answer');
    const second = await action(h.sim, call.call_control_id, 'answer');
    assert.deepEqual([first.status, second.status], [503, 503]);
    assert.equal(first.body.errors[0].code, '10007');
    h.sim.setFaults({ apiErrorStatus: 429 });
    const limited = await action(h.sim, call.call_control_id, 'answer');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    const third = await action(h.sim, call.call_control_id, 'answer');
    assert.equal(third.status, 200);
    await h.hooks.waitForEvent('call.answered', call.call_control_id);
    const timeline = h.sim.session(call.call_session_id)!;
    assert.deepEqual(
      timeline.commands.map((c) => [c.status, c.injected_fault ?? false]),
      [
        [503, true],
        [503, true],
        [429, true],
        [200, false],
      ],
    );
    await action(h.sim, call.call_control_id, 'hangup');
  });

  it('delivers every webhook twice when duplicateWebhooks is on (apps must dedupe on data.id)', async () => {
    h.sim.setFaults({ duplicateWebhooks: true });
    const call = await h.sim.placeCall({ from: CALLER, to: NUMBER });
    await action(h.sim, call.call_control_id, 'answer');
    await action(h.sim, call.call_control_id, 'hangup');
    await h.hooks.waitFor(
      (d) =>
        d.data.event_type === 'call.hangup' &&
        payloadOf(d).call_control_id === call.call_control_id &&
        attemptsOf(d.data.id).length === 2,
    );
    const mine = h.hooks.deliveries.filter((d) => payloadOf(d).call_control_id === call.call_control_id);
    assert.deepEqual(
      mine.map((d) => d.data.event_type),
      ['call.initiated', 'call.initiated', 'call.answered', 'call.answered', 'call.hangup', 'call.hangup'],
    );
    assert.equal(mine[0].raw, mine[1].raw, 'the copy is byte-identical');
    h.sim.setFaults({});
  });

  it('shuffles webhooks of a call within small batches when shuffleWebhooks is on', async () => {
    h.sim.setFaults({ shuffleWebhooks: true });
    const agents = ['+15125550201', '+15125550202', '+15125550203', '+15125550204'];
    const runs = await Promise.all(
      [0, 1, 2].map(async () => {
        const call = await h.sim.placeCall({
          from: CALLER,
          to: NUMBER,
          agents: Object.fromEntries(agents.map((a) => [a, 'busy' as const])),
        });
        await action(h.sim, call.call_control_id, 'answer');
        await Promise.all(
          agents.map((to) =>
            api(h.sim, 'POST', '/calls', {
              connection_id: h.sim.connectionId,
              from: NUMBER,
              to,
              link_to: call.call_control_id,
            }),
          ),
        );
        await action(h.sim, call.call_control_id, 'hangup');
        return call;
      }),
    );
    await h.sim.idle();
    h.sim.setFaults({});
    let reordered = 0;
    for (const call of runs) {
      const generated = h.sim.session(call.call_session_id)!.webhooks;
      assert.ok(generated.every((w) => w.delivered));
      const arrived = h.hooks.deliveries
        .filter((d) => payloadOf(d).call_session_id === call.call_session_id)
        .map((d) => d.data.id);
      assert.deepEqual(
        [...arrived].sort(),
        generated.map((w) => w.event_id).sort(),
        'every event arrives exactly once',
      );
      if (arrived.join() !== generated.map((w) => w.event_id).join()) reordered++;
    }
    assert.ok(reordered > 0, 'at least one call saw its webhooks out of generation order');
  });
});

// A Call Control App has a primary and a failover webhook URL: several api hosts behind two
// addresses, so one going away loses nothing.
describe('webhook delivery: the app failover URL', () => {
  let sim: TelnyxSimulator;
  let hooks: WebhookReceiver;

  before(async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    hooks = await WebhookReceiver.start(publicKeyBase64Of(privateKey));
    sim = await startTelnyxSimulator({
      apiKey: API_KEY,
      privateKey,
      timeScale: 0.05,
      webhookRetryDelaysMs: [50, 100],
      failoverWebhookUrl: `${hooks.url}?to=failover`,
    });
    sim.setWebhookUrl(`${hooks.url}?to=primary`);
  });
  after(async () => {
    await sim?.close();
    await hooks?.close();
  });

  const target = (d: Delivery) => new URL(d.meta.delivered_to).searchParams.get('to');

  it('an event the primary URL refuses is delivered to the failover URL in the same attempt', async () => {
    hooks.respond = (d) => (target(d) === 'primary' ? 503 : 200);
    const call = await sim.placeCall({ from: CALLER, to: NUMBER });
    const initiated = await hooks.waitFor(
      (d) =>
        d.data.event_type === 'call.initiated' &&
        payloadOf(d).call_control_id === call.call_control_id &&
        target(d) === 'failover',
    );
    assert.equal(initiated.meta.attempt, 1);
    // Marked once the receiver's answer is read, just after the receiver saw the request.
    const record = () => sim.session(call.call_session_id)!.webhooks[0];
    for (let i = 0; i < 100 && !record().delivered; i++) await sleep(10);
    assert.equal(record().delivered, true);
    assert.deepEqual(
      record().attempts.map((a) => a.status),
      [503, 200],
    );
    await action(sim, call.call_control_id, 'reject', { cause: 'CALL_REJECTED' });
  });

  it('a command’s own webhook_url has no failover', async () => {
    hooks.respond = (d) => (target(d) === 'own' ? 503 : 200);
    const call = await sim.placeCall({ from: CALLER, to: NUMBER, webhook_url: `${hooks.url}?to=own` });
    await hooks.waitFor((d) => payloadOf(d).call_control_id === call.call_control_id && d.meta.attempt === 3);
    await sleep(50);
    const record = sim.session(call.call_session_id)!.webhooks[0];
    assert.equal(record.delivered, false);
    assert.ok(record.attempts.every((a) => a.status === 503));
    await action(sim, call.call_control_id, 'reject', { cause: 'CALL_REJECTED' });
  });
});
