import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { action, api, payloadOf, scenarioGapS, startHarness, type Harness } from './helpers';

/** The simulator is a time-compressed Telnyx: every duration shrinks, occurred_at keeps scenario time. */
describe('timeScale', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness({ timeScale: 0.01 });
  });
  after(() => h.close());

  it('ends a 20 s ring timeout in ~200 ms real time while occurred_at advances 20 s', async () => {
    const inbound = await h.sim.placeCall({ from: '+15125550142', to: '+17375550100' });
    await action(h.sim, inbound.call_control_id, 'answer');
    const started = performance.now();
    const dial = await api(h.sim, 'POST', '/calls', {
      connection_id: h.sim.connectionId,
      from: '+17375550100',
      to: '+15125550999',
      link_to: inbound.call_control_id,
      timeout_secs: 20,
    });
    const agent = dial.body.data.call_control_id as string;
    const hangup = await h.hooks.waitForEvent('call.hangup', agent);
    const realMs = performance.now() - started;
    assert.equal(payloadOf(hangup).hangup_cause, 'timeout');
    assert.ok(realMs >= 150 && realMs < 1500, `ring timeout took ${realMs.toFixed(0)} ms real`);
    const initiated = await h.hooks.waitForEvent('call.initiated', agent);
    assert.ok(
      Math.abs(scenarioGapS(initiated, hangup) - 20) < 0.001,
      `occurred_at gap ${scenarioGapS(initiated, hangup)} s`,
    );
    await action(h.sim, inbound.call_control_id, 'hangup');
  });

  it('hangs up a parked call the app never answers after 30 s scenario time', async () => {
    const ignored = await h.sim.placeCall({ from: '+15125550142', to: '+17375550100' });
    const hangup = await h.hooks.waitForEvent('call.hangup', ignored.call_control_id);
    assert.deepEqual(
      [payloadOf(hangup).hangup_cause, payloadOf(hangup).hangup_source],
      ['timeout', 'unknown'],
    );
    const initiated = await h.hooks.waitForEvent('call.initiated', ignored.call_control_id);
    assert.ok(Math.abs(scenarioGapS(initiated, hangup) - 30) < 0.001);
  });

  it('scales app-given durations too: a 40 s speak lasts ~400 ms', async () => {
    const inbound = await h.sim.placeCall({ from: '+15125550142', to: '+17375550100' });
    await action(h.sim, inbound.call_control_id, 'answer');
    const started = performance.now();
    await action(h.sim, inbound.call_control_id, 'speak', { payload: 'x'.repeat(1000), voice: 'female' });
    const ended = await h.hooks.waitForEvent('call.speak.ended', inbound.call_control_id);
    const realMs = performance.now() - started;
    assert.ok(realMs >= 350 && realMs < 2000, `speak took ${realMs.toFixed(0)} ms real`);
    const began = await h.hooks.waitForEvent('call.speak.started', inbound.call_control_id);
    assert.ok(Math.abs(scenarioGapS(began, ended) - 40) < 0.001);
    await action(h.sim, inbound.call_control_id, 'hangup');
    await h.sim.idle();
  });
});
