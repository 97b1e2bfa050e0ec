import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editorGraph, layoutEditorGraph, placeNodes } from '../../diagram/editor-graph';
import {
  addStep,
  linkSlots,
  locateIssue,
  minimalFlow,
  newStep,
  removeStep,
  renameStep,
  replaceStep,
  setLink,
  uniqueStepId,
} from '../edit-flow';
import type { CallFlow, MenuStep, RingGroupStep } from '../flow-model';
import { STEP_TYPES } from '../step-kinds';
import { validateFlow } from '../validate-flow';

const flow: CallFlow = {
  initialStepId: 'hello',
  recording: false,
  steps: [
    { id: 'hello', type: 'greeting', prompt: { kind: 'tts', text: 'Hi' }, next: 'main' },
    {
      id: 'main',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Press 1' },
      options: { '1': 'team', '2': 'bye' },
      timeoutSeconds: 5,
      maxRetries: 1,
      fallback: 'bye',
    },
    { id: 'team', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'bye' },
    { id: 'bye', type: 'hangup' },
  ],
};

const step = (f: CallFlow, id: string) => f.steps.find((s) => s.id === id);

describe('flow edits', () => {
  test('the minimal flow is valid, and each new step has its kind', () => {
    assert.deepEqual(validateFlow(minimalFlow()).errors, []);
    for (const type of STEP_TYPES) assert.equal(newStep(type, 'x').type, type);
  });

  test('a new step gets an id no step has, and the first step added is the start', () => {
    assert.equal(uniqueStepId(flow, 'menu'), 'menu');
    assert.equal(uniqueStepId(flow, 'main'), 'main_2');
    const empty: CallFlow = { initialStepId: '', recording: false, steps: [] };
    assert.equal(addStep(empty, newStep('hangup', 'end')).initialStepId, 'end');
    const added = addStep(flow, newStep('forward', 'fwd'));
    assert.equal(added.initialStepId, 'hello');
    assert.equal(added.steps.length, 5);
    assert.equal(flow.steps.length, 4, 'the input is left alone');
  });

  test('link slots list every link field, an unset noAnswer included', () => {
    assert.deepEqual(linkSlots(newStep('ring_group', 'r')), [
      { path: 'noAnswer', target: null, optional: true },
    ]);
    assert.deepEqual(linkSlots(newStep('greeting', 'g')), [{ path: 'next', target: null, optional: false }]);
    assert.deepEqual(
      linkSlots(step(flow, 'main')!).map((s) => [s.path, s.target, s.optional]),
      [
        ['options.1', 'team', true],
        ['options.2', 'bye', true],
        ['fallback', 'bye', false],
      ],
    );
    assert.deepEqual(linkSlots(newStep('hangup', 'h')), []);
  });

  test('setLink sets a plain link, a branch, a new menu key; clearing removes optional ones only', () => {
    let f = setLink(flow, 'main', 'options.3', 'hello');
    assert.deepEqual(Object.keys((step(f, 'main') as MenuStep).options), ['1', '2', '3']);
    f = setLink(f, 'main', 'options.1', null);
    assert.deepEqual((step(f, 'main') as MenuStep).options, { '2': 'bye', '3': 'hello' });
    f = setLink(f, 'team', 'noAnswer', null);
    assert.equal('noAnswer' in (step(f, 'team') as RingGroupStep), false);
    f = setLink(f, 'team', 'noAnswer', 'hello');
    assert.equal((step(f, 'team') as RingGroupStep).noAnswer, 'hello');
    f = setLink(f, 'hello', 'next', null);
    assert.deepEqual(
      validateFlow(f).errors.map((e) => [e.code, e.path])[0],
      ['missing_next', 'steps[0].next'],
      'a cleared required link is an error on its step',
    );
    const sched: CallFlow = addStep(flow, {
      id: 'hours',
      type: 'schedule',
      branches: [{ scheduleId: 'office', next: '' }],
      otherwise: 'bye',
    });
    const linked = setLink(sched, 'hours', 'branches[0].next', 'team');
    assert.deepEqual(step(linked, 'hours'), {
      id: 'hours',
      type: 'schedule',
      branches: [{ scheduleId: 'office', next: 'team' }],
      otherwise: 'bye',
    });
    assert.deepEqual(
      step(setLink(sched, 'hours', 'branches[5].next', 'team'), 'hours'),
      step(sched, 'hours'),
    );
    assert.deepEqual(step(setLink(sched, 'hours', 'nonsense', 'team'), 'hours'), step(sched, 'hours'));
  });

  test('removing a step clears the links to it and moves the start when needed', () => {
    const f = removeStep(flow, 'bye');
    assert.deepEqual((step(f, 'main') as MenuStep).options, { '1': 'team' });
    assert.equal((step(f, 'main') as MenuStep).fallback, '');
    assert.equal('noAnswer' in (step(f, 'team') as RingGroupStep), false);
    assert.equal(removeStep(flow, 'hello').initialStepId, 'main');
  });

  test('renaming a step moves every link to it, and the start', () => {
    const f = renameStep(flow, 'bye', 'goodbye');
    assert.deepEqual(validateFlow(f).errors, []);
    assert.deepEqual((step(f, 'main') as MenuStep).options, { '1': 'team', '2': 'goodbye' });
    assert.equal(renameStep(flow, 'hello', 'welcome').initialStepId, 'welcome');
  });

  test('replaceStep keeps the id', () => {
    const f = replaceStep(flow, 'team', { id: 'other', type: 'ring_group', ringGroupId: 'sales' });
    assert.deepEqual(step(f, 'team'), { id: 'team', type: 'ring_group', ringGroupId: 'sales' });
  });

  test('issues and api fields land on their step and field', () => {
    const invalid = setLink(flow, 'main', 'options.4', 'nowhere');
    const issue = validateFlow(invalid).errors[0];
    assert.deepEqual(locateIssue(invalid, issue.path, issue.stepId), { stepId: 'main', field: 'options.4' });
    assert.deepEqual(locateIssue(flow, 'definition.steps[2].ringGroupId'), {
      stepId: 'team',
      field: 'ringGroupId',
    });
    assert.deepEqual(locateIssue(flow, 'definition.steps[0]'), { stepId: 'hello', field: '' });
    assert.deepEqual(locateIssue(flow, 'definition.initialStepId'), { field: 'initialStepId' });
  });
});

