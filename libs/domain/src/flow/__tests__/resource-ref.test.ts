import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallFlow } from '../flow-model';
import { ringGroupResources, voicemailBoxResources } from '../resource-ref';
import { flowResources } from '../step-links';

test("a ring group names its members' agents and the audio of its whisper and hold music", () => {
  assert.deepEqual(
    ringGroupResources({
      members: [{ agentId: 'ann' }, { agentId: 'bob' }],
      whisper: { kind: 'audio', audioId: 'whisper' },
      callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } },
    }),
    [
      { kind: 'agent', id: 'ann' },
      { kind: 'agent', id: 'bob' },
      { kind: 'audio', id: 'whisper' },
      { kind: 'audio', id: 'hold' },
    ],
  );
  assert.deepEqual(
    ringGroupResources({
      members: [],
      whisper: { kind: 'tts', text: 'Leasing call' },
      callerHears: { kind: 'ringback' },
    }),
    [],
  );
});

test('a voicemail box names its agent and its greeting’s audio', () => {
  assert.deepEqual(voicemailBoxResources({ agentId: 'ann', greeting: { kind: 'audio', audioId: 'hello' } }), [
    { kind: 'agent', id: 'ann' },
    { kind: 'audio', id: 'hello' },
  ]);
  assert.deepEqual(voicemailBoxResources({ agentId: null, greeting: null }), []);
});

test('a flow names what its steps name, in step order', () => {
  const flow: CallFlow = {
    initialStepId: 'hours',
    recording: false,
    steps: [
      { id: 'hours', type: 'schedule', branches: [{ scheduleId: 'office', next: 'desk' }], otherwise: 'box' },
      { id: 'desk', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'box' },
      { id: 'box', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 120 },
    ],
  };
  assert.deepEqual(flowResources(flow), [
    { kind: 'schedule', id: 'office' },
    { kind: 'ring_group', id: 'leasing' },
    { kind: 'voicemail_box', id: 'main' },
  ]);
});
