import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyBundle } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { callWorkflowId, currentStepQuery } from '@switchboard/contracts';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const bundle: Bundle = {
  property: { name: 'Lakeview Clinic', time_zone: 'America/New_York' },
  sources: [{ name: 'Website' }],
  numbers: [
    {
      number: '+16175550100',
      source: 'Website',
      forward_to: '+16175550111',
      greeting: { text: 'Hello from Lakeview.' },
    },
  ],
};

async function recordFor(stack: TestStack, sessionId: string) {
  return eventually('call record', async () => {
    const r = await stack.api('GET', `/v1/calls?callSessionId=${sessionId}`);
    return r.body.items[0];
  });
}

describe('inbound call workflow on the real stack', () => {
  let stack: TestStack;
  let propertyId: string;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    ({ propertyId } = await applyBundle(stack.endpoints, bundle));
  });
  after(async () => {
    await stack?.stop();
  });

  it('writes a complete call record and is findable by search attributes', async () => {
    const placed = await stack.sim.placeCall({
      from: '+16175550123',
      to: '+16175550100',
      at: '2026-11-23T14:00:00Z',
      caller: [{ hangup_after_s: 30 }],
      agents: { '+16175550111': { answer_after_s: 3 } },
    });
    const call = await recordFor(stack, placed.call_session_id);
    assert.equal(call.outcome, 'answered');
    assert.equal(call.propertyId, propertyId);
    assert.equal(call.sourceName, 'Website');
    assert.equal(call.fromNumber, '+16175550123');
    assert.equal(call.toNumber, '+16175550100');
    assert.equal(call.answeredBy, '+16175550111');
    assert.equal(new Date(call.startedAt).toISOString(), '2026-11-23T14:00:00.000Z');
    // Carrier clock: greeting (~0.8 s) + 3 s ringing + 30 s talk, all in the simulator's scenario time.
    // Our own latency is magnified 10x by the compressed clock, hence the loose upper bound.
    assert.ok(call.talkSecs >= 30 && call.talkSecs <= 45, `talk ${call.talkSecs}s`);
    assert.ok(call.durationSecs >= call.talkSecs + 3, `duration ${call.durationSecs}s`);
    assert.deepEqual(
      call.path.map((p: { step: string }) => p.step),
      ['greeting', 'forward', 'connected'],
    );
    for (const p of call.path) assert.ok(!Number.isNaN(Date.parse(p.at)), 'each step has an instant');

    const detail = await stack.api('GET', `/v1/calls/${call.id}`);
    assert.equal(detail.status, 200);
    const types = detail.body.events.map((e: { type: string }) => e.type);
    assert.ok(types.includes('call.initiated') && types.includes('call.hangup'), types.join());

    const workflowId = callWorkflowId(placed.call_session_id);
    const found = await eventually('visibility', async () => {
      for await (const wf of stack.client.workflow.list({
        query: `TrackingSource = "Website" AND CallOutcome = "answered" AND CallerNumber = "+16175550123" AND PropertyId = "${propertyId}"`,
      })) {
        // The record is written just before the workflow completes: wait for both.
        if (wf.workflowId === workflowId && wf.status.name === 'COMPLETED') return wf;
      }
      return undefined;
    });
    assert.equal(found.status.name, 'COMPLETED');
  });

  it('answers the current-step query while the call is live', async () => {
    const placed = await stack.sim.placeCall({
      from: '+16175550124',
      to: '+16175550100',
      caller: [{ hangup_after_s: 60 }],
      agents: { '+16175550111': { answer_after_s: 1 } },
    });
    const handle = stack.client.workflow.getHandle(callWorkflowId(placed.call_session_id));
    const progress = await eventually('connected step', async () => {
      const p = await handle.query(currentStepQuery).catch(() => undefined);
      return p?.step === 'connected' ? p : undefined;
    });
    assert.deepEqual(
      progress.path.map((p) => p.step),
      ['greeting', 'forward', 'connected'],
    );
    assert.equal(progress.outcome, null);
    const call = await recordFor(stack, placed.call_session_id);
    assert.equal(call.outcome, 'answered');
  });

  it('sends every carrier command once, with a stable command_id, even when each webhook arrives twice', async () => {
    stack.sim.setFaults({ duplicateWebhooks: true });
    try {
      const placed = await stack.sim.placeCall({
        from: '+16175550125',
        to: '+16175550100',
        caller: [{ hangup_after_s: 30 }],
        agents: { '+16175550111': { answer_after_s: 1 } },
      });
      const call = await recordFor(stack, placed.call_session_id);
      assert.equal(call.outcome, 'answered');
      const timeline = stack.sim.session(placed.call_session_id)!;
      const fresh = timeline.commands.filter((c) => !c.duplicate);
      const actions = fresh.map((c) => c.action);
      assert.deepEqual(
        actions.filter((a) => a !== 'hangup'),
        ['answer', 'speak', 'dial', 'bridge'],
      );
      const ids = fresh.map((c) => (c.body as { command_id?: string }).command_id);
      assert.ok(
        ids.every((id) => typeof id === 'string' && id.startsWith(callWorkflowId(placed.call_session_id))),
      );
      assert.equal(new Set(ids).size, ids.length, 'command ids are unique per command');
      const rows = await stack.dataSource.query(
        'SELECT count(*)::int AS n FROM calls WHERE call_session_id = $1',
        [placed.call_session_id],
      );
      assert.equal(rows[0].n, 1);
    } finally {
      stack.sim.setFaults({});
    }
  });
});
