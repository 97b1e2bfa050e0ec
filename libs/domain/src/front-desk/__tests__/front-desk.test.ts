import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainDryRun } from '../../flow/dry-run-explain';
import { dryRun } from '../../flow/dry-run';
import type { AskStep, CallFlow } from '../../flow/flow-model';
import type { DecisionContext } from '../../flow/interpret';
import { validateFlow } from '../../flow/validate-flow';
import { askParameters } from '../ask-parameters';
import { describeAnswer, normaliseAnswer, routeAnswer } from '../ask-routing';
import { phraseFields } from '../phrase-fields';

const desk: AskStep = {
  id: 'desk',
  type: 'ask',
  label: 'Spoken front desk',
  prompt: { kind: 'tts', text: 'Tell me how I can help: leasing, maintenance or an emergency.' },
  fields: [
    {
      name: 'intent',
      description: 'What the caller needs.',
      values: ['leasing', 'maintenance', 'emergency'],
      synonyms: { maintenance: ['leak', 'repair', 'broken'], emergency: ['fire', 'flood'] },
      required: true,
    },
    { name: 'unit', description: 'The apartment number.' },
  ],
  routes: [
    { label: 'Emergency', when: { intent: 'emergency' }, next: 'on_call' },
    { when: { intent: 'maintenance' }, next: 'maintenance' },
    { when: { intent: 'leasing' }, next: 'leasing' },
  ],
  fallback: 'menu',
  timeoutSeconds: 10,
};

const flow: CallFlow = {
  initialStepId: 'desk',
  recording: false,
  steps: [
    desk,
    {
      id: 'menu',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Press 1 for leasing, 2 for maintenance.' },
      options: { '1': 'leasing', '2': 'maintenance' },
      timeoutSeconds: 5,
      maxRetries: 0,
      fallback: 'bye',
    },
    { id: 'on_call', type: 'forward', to: '+13125550199', timeoutSeconds: 20, callerId: 'caller' },
    { id: 'maintenance', type: 'forward', to: '+13125550188', timeoutSeconds: 20, callerId: 'caller' },
    { id: 'leasing', type: 'forward', to: '+13125550177', timeoutSeconds: 20, callerId: 'caller' },
    { id: 'bye', type: 'hangup' },
  ],
};

const ctx: DecisionContext = {
  caller: { firstTime: true, priorCalls: 0 },
  at: '2026-11-23T09:30:00-06:00',
  timeZone: 'America/Chicago',
  schedules: {},
};

const withDesk = (change: Partial<AskStep> | Record<string, unknown>): CallFlow => ({
  ...flow,
  steps: flow.steps.map((s) => (s.id === 'desk' ? { ...desk, ...change } : s)),
});
/** The step's own errors: a change to its routes can leave a forward unreachable, which is not its issue. */
const issues = (f: CallFlow, engine?: 'v1' | 'v2') =>
  validateFlow(f, engine ? { callEngine: engine } : {})
    .errors.filter((e) => e.code !== 'unreachable_step')
    .map((e) => `${e.code} ${e.path}`);

