import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bundle } from '@switchboard/bundle';
import { http } from '../support/http';
import { openSse } from '../support/sse';
import { ProcessStack, type AppName } from './support/process-stack';
import { TemporalOnPostgres } from './support/temporal-on-postgres';
import {
  CALLS,
  LATE_S,
  RATE,
  RESILIENCE_BUNDLE,
  TIME_SCALE,
  pressed,
  runFaultScenario,
  secs,
  sleep,
  stages,
  waitUntil,
  type LoadPlan,
  type PlacedCall,
} from './support/call-load';
import { assertNothingLost } from './support/assertions';

const PLAN: LoadPlan = { calls: CALLS, rate: RATE, lateS: LATE_S, kind: (i) => (i % 2 ? 'ring' : 'menu') };

/** A browser agent alone in a ring group, on a number of its own (apart from the fault load). */
const DESK_NUMBER = '+13125550190';
const DESK_AGENT = 'sip:ann-multi-process@sip.telnyx.com';
const DESK_BUNDLE: Bundle = {
  property: { name: 'Two Processes Desk', time_zone: 'America/Chicago' },
  sources: [{ name: 'Desk' }],
  agents: [
    { id: 'ann', name: 'Ann', endpoint: { kind: 'webrtc', username: 'ann-multi-process' }, available: true },
  ],
  ring_groups: [
    {
      id: 'desk',
      name: 'Desk',
      strategy: 'simultaneous',
      members: [{ agentId: 'ann' }],
      agentRingTimeoutSeconds: 30,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    },
  ],
  flows: [
    {
      name: 'Desk',
      definition: {
        initialStepId: 'desk',
        recording: false,
        steps: [{ id: 'desk', type: 'ring_group', ringGroupId: 'desk' }],
      },
    },
  ],
  numbers: [{ number: DESK_NUMBER, source: 'Desk', forward_to: '+13125550191', flow: 'Desk' }],
};

/** Webhooks a refused primary (api-1) had delivered to the failover URL (api-2) in the same attempt. */
function failoverDeliveries(stack: ProcessStack, calls: PlacedCall[]): number {
  let n = 0;
  for (const c of calls)
    for (const w of stack.sim.session(c.sessionId)?.webhooks ?? []) {
      const tries = w.attempts.filter((a) => !a.duplicate).map((a) => a.attempt);
      n += tries.length - new Set(tries).size;
    }
  return n;
}

/**
 * Switchboard as several processes (api-1, api-2 behind the carrier's primary and failover webhook
 * URLs; worker-1, worker-2 on one task queue) on temporal-server with its history in PostgreSQL.
 * Each fault has 100 calls of its own waiting in menus and ring groups when it lands.
 */
describe('2 api and 2 worker processes on Temporal-on-PostgreSQL, with processes and Temporal failing', () => {
  let temporal: TemporalOnPostgres;
  let stack: ProcessStack;

  before(async () => {
    temporal = await TemporalOnPostgres.start();
    stack = await ProcessStack.start({
      timeScale: TIME_SCALE,
      temporalAddress: temporal.address,
      apis: 2,
      workers: 2,
    });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => {
    await stack?.stop();
    await temporal?.stop();
  });

  it('an agent connected to api-2 gets the screen pop of a call whose webhooks go to api-1', async () => {
    const { propertyId } = await stack.applyBundle(DESK_BUNDLE);
    const link = await stack.request('POST', `/v1/properties/${propertyId}/agents/ann/sign-in-links`);
    assert.equal(link.status, 201, JSON.stringify(link.body));
    const api2 = stack.apiUrls.get('api-2')!;
    const session = await http('POST', `${api2}/v1/agent/sessions`, { code: link.body.code });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    const events = await openSse(`${api2}/v1/agent/events?token=${session.body.token}`);
    try {
      await events.next('presence', (d) => d.presence === 'available');
      const call = await stack.sim.placeCall({
        from: '+17735550999',
        to: DESK_NUMBER,
        caller: [{ hangup_after_s: 30 }],
        agents: { [DESK_AGENT]: { answer_after_s: 1, hangup_after_s: 2 } },
      });
      const ringing = await events.next('ringing', (d) => d.callSessionId === call.call_session_id, 30_000);
      assert.deepEqual(
        [ringing.from, ringing.trackingNumber, ringing.source],
        ['+17735550999', DESK_NUMBER, 'Desk'],
      );
      await events.next('ended', (d) => d.callControlId === ringing.callControlId, 30_000);
      // The webhook that rang the agent's leg went to api-1 and was taken there at once.
      const initiated = stack.sim
        .session(call.call_session_id)
        ?.webhooks.find(
          (w) => w.call_control_id === ringing.callControlId && w.event_type === 'call.initiated',
        );
      assert.equal(initiated?.url, `${stack.apiUrl}/webhooks/telnyx`);
      assert.deepEqual(
        initiated.attempts.map((a) => [a.attempt, a.status]),
        [[1, 200]],
      );
    } finally {
      events.close();
    }
  });

  it('SIGKILL of api-1 and worker-1: api-2 takes the webhooks, worker-2 the tasks, nothing lost', async () => {
    let failovers = 0;
    const r = await runFaultScenario({
      name: 'multi-process-sigkill',
      stack,
      plan: PLAN,
      inject: async (calls) => {
        const at = stages(stack, calls);
        const t = Date.now();
        await Promise.all([stack.kill('api-1'), stack.kill('worker-1')]);
        // api-2 and worker-2 carry on alone until callers press keys and agents answer (webhooks
        // and tasks stream), and at least 10 s.
        await Promise.all([
          sleep(10_000),
          waitUntil('the first menu choices', () => pressed(stack, calls) >= 5),
        ]);
        await Promise.all([stack.startApp('api-1'), stack.startApp('worker-1')]);
        failovers = failoverDeliveries(stack, calls);
        return { ...at, killed_s: secs(Date.now() - t), failover_deliveries: failovers };
      },
    });
    assertNothingLost(r, stack);
    assert.ok(failovers > 0, 'webhooks api-1 could not take went to api-2');
  });

  it('a rolling restart of every process, one by one (SIGTERM, start, ready, next): nothing lost', async () => {
    const r = await runFaultScenario({
      name: 'multi-process-rolling-restart',
      stack,
      plan: PLAN,
      inject: async (calls) => {
        await waitUntil('the first menu choices', () => pressed(stack, calls) >= 3);
        const at = stages(stack, calls);
        const t = Date.now();
        const order: AppName[] = [...stack.names];
        for (const name of order) {
          await stack.terminate(name);
          await stack.startApp(name);
        }
        return {
          ...at,
          restarted: order.length,
          rolling_s: secs(Date.now() - t),
          failover_deliveries: failoverDeliveries(stack, calls),
        };
      },
    });
    assertNothingLost(r, stack);
  });

  it('temporal-server stopped and started again on its PostgreSQL databases: nothing lost', async () => {
    const r = await runFaultScenario({
      name: 'multi-process-temporal-restart',
      stack,
      plan: PLAN,
      inject: async (calls) => {
        await waitUntil('the first menu choices', () => pressed(stack, calls) >= 3);
        const at = stages(stack, calls);
        const t = Date.now();
        await temporal.restart(5000);
        return { ...at, temporal_down_s: secs(Date.now() - t) };
      },
    });
    assertNothingLost(r, stack);
    for (const name of stack.names) assert.ok(stack.process(name), `${name} still running`);
  });
});
