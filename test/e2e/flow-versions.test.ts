import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callWorkflowId, currentStepQuery } from '@switchboard/contracts';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const flowTo = (to: string, greeting: string) => ({
  initialStepId: 'hello',
  recording: false,
  steps: [
    { id: 'hello', type: 'greeting', prompt: { kind: 'tts', text: greeting }, next: 'desk' },
    { id: 'desk', type: 'forward', to, timeoutSeconds: 20, callerId: 'tracking_number' },
  ],
});

describe('a call flow edited while a call is in flight', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
  });
  after(async () => {
    await stack?.stop();
  });

  it('lets the running call keep its version while the next call gets the new one, without a restart', async () => {
    const p = await stack.api('POST', '/v1/properties', { name: 'Elm Street', timeZone: 'America/New_York' });
    const base = `/v1/properties/${p.body.id}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Direct' });
    const f = await stack.api('POST', `${base}/call-flows`, {
      name: 'Main',
      definition: flowTo('+16175550111', 'Version one.'),
    });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+16175550150',
      sourceId: src.body.id,
      forwardTo: '+16175550199',
      callFlowId: f.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));

    const first = await stack.sim.placeCall({
      from: '+16175550101',
      to: '+16175550150',
      caller: [{ hangup_after_s: 60 }],
      agents: { '+16175550111': { answer_after_s: 1 }, '+16175550122': { answer_after_s: 1 } },
    });
    const handle = stack.client.workflow.getHandle(callWorkflowId(first.call_session_id));
    await eventually('first call connected', async () => {
      const q = await handle.query(currentStepQuery).catch(() => undefined);
      return q?.step === 'connected' ? q : undefined;
    });

    const v2 = await stack.api('PUT', `${base}/call-flows/${f.body.id}`, {
      definition: flowTo('+16175550122', 'Version two.'),
    });
    assert.equal(v2.body.version, 2);
    const second = await stack.sim.placeCall({
      from: '+16175550102',
      to: '+16175550150',
      caller: [{ hangup_after_s: 5 }],
      agents: { '+16175550111': { answer_after_s: 1 }, '+16175550122': { answer_after_s: 1 } },
    });

    const record = (session: string) =>
      eventually(
        `record of ${session}`,
        async () => (await stack.api('GET', `/v1/calls?callSessionId=${session}`)).body.items[0],
        30_000,
      );
    const [r1, r2] = [await record(first.call_session_id), await record(second.call_session_id)];
    assert.deepEqual([r1.callFlowVersion, r1.answeredBy], [1, '+16175550111']);
    assert.deepEqual([r2.callFlowVersion, r2.answeredBy], [2, '+16175550122']);
    const spoken = (session: string) =>
      stack.sim
        .session(session)!
        .commands.filter((c) => c.action === 'speak')
        .map((c) => (c.body as { payload: string }).payload);
    assert.deepEqual(spoken(first.call_session_id), ['Version one.']);
    assert.deepEqual(spoken(second.call_session_id), ['Version two.']);
  });
});
