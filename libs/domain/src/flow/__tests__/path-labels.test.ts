import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallFlow } from '../flow-model';
import { readablePath } from '../path-labels';

const flow: CallFlow = {
  initialStepId: 'welcome',
  recording: false,
  steps: [
    {
      id: 'welcome',
      type: 'greeting',
      label: 'Welcome message',
      prompt: { kind: 'tts', text: 'Hi' },
      next: 'menu',
    },
    {
      id: 'menu',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Leasing, press 1.' },
      options: { '1': 'leasing_desk' },
      timeoutSeconds: 5,
      maxRetries: 1,
      fallback: 'leasing_desk',
    },
    { id: 'leasing_desk', type: 'ring_group', ringGroupId: 'leasing' },
  ],
} as unknown as CallFlow;

describe('readablePath', () => {
  it('names steps by label (or readable id) and a menu choice by where it led', () => {
    assert.deepEqual(
      readablePath(flow, [
        { step: 'welcome' },
        { step: 'menu', detail: 'pressed 1' },
        { step: 'leasing_desk', detail: 'simultaneous: ann, bob' },
      ]),
      ['Welcome message', 'pressed 1: Leasing desk'],
    );
  });

  it('keeps a menu left without a key, and steps of no flow, readable', () => {
    assert.deepEqual(readablePath(flow, [{ step: 'menu' }, { step: 'leasing_desk' }]), [
      'Menu',
      'Leasing desk',
    ]);
    assert.deepEqual(readablePath(null, [{ step: 'after-hours' }]), ['After hours']);
  });
});
