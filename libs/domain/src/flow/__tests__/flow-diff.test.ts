import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffFlows } from '../flow-diff';
import type { CallFlow, FlowStep } from '../flow-model';
import { sunsetFlow } from './fixtures';

const withSteps = (flow: CallFlow, map: (s: FlowStep) => FlowStep | null): CallFlow => ({
  ...flow,
  steps: flow.steps.map(map).filter((s): s is FlowStep => s !== null),
});

describe('diffFlows', () => {
  test('the same flow has no changes', () => {
    const d = diffFlows(sunsetFlow, structuredClone(sunsetFlow));
    assert.deepEqual(d, { changed: false, flow: [], steps: [] });
  });

  test('a changed menu option reads as that option, before and after', () => {
    const after = withSteps(sunsetFlow, (s) =>
      s.id === 'main_menu' && s.type === 'menu' ? { ...s, options: { ...s.options, '2': 'voicemail' } } : s,
    );
    const d = diffFlows(sunsetFlow, after);
    assert.equal(d.changed, true);
    assert.equal(d.steps.length, 1);
    const [step] = d.steps;
    assert.equal(step.change, 'changed');
    assert.equal(step.stepId, 'main_menu');
    assert.deepEqual(step.change === 'changed' && step.fields, [
      { path: 'options.2', before: 'sales_forward', after: 'voicemail' },
    ]);
  });

  test('nested settings are named by their path; absent ones are undefined', () => {
    const after = withSteps(sunsetFlow, (s) => {
      if (s.id === 'by_caller' && s.type === 'route')
        return {
          ...s,
          label: 'Who calls',
          branches: [
            s.branches[0],
            { ...s.branches[1], criteria: [{ type: 'keyword', op: 'contains', value: 'studio' }] },
          ],
        };
      return s;
    });
    const step = diffFlows(sunsetFlow, after).steps[0];
    const third = { criteria: [{ type: 'source', op: 'is', values: ['Zillow'] }], next: 'hours' };
    assert.ok(step.change === 'changed');
    assert.deepEqual(step.fields, [
      { path: 'branches[1].criteria[0].value', before: 'bedroom', after: 'studio' },
      { path: 'branches[2]', before: third, after: undefined },
      { path: 'label', before: undefined, after: 'Who calls' },
    ]);
  });

  test('steps added and removed, in the newer order then the removed ones; flow settings apart', () => {
    const after: CallFlow = {
      ...withSteps(sunsetFlow, (s) => (s.id === 'greeting' ? null : s)),
      initialStepId: 'by_caller',
      recording: false,
    };
    const added: FlowStep = { id: 'bye', type: 'hangup' };
    const d = diffFlows(sunsetFlow, { ...after, steps: [...after.steps, added] });
    assert.deepEqual(d.flow, [
      { path: 'initialStepId', before: 'greeting', after: 'by_caller' },
      { path: 'recording', before: true, after: false },
    ]);
    assert.deepEqual(
      d.steps.map((s) => [s.change, s.stepId]),
      [
        ['added', 'bye'],
        ['removed', 'greeting'],
      ],
    );
  });

  test('a changed recording disclosure reads as its own flow setting', () => {
    const d = diffFlows(sunsetFlow, {
      ...sunsetFlow,
      recordingDisclosure: { kind: 'tts', text: 'Calls are recorded.' },
    });
    assert.deepEqual(d.flow, [
      {
        path: 'recordingDisclosure.text',
        before: 'This call may be recorded for quality.',
        after: 'Calls are recorded.',
      },
    ]);
    const removed = diffFlows(sunsetFlow, { ...sunsetFlow, recordingDisclosure: undefined });
    assert.deepEqual(
      removed.flow.map((f) => [f.path, f.after]),
      [['recordingDisclosure', undefined]],
    );
    assert.equal(removed.changed, true);
  });

  test('a step whose kind changed lists its type and every differing setting', () => {
    const after = withSteps(sunsetFlow, (s) =>
      s.id === 'ring_vip' ? { id: 'ring_vip', type: 'hangup' } : s,
    );
    const step = diffFlows(sunsetFlow, after).steps[0];
    assert.ok(step.change === 'changed');
    assert.deepEqual(
      step.fields.map((f) => f.path),
      ['type', 'ringGroupId', 'noAnswer'],
    );
  });
});
