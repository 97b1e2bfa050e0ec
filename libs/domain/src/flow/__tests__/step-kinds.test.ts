import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KIND_COLOURS } from '../../diagram/palette';
import type { FlowStep, StepType } from '../flow-model';
import { isDecisionEntry, type DecisionContext, type PathEntry } from '../interpret';
import type { ResourceRef } from '../resource-ref';
import { STEP_KINDS, STEP_TYPES, byStepKind, stepKindOf, type StepDescriptor } from '../step-kinds';
import { isCallerInputStep, stepLinks, stepPrompts, stepResources } from '../step-links';
import type { FlowIssueCode, FlowValidationContext } from '../validate-flow';

/**
 * One full step of every kind. The mapped type makes a kind without a sample a compile error, as
 * STEP_KINDS does for a kind without a descriptor. Every value that names another step starts with
 * `to-`, and every resource id starts with its kind (`schedule:`, `audio:`…), so the facets can be
 * checked against the step's own fields without listing them again here.
 */
const SAMPLES: { readonly [K in StepType]: Extract<FlowStep, { type: K }> } = {
  greeting: {
    id: 'g',
    type: 'greeting',
    prompt: { kind: 'audio', audioId: 'audio:welcome' },
    next: 'to-route',
  },
  route: {
    id: 'r',
    type: 'route',
    branches: [
      { label: 'Zillow', criteria: [{ type: 'source', op: 'is', values: ['Zillow'] }], next: 'to-zillow' },
      { criteria: [{ type: 'repeat' }], next: 'to-repeat' },
    ],
    fallback: 'to-fallback',
  },
  schedule: {
    id: 's',
    type: 'schedule',
    branches: [
      { scheduleId: 'schedule:office', next: 'to-office' },
      { scheduleId: 'schedule:weekend', next: 'to-weekend' },
    ],
    otherwise: 'to-closed',
  },
  menu: {
    id: 'm',
    type: 'menu',
    prompt: { kind: 'tts', text: 'Press 1.' },
    options: { '1': 'to-one', '#': 'to-hash' },
    timeoutSeconds: 5,
    maxRetries: 2,
    invalidPrompt: { kind: 'audio', audioId: 'audio:invalid' },
    timeoutPrompt: { kind: 'tts', text: 'Are you there?' },
    repeatOnStar: true,
    fallback: 'to-fallback',
  },
  ring_group: { id: 'rg', type: 'ring_group', ringGroupId: 'ring_group:leasing', noAnswer: 'to-voicemail' },
  forward: {
    id: 'f',
    type: 'forward',
    to: '+13125550123',
    timeoutSeconds: 25,
    callerId: 'caller',
    noAnswer: 'to-voicemail',
  },
  voicemail: {
    id: 'v',
    type: 'voicemail',
    voicemailBoxId: 'voicemail_box:main',
    greeting: { kind: 'audio', audioId: 'audio:box' },
    beep: true,
    maxLengthSeconds: 120,
  },
  hangup: { id: 'h', type: 'hangup', message: { kind: 'audio', audioId: 'audio:bye' } },
  ask: {
    id: 'a',
    type: 'ask',
    prompt: { kind: 'tts', text: 'How can I help?' },
    fields: [
      {
        name: 'intent',
        description: 'What the caller needs.',
        values: ['leasing', 'maintenance'],
        required: true,
      },
      { name: 'unit', description: 'The unit number.' },
    ],
    routes: [
      { label: 'Leasing', when: { intent: 'leasing' }, next: 'to-leasing' },
      { when: { intent: 'maintenance', unit: '4B' }, next: 'to-maintenance' },
    ],
    fallback: 'to-menu',
    timeoutSeconds: 10,
  },
};

const samples = (): FlowStep[] => STEP_TYPES.map((type) => SAMPLES[type]);

/** Every value inside a step with its field path relative to the step (`branches[0].next`). */
function fields(value: unknown, path = ''): Array<{ path: string; value: unknown }> {
  const here = path === '' ? [] : [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => fields(v, `${path}[${i}]`))];
  if (value !== null && typeof value === 'object') {
    return [
      ...here,
      ...Object.entries(value).flatMap(([k, v]) => fields(v, path === '' ? k : `${path}.${k}`)),
    ];
  }
  return here;
}

const RESOURCE_PREFIX = /^(schedule|agent|ring_group|audio|voicemail_box):/;

