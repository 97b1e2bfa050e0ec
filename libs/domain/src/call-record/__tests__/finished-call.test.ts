import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callAgentOf, leftVoicemail, mayHaveAgent, type FinishedCallFacts } from '../finished-call';

const call = (over: Partial<FinishedCallFacts> = {}): FinishedCallFacts => ({
  outcome: 'voicemail',
  propertyId: 'p1',
  voicemailBoxId: 'front',
  recordingUrl: 'https://carrier.example/r.mp3',
  answeredBy: null,
  ...over,
});

test('a voicemail call with its box and recording left a message; anything less did not', () => {
  assert.equal(leftVoicemail(call()), true);
  assert.equal(leftVoicemail(call({ outcome: 'answered' })), false);
  assert.equal(leftVoicemail(call({ propertyId: null })), false);
  assert.equal(leftVoicemail(call({ voicemailBoxId: null })), false);
  assert.equal(leftVoicemail(call({ recordingUrl: undefined })), false);
});

const agents = [
  { id: 'ann', endpoint: { kind: 'phone', number: '+13125550101' } },
  { id: 'bob', endpoint: { kind: 'webrtc', username: 'gencred123' } },
  { id: 'cal', endpoint: { kind: 'phone', number: '+13125550101' } },
] as const;

test('the agent who placed an outbound call, else the first (by id) whose endpoint answered', () => {
  assert.equal(callAgentOf(agents, call({ agentId: 'cal', answeredBy: '+13125550101' }))?.id, 'cal');
  assert.equal(callAgentOf(agents, call({ answeredBy: '+13125550101' }))?.id, 'ann');
  assert.equal(callAgentOf(agents, call({ answeredBy: 'sip:gencred123@sip.telnyx.com' }))?.id, 'bob');
  assert.equal(callAgentOf(agents, call({ answeredBy: '+13125550199' })), null);
  assert.equal(callAgentOf(agents, call({ agentId: 'gone' })), null);
});

test('only a call of a property that was answered or placed by someone may have an agent', () => {
  assert.equal(mayHaveAgent(call({ answeredBy: '+13125550101' })), true);
  assert.equal(mayHaveAgent(call({ agentId: 'ann' })), true);
  assert.equal(mayHaveAgent(call()), false);
  assert.equal(mayHaveAgent(call({ propertyId: null, answeredBy: '+13125550101' })), false);
});
