import assert from 'node:assert/strict';
import type { TestStack } from './test-stack';

/**
 * The leasing desk the agent tests share: Ann, a browser agent, and Bob, on a desk phone, rung
 * together by the `leasing` ring group behind a one-option menu ("Leasing, press 2"). Returns the
 * call flow's id, for the tracking numbers each test makes.
 */
export async function createLeasingDesk(
  stack: TestStack,
  base: string,
  o: { ann: { name: string; username: string }; bobNumber: string; ringTimeoutSeconds: number },
): Promise<string> {
  await stack.api('POST', `${base}/agents`, {
    id: 'ann',
    name: o.ann.name,
    endpoint: { kind: 'webrtc', username: o.ann.username },
  });
  await stack.api('POST', `${base}/agents`, {
    id: 'bob',
    name: 'Bob',
    endpoint: { kind: 'phone', number: o.bobNumber },
  });
  await stack.api('POST', `${base}/ring-groups`, {
    id: 'leasing',
    name: 'Leasing',
    strategy: 'simultaneous',
    members: [{ agentId: 'ann' }, { agentId: 'bob' }],
    agentRingTimeoutSeconds: o.ringTimeoutSeconds,
    skipUnavailable: true,
    callerHears: { kind: 'ringback' },
  });
  const flow = await stack.api('POST', `${base}/call-flows`, {
    name: 'Main',
    definition: {
      initialStepId: 'menu',
      steps: [
        {
          id: 'menu',
          type: 'menu',
          prompt: { kind: 'tts', text: 'Leasing, press 2.' },
          options: { '2': 'leasing' },
          timeoutSeconds: 5,
          maxRetries: 1,
          fallback: 'leasing',
        },
        { id: 'leasing', type: 'ring_group', ringGroupId: 'leasing' },
      ],
    },
  });
  assert.equal(flow.status, 201, JSON.stringify(flow.body));
  return flow.body.id as string;
}