describe('spoken front desk: validation', () => {
  test('a well-formed step passes', () => {
    assert.deepEqual(validateFlow(flow), { errors: [], warnings: [] });
  });

  test('each problem names its field', () => {
    assert.deepEqual(issues(withDesk({ fields: [] })), [
      'no_ask_fields steps[0].fields',
      // The routes now name a field the step does not have.
      'unknown_ask_field steps[0].routes[0].when.intent',
      'unknown_ask_field steps[0].routes[1].when.intent',
      'unknown_ask_field steps[0].routes[2].when.intent',
    ]);
    assert.deepEqual(
      issues(
        withDesk({
          fields: [
            { name: 'Intent!', description: 'x' },
            { name: 'unit', description: '' },
          ],
          routes: [],
        }),
      ),
      ['invalid_ask_field steps[0].fields[0].name', 'invalid_ask_field steps[0].fields[1].description'],
    );
    assert.deepEqual(issues(withDesk({ routes: [{ when: { intent: 'sales' }, next: 'leasing' }] })), [
      'unknown_ask_value steps[0].routes[0].when.intent',
    ]);
    assert.deepEqual(issues(withDesk({ routes: [{ when: {}, next: 'leasing' }] })), [
      'empty_branch steps[0].routes[0].when',
    ]);
    assert.deepEqual(
      issues(
        withDesk({
          routes: [
            { when: { intent: 'leasing' }, next: 'leasing' },
            { when: { intent: 'Leasing' }, next: 'bye' },
          ],
        }),
      ),
      ['duplicate_branch steps[0].routes[1]'],
    );
    assert.deepEqual(issues(withDesk({ fallback: 'nowhere' })), ['dangling_next steps[0].fallback']);
    assert.deepEqual(issues(withDesk({ timeoutSeconds: 600 })), ['invalid_timeout steps[0].timeoutSeconds']);
    assert.deepEqual(issues(withDesk({ prompt: { kind: 'audio', audioId: 'welcome' } })), [
      'invalid_prompt steps[0].prompt',
    ]);
    const synonymOfNothing = {
      ...desk.fields[0],
      synonyms: { sales: ['buy'] },
    };
    assert.deepEqual(issues(withDesk({ fields: [synonymOfNothing, desk.fields[1]] })), [
      'invalid_ask_field steps[0].fields[0].synonyms.sales',
    ]);
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, description: 'x' }));
    assert.deepEqual(issues(withDesk({ fields: tooMany, routes: [] })), ['invalid_value steps[0].fields']);
  });

  test('refused where call engine v1 runs the calls (it is frozen, and has no handler for it)', () => {
    assert.deepEqual(issues(flow, 'v1'), ['needs_engine_v2 steps[0].type']);
    assert.deepEqual(issues(flow, 'v2'), []);
  });
});

describe('spoken front desk: routing on what was understood', () => {
  test('the first route whose every condition holds', () => {
    const o = routeAnswer(desk, { intent: 'maintenance', unit: '4B' });
    assert.deepEqual(o, {
      kind: 'route',
      routeIndex: 1,
      stepId: 'maintenance',
      understood: { intent: 'maintenance', unit: '4B' },
    });
    const both = {
      ...desk,
      routes: [{ when: { intent: 'maintenance', unit: '9' }, next: 'x' }, ...desk.routes],
    };
    assert.equal(routeAnswer(both, { intent: 'maintenance', unit: '4B' }).stepId, 'maintenance');
    assert.equal(routeAnswer(both, { intent: 'maintenance', unit: '9' }).stepId, 'x');
  });

  test('no answer, a missing required field, or no matching route: the fallback', () => {
    assert.deepEqual(routeAnswer(desk, null), {
      kind: 'fallback',
      reason: 'not_understood',
      stepId: 'menu',
      understood: {},
    });
    assert.equal(routeAnswer(desk, { unit: '4B' }).kind, 'fallback');
    const noLeasing = { ...desk, routes: desk.routes.slice(0, 2) };
    assert.deepEqual(routeAnswer(noLeasing, { intent: 'leasing' }), {
      kind: 'fallback',
      reason: 'no_match',
      stepId: 'menu',
      understood: { intent: 'leasing' },
    });
  });

  test("the carrier's answer: own fields only, enum values as the admin spells them, others dropped", () => {
    assert.deepEqual(normaliseAnswer(desk.fields, { intent: ' Emergency ', unit: 12, mood: 'angry' }), {
      intent: 'emergency',
      unit: '12',
    });
    assert.deepEqual(normaliseAnswer(desk.fields, { intent: 'sales', unit: '' }), {});
    assert.deepEqual(normaliseAnswer(desk.fields, 'emergency'), {});
    assert.deepEqual(normaliseAnswer(desk.fields, null), {});
  });

  test('what the path shows', () => {
    assert.equal(
      describeAnswer(desk.fields, { unit: '4B', intent: 'maintenance' }),
      'intent=maintenance, unit=4B',
    );
    assert.equal(describeAnswer(desk.fields, {}), 'nothing understood');
  });

  test("the carrier's parameters: a JSON Schema of the fields, synonyms in the description", () => {
    assert.deepEqual(askParameters(desk.fields), {
      type: 'object',
      properties: {
        intent: {
          type: 'string',
          description:
            'What the caller needs. ("maintenance" also when the caller says leak, repair, broken; "emergency" also when the caller says fire, flood)',
          enum: ['leasing', 'maintenance', 'emergency'],
        },
        unit: { type: 'string', description: 'The apartment number.' },
      },
      required: ['intent'],
    });
  });
});