describe('editor graph', () => {
  test('a start node and one node per step, keyed by id, with labelled edges per link', () => {
    const g = editorGraph(flow, { ringGroups: { leasing: 'Leasing team' } });
    assert.deepEqual(
      g.nodes.map((n) => [n.id, n.kind, n.depth]),
      [
        ['start', 'start', 0],
        ['hello', 'greeting', 1],
        ['main', 'menu', 2],
        ['team', 'ring_group', 3],
        ['bye', 'hangup', 3],
      ],
    );
    assert.equal(g.nodes.find((n) => n.id === 'team')?.detail, 'Ring group: Leasing team');
    assert.deepEqual(
      g.edges.map((e) => [e.id, e.target, e.label]),
      [
        ['start:', 'hello', ''],
        ['hello:next', 'main', 'next'],
        ['main:options.1', 'team', 'press 1'],
        ['main:options.2', 'bye', 'press 2'],
        ['main:fallback', 'bye', 'timeout/invalid → fallback'],
        ['team:noAnswer', 'bye', 'no answer'],
      ],
    );
    assert.deepEqual(
      g.nodes.find((n) => n.id === 'main')?.slots.map((s) => s.label),
      ['press 1', 'press 2', 'timeout/invalid → fallback'],
    );
  });

  test('links to missing steps draw no edge; duplicate ids get their own node', () => {
    const broken: CallFlow = {
      ...flow,
      steps: [...setLink(flow, 'hello', 'next', 'nowhere').steps, { id: 'bye', type: 'hangup' }],
    };
    const g = editorGraph(broken);
    assert.equal(
      g.edges.some((e) => e.source === 'hello'),
      false,
    );
    assert.ok(g.nodes.some((n) => n.id === 'bye#4'));
    assert.ok(g.nodes.every((n) => n.kind !== 'missing'));
  });

  test('layout: one row per depth, rows centred; placed nodes stay, new ones go below', () => {
    const g = editorGraph(flow);
    const p = layoutEditorGraph(g);
    assert.equal(p.start.y, 0);
    assert.equal(p.team.y, p.bye.y);
    assert.ok(p.hello.y < p.main.y && p.main.y < p.team.y);
    assert.notEqual(p.team.x, p.bye.x);
    assert.equal(p.start.x, p.hello.x);
    const added = editorGraph(addStep(flow, newStep('forward', 'fwd')));
    const placed = placeNodes(added, p);
    for (const id of Object.keys(p)) assert.deepEqual(placed[id], p[id]);
    assert.ok(placed.fwd.y > p.bye.y);
  });
});