const byPath = <T extends { path: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => a.path.localeCompare(b.path));
const refKey = (r: ResourceRef) => `${r.kind} ${r.id}`;

describe('step kinds: one descriptor per kind', () => {
  test('every step type has a descriptor with every facet', () => {
    for (const type of Object.keys(SAMPLES) as StepType[]) {
      const kind = STEP_KINDS[type] as StepDescriptor<FlowStep> | undefined;
      assert.ok(kind, `no descriptor for ${type}`);
      for (const facet of ['links', 'prompts', 'resources', 'validate'] as const) {
        assert.equal(typeof kind[facet], 'function', `${type}.${facet}`);
      }
      assert.equal(typeof kind.callerInput, 'boolean', `${type}.callerInput`);
      assert.equal(typeof kind.diagram.detail, 'function', `${type}.diagram.detail`);
      assert.equal(typeof kind.diagram.edgeLabel, 'function', `${type}.diagram.edgeLabel`);
    }
  });

  test('STEP_KINDS is the one list of kinds: STEP_TYPES is its keys, the diagram tables derive from it', () => {
    assert.deepEqual(STEP_TYPES, Object.keys(STEP_KINDS));
    assert.deepEqual([...STEP_TYPES].sort(), Object.keys(SAMPLES).sort());
    // The palette adds only the diagram's own nodes to the kinds, with each kind's own colours.
    assert.deepEqual(Object.keys(KIND_COLOURS).sort(), [...STEP_TYPES, 'start', 'missing', 'unknown'].sort());
    for (const type of STEP_TYPES) assert.equal(KIND_COLOURS[type], STEP_KINDS[type].diagram.colours);
    assert.deepEqual(Object.keys(byStepKind((kind) => kind.callerInput)), STEP_TYPES);
  });

  test('a type that is not a kind has no descriptor, and the accessors give nothing for it', () => {
    for (const type of ['conference', 'constructor', '__proto__', 'toString', '', undefined, 3]) {
      assert.equal(stepKindOf(type), undefined, String(type));
    }
    const unknown = { id: 'x', type: 'conference', next: 'to-a' } as unknown as FlowStep;
    assert.deepEqual(stepLinks(unknown), []);
    assert.deepEqual(stepPrompts(unknown), []);
    assert.deepEqual(stepResources(unknown), []);
    assert.equal(isCallerInputStep(unknown), false);
  });

  test('links: exactly the fields that hold a step id, each with its path', () => {
    for (const step of samples()) {
      const expected = fields(step)
        .filter((f) => typeof f.value === 'string' && f.value.startsWith('to-'))
        .map((f) => ({ path: f.path, target: f.value as string }));
      assert.ok(expected.length > 0 || ['voicemail', 'hangup'].includes(step.type), step.type);
      assert.deepEqual(byPath(stepLinks(step)), byPath(expected), step.type);
    }
  });

  test('links: an absent noAnswer is no link (the call ends there)', () => {
    const { noAnswer: _r, ...ring } = SAMPLES.ring_group;
    const { noAnswer: _f, ...fwd } = SAMPLES.forward;
    assert.deepEqual(stepLinks(ring), []);
    assert.deepEqual(stepLinks(fwd), []);
  });

  test('prompts: exactly the fields that hold a prompt, each with its path', () => {
    for (const step of samples()) {
      const expected = fields(step)
        .filter((f) => {
          const kind = (f.value as { kind?: unknown } | null)?.kind;
          return typeof f.value === 'object' && (kind === 'tts' || kind === 'audio');
        })
        .map((f) => ({ path: f.path, prompt: f.value }));
      assert.deepEqual(byPath(stepPrompts(step)), byPath(expected), step.type);
    }
    // Optional prompts that are absent are not listed.
    assert.deepEqual(stepPrompts({ id: 'h', type: 'hangup' }), []);
    const { greeting: _g, ...box } = SAMPLES.voicemail;
    assert.deepEqual(stepPrompts(box), []);
  });

  test('resources: every resource id the step names, by kind, own ones before its prompts’ audio', () => {
    for (const step of samples()) {
      const expected = fields(step)
        .filter((f) => typeof f.value === 'string' && RESOURCE_PREFIX.test(f.value))
        .map((f) => {
          const id = f.value as string;
          return `${id.slice(0, id.indexOf(':'))} ${id}`;
        });
      assert.deepEqual(stepResources(step).map(refKey).sort(), expected.sort(), step.type);
    }
    assert.deepEqual(stepResources(SAMPLES.schedule), [
      { kind: 'schedule', id: 'schedule:office' },
      { kind: 'schedule', id: 'schedule:weekend' },
    ]);
    assert.deepEqual(stepResources(SAMPLES.voicemail), [
      { kind: 'voicemail_box', id: 'voicemail_box:main' },
      { kind: 'audio', id: 'audio:box' },
    ]);
  });

  test('callerInput: only a menu and a spoken front desk wait for the caller', () => {
    assert.deepEqual(
      STEP_TYPES.filter((type) => STEP_KINDS[type].callerInput),
      ['menu', 'ask'],
    );
    for (const step of samples())
      assert.equal(isCallerInputStep(step), step.type === 'menu' || step.type === 'ask', step.type);
  });

  test('validate: a well-formed sample of each kind raises nothing; unknown resources are named', () => {
    const ctx: FlowValidationContext = {
      scheduleIds: new Set(['schedule:office', 'schedule:weekend']),
      ringGroupIds: new Set(['ring_group:leasing']),
      voicemailBoxIds: new Set(['voicemail_box:main']),
    };
    for (const step of samples()) {
      const issues: string[] = [];
      stepKindOf(step.type)?.validate(step, ctx, (severity, code, field) =>
        issues.push(`${severity} ${code} ${field}`),
      );
      assert.deepEqual(issues, [], step.type);
    }
    const codes = (step: FlowStep): FlowIssueCode[] => {
      const out: FlowIssueCode[] = [];
      stepKindOf(step.type)?.validate(
        step,
        { scheduleIds: new Set(), ringGroupIds: new Set(), voicemailBoxIds: new Set() },
        (_s, code) => out.push(code),
      );
      return out;
    };
    assert.deepEqual(codes(SAMPLES.schedule), ['unknown_schedule', 'unknown_schedule']);
    assert.deepEqual(codes(SAMPLES.ring_group), ['unknown_ring_group']);
    assert.deepEqual(codes(SAMPLES.voicemail), ['unknown_voicemail_box']);
  });

  test('run: route and schedule decide, every other kind acts', () => {
    assert.deepEqual(
      STEP_TYPES.filter((type) => 'decide' in STEP_KINDS[type].run),
      ['route', 'schedule'],
    );
    const ctx: DecisionContext = {
      caller: { firstTime: true, priorCalls: 0 },
      at: '2026-11-23T09:30:00-06:00',
      timeZone: 'America/Chicago',
      schedules: {},
    };
    for (const step of samples()) {
      const run = stepKindOf(step.type)?.run;
      assert.ok(run, step.type);
      if ('decide' in run) {
        const entry = run.decide(step, ctx);
        assert.equal(entry.stepId, step.id);
        assert.equal(entry.type, step.type);
        assert.ok(isDecisionEntry(entry), step.type);
        assert.ok(
          stepLinks(step).some((link) => link.target === entry.next),
          `${step.type} goes on along a link`,
        );
      } else {
        assert.ok(!isDecisionEntry({ stepId: step.id, type: step.type } as PathEntry), step.type);
      }
    }
  });

  test('run: an action names its step and carries every link, so the workflow can follow it', () => {
    for (const step of samples()) {
      const run = stepKindOf(step.type)?.run;
      if (run === undefined || !('act' in run)) continue;
      const action = run.act(step);
      assert.equal(action.stepId, step.id, step.type);
      const carried = fields(action)
        .filter((f) => typeof f.value === 'string' && f.value.startsWith('to-'))
        .map((f) => f.value as string);
      assert.deepEqual(
        carried.sort(),
        stepLinks(step)
          .map((link) => link.target)
          .sort(),
        step.type,
      );
    }
  });

  test('diagram: every kind has its own Mermaid class, none of them a Mermaid keyword', () => {
    const classes = STEP_TYPES.map((type) => STEP_KINDS[type].diagram.mermaidClass);
    assert.equal(new Set(classes).size, classes.length);
    for (const name of classes)
      assert.ok(!['start', 'end', 'entry', 'missing', 'unknownStep', 'unreachable'].includes(name), name);
    for (const step of samples()) {
      const kind = stepKindOf(step.type);
      assert.ok(kind);
      assert.notEqual(kind.diagram.detail(step, {}, null), '', step.type);
      for (const link of stepLinks(step))
        assert.notEqual(kind.diagram.edgeLabel(step, link, {}), '', link.path);
    }
  });
});