describe("spoken front desk: the dry run's phrase reader", () => {
  test('enum values by their word or a synonym, with plural and verb endings', () => {
    assert.deepEqual(phraseFields(desk.fields, 'my sink is leaking in unit 4B'), {
      intent: 'maintenance',
      unit: '4B',
    });
    assert.deepEqual(phraseFields(desk.fields, 'I want to talk about LEASING an apartment'), {
      intent: 'leasing',
    });
    assert.deepEqual(phraseFields(desk.fields, 'There is a flood, unit number 12'), {
      intent: 'emergency',
      unit: '12',
    });
  });

  test('several values: the one said first; gibberish: nothing', () => {
    assert.deepEqual(phraseFields(desk.fields, 'emergency! a pipe is broken'), { intent: 'emergency' });
    assert.deepEqual(phraseFields(desk.fields, 'blorp fizzle wug'), {});
    // "unit" with nothing after it gives no unit.
    assert.deepEqual(phraseFields(desk.fields, 'leasing for my unit'), { intent: 'leasing' });
  });

  test('a free field with a name of several words', () => {
    const fields = [{ name: 'last_name', description: "The caller's last name." }];
    assert.deepEqual(phraseFields(fields, 'hi, my last name is lee'), { last_name: 'Lee' });
  });
});

describe('spoken front desk: dry run with typed phrases', () => {
  const run = (say: Array<string | null>, keypresses: string[] = []) =>
    dryRun(flow, ctx, { say, keypresses, forwardAnswered: true });

  test('"emergency" goes to the on-call forward', () => {
    const r = run(['there is an emergency, water everywhere']);
    assert.deepEqual(r.path, ['desk', 'on_call', 'connected']);
    assert.deepEqual(explainDryRun(flow, r)[0], {
      stepId: 'desk',
      label: 'Spoken front desk',
      decision: 'Route 1 (Emergency) taken',
      why: 'said “there is an emergency, water everywhere”: intent=emergency',
      next: 'on_call',
    });
  });

  test('a leak goes to maintenance', () => {
    assert.deepEqual(run(['my sink is leaking in unit 4B']).path, ['desk', 'maintenance', 'connected']);
  });

  test('gibberish falls back to the key menu, where a key still routes', () => {
    const r = run(['blorp fizzle'], ['1']);
    assert.deepEqual(r.path, ['desk', 'menu', 'leasing', 'connected']);
    assert.equal(explainDryRun(flow, r)[0].decision, 'Fallback: not understood');
    assert.equal(explainDryRun(flow, r)[0].why, 'said “blorp fizzle”: nothing understood');
  });

  test('silence (no phrase left) falls back too', () => {
    const r = run([]);
    assert.deepEqual(r.trace[0], {
      kind: 'ask',
      stepId: 'desk',
      said: null,
      outcome: { kind: 'fallback', reason: 'not_understood', stepId: 'menu', understood: {} },
    });
    assert.equal(r.outcome.kind, 'hangup');
  });
});
