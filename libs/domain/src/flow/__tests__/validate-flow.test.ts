import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallFlow, FlowStep, MenuStep, RouteStep } from '../flow-model';
import { validateFlow, type FlowValidationContext } from '../validate-flow';
import { sunsetContext, sunsetFlow, withStep, withSteps, withoutStep } from './fixtures';

const route =
  (patch: Partial<RouteStep>) =>
  (s: FlowStep): FlowStep => ({ ...(s as RouteStep), ...patch });
const menu =
  (patch: Partial<MenuStep>) =>
  (s: FlowStep): FlowStep => ({ ...(s as MenuStep), ...patch });

/** Expected issue as "code@stepId:path". */
type Expect = string;

interface Case {
  name: string;
  flow: CallFlow;
  ctx?: FlowValidationContext;
  errors: Expect[];
  warnings?: Expect[];
}

const cases: Case[] = [
  { name: 'the fixture flow is valid', flow: sunsetFlow, errors: [] },
  { name: 'valid without a context too', flow: sunsetFlow, ctx: {}, errors: [] },
  { name: 'no steps', flow: { ...sunsetFlow, steps: [] }, errors: ['empty_flow@-:steps'] },
  {
    name: 'more steps than FLOW_LIMITS.steps allows (nothing else is checked)',
    flow: {
      ...sunsetFlow,
      steps: [
        ...sunsetFlow.steps,
        ...Array.from({ length: 201 - sunsetFlow.steps.length }, (_v, i): FlowStep => ({
          id: `h${i}`,
          type: 'hangup',
        })),
      ],
    },
    errors: ['too_many_steps@-:steps'],
  },
  {
    name: 'initial step missing',
    flow: { ...sunsetFlow, initialStepId: 'nope' },
    errors: ['missing_initial_step@-:initialStepId'],
  },
  {
    name: 'dangling next id',
    flow: withStep(sunsetFlow, 'after_hours', (s) => ({ ...s, next: 'vm' }) as FlowStep),
    errors: ['dangling_next@after_hours:steps[8].next'],
  },
  {
    name: 'dangling menu option',
    flow: withStep(
      sunsetFlow,
      'leasing_menu',
      menu({ options: { '1': 'ring_leasing', '2': 'ghost', '0': 'main_menu' } }),
    ),
    errors: ['dangling_next@leasing_menu:steps[4].options.2'],
  },
  {
    name: 'dangling branch target',
    flow: withStep(
      sunsetFlow,
      'by_caller',
      route({ branches: [{ criteria: [{ type: 'repeat' }], next: 'ghost' }] }),
    ),
    errors: ['dangling_next@by_caller:steps[1].branches[0].next', 'unreachable_step@ring_vip:steps[6]'],
  },
  {
    name: 'unreachable step',
    flow: withSteps(sunsetFlow, [{ id: 'orphan', type: 'hangup' }]),
    errors: ['unreachable_step@orphan:steps[11]'],
  },
  {
    name: 'duplicate step id',
    flow: withSteps(sunsetFlow, [{ id: 'goodbye', type: 'hangup' }]),
    errors: ['duplicate_step_id@goodbye:steps[11].id'],
  },
  {
    name: 'loop without a menu (ring → greeting → ring)',
    flow: withSteps(
      withStep(sunsetFlow, 'ring_leasing', (s) => ({ ...s, noAnswer: 'still_trying' }) as FlowStep),
      [
        {
          id: 'still_trying',
          type: 'greeting',
          prompt: { kind: 'tts', text: 'Still trying.' },
          next: 'ring_leasing',
        },
      ],
    ),
    errors: ['cycle_without_input@ring_leasing:steps[5]'],
  },
  {
    name: 'a step that leads to itself',
    flow: withStep(sunsetFlow, 'after_hours', (s) => ({ ...s, next: 'after_hours' }) as FlowStep),
    errors: ['cycle_without_input@after_hours:steps[8]'],
  },
  {
    name: 'a loop through menus is fine (leasing_menu 0 → main_menu)',
    flow: sunsetFlow,
    errors: [],
  },
  {
    name: 'missing audio file',
    flow: withStep(
      sunsetFlow,
      'after_hours',
      (s) => ({ ...s, prompt: { kind: 'audio', audioId: 'closed.mp3' } }) as FlowStep,
    ),
    errors: ['missing_audio@after_hours:steps[8].prompt'],
  },
  {
    name: 'a prompt that is not an object',
    flow: withStep(sunsetFlow, 'after_hours', (s) => ({ ...s, prompt: null }) as unknown as FlowStep),
    errors: ['invalid_prompt@after_hours:steps[8].prompt'],
  },
  {
    name: 'audio without id and empty text',
    flow: withStep(
      sunsetFlow,
      'main_menu',
      menu({ prompt: { kind: 'tts', text: ' ' }, invalidPrompt: { kind: 'audio', audioId: '' } }),
    ),
    errors: ['empty_prompt@main_menu:steps[3].prompt', 'missing_audio@main_menu:steps[3].invalidPrompt'],
  },
  {
    name: 'bad digits',
    flow: withStep(
      sunsetFlow,
      'leasing_menu',
      menu({
        options: { '1': 'ring_leasing', '0': 'main_menu', '10': 'ring_leasing', x: 'ring_leasing' } as never,
      }),
    ),
    errors: ['bad_digit@leasing_menu:steps[4].options.10', 'bad_digit@leasing_menu:steps[4].options.x'],
  },
  {
    name: 'menu without options',
    flow: withStep(sunsetFlow, 'leasing_menu', menu({ options: {} })),
    errors: ['no_menu_options@leasing_menu:steps[4].options'],
    warnings: [],
  },
  {
    name: '* both repeats and is an option',
    flow: withStep(
      sunsetFlow,
      'main_menu',
      menu({
        options: {
          '1': 'leasing_menu',
          '2': 'sales_forward',
          '9': 'voicemail',
          '#': 'goodbye',
          '*': 'goodbye',
        },
      }),
    ),
    errors: ['star_conflict@main_menu:steps[3].options.*'],
  },
  {
    name: 'menu timeout and retries out of range',
    flow: withStep(sunsetFlow, 'main_menu', menu({ timeoutSeconds: 0, maxRetries: 1.5 })),
    errors: [
      'invalid_timeout@main_menu:steps[3].timeoutSeconds',
      'invalid_value@main_menu:steps[3].maxRetries',
    ],
  },
  {
    name: 'two branches with the same criteria (order, case and spacing differ)',
    flow: withStep(
      sunsetFlow,
      'by_caller',
      route({
        branches: [
          {
            criteria: [{ type: 'source', op: 'is', values: ['Zillow', 'Yelp'] }, { type: 'first_time' }],
            next: 'hours',
          },
          {
            criteria: [{ type: 'first_time' }, { type: 'source', op: 'is', values: ['yelp ', 'ZILLOW'] }],
            next: 'ring_vip',
          },
        ],
      }),
    ),
    errors: ['duplicate_branch@by_caller:steps[1].branches[1]'],
  },
  {
    name: 'equivalent URL criteria are duplicates',
    flow: withStep(
      sunsetFlow,
      'by_caller',
      route({
        branches: [
          {
            criteria: [{ type: 'landing_page', op: 'equals', value: 'https://Sunset.example/specials/' }],
            next: 'hours',
          },
          {
            criteria: [{ type: 'landing_page', op: 'equals', value: 'https://sunset.example/specials' }],
            next: 'ring_vip',
          },
        ],
      }),
    ),
    errors: ['duplicate_branch@by_caller:steps[1].branches[1]'],
  },
  {
    name: 'branch without criteria',
    flow: withStep(sunsetFlow, 'by_caller', route({ branches: [{ criteria: [], next: 'ring_vip' }] })),
    errors: ['empty_branch@by_caller:steps[1].branches[0].criteria'],
  },
  {
    name: 'invalid criteria',
    flow: withStep(
      sunsetFlow,
      'by_caller',
      route({
        branches: [
          { criteria: [{ type: 'source', op: 'is', values: [] }], next: 'ring_vip' },
          { criteria: [{ type: 'keyword', op: 'contains', value: '' }], next: 'hours' },
          { criteria: [{ type: 'weather' } as never], next: 'hours' },
        ],
      }),
    ),
    errors: [
      'invalid_criterion@by_caller:steps[1].branches[0].criteria[0]',
      'invalid_criterion@by_caller:steps[1].branches[1].criteria[0]',
      'invalid_criterion@by_caller:steps[1].branches[2].criteria[0]',
    ],
  },
  {
    name: 'route without branches only warns',
    flow: withStep(sunsetFlow, 'by_caller', route({ branches: [] })),
    errors: ['unreachable_step@ring_vip:steps[6]'],
    warnings: ['no_branches@by_caller:steps[1].branches'],
  },
  {
    name: 'shadowed and unsatisfiable branches warn',
    flow: withStep(
      sunsetFlow,
      'by_caller',
      route({
        branches: [
          { criteria: [{ type: 'repeat' }], next: 'ring_vip' },
          { criteria: [{ type: 'repeat' }, { type: 'source', op: 'is', values: ['Zillow'] }], next: 'hours' },
          {
            criteria: [{ type: 'first_time' }, { type: 'previous_score', op: 'at_least', value: 50 }],
            next: 'hours',
          },
        ],
      }),
    ),
    errors: [],
    warnings: [
      'shadowed_branch@by_caller:steps[1].branches[1]',
      'unsatisfiable_branch@by_caller:steps[1].branches[2]',
    ],
  },
  {
    name: 'session criteria on a source-number-only flow warn',
    flow: sunsetFlow,
    ctx: { ...sunsetContext, sourceNumberOnly: true },
    errors: [],
    warnings: ['session_criterion_on_source_number@by_caller:steps[1].branches[1].criteria[0]'],
  },
  {
    name: 'unknown schedule, ring group and voicemail box',
    flow: withStep(
      withStep(
        withStep(
          sunsetFlow,
          'hours',
          (s) => ({ ...s, branches: [{ scheduleId: 'weekend', next: 'main_menu' }] }) as FlowStep,
        ),
        'ring_vip',
        (s) => ({ ...s, ringGroupId: 'gold' }) as FlowStep,
      ),
      'voicemail',
      (s) => ({ ...s, voicemailBoxId: 'other' }) as FlowStep,
    ),
    errors: [
      'unknown_schedule@hours:steps[2].branches[0].scheduleId',
      'unknown_ring_group@ring_vip:steps[6].ringGroupId',
      'unknown_voicemail_box@voicemail:steps[9].voicemailBoxId',
    ],
  },
  {
    name: 'same schedule twice in one step',
    flow: withStep(
      sunsetFlow,
      'hours',
      (s) =>
        ({
          ...s,
          branches: [
            { scheduleId: 'office', next: 'main_menu' },
            { scheduleId: 'office', next: 'goodbye' },
          ],
        }) as FlowStep,
    ),
    errors: ['duplicate_branch@hours:steps[2].branches[1]'],
  },
  {
    name: 'forward to a bad number, bad timeout and caller id',
    flow: withStep(
      sunsetFlow,
      'sales_forward',
      (s) => ({ ...s, to: '312-555-0123', timeoutSeconds: 0, callerId: 'agent' }) as unknown as FlowStep,
    ),
    errors: [
      'invalid_number@sales_forward:steps[7].to',
      'invalid_timeout@sales_forward:steps[7].timeoutSeconds',
      'invalid_value@sales_forward:steps[7].callerId',
    ],
  },
  {
    name: 'voicemail max length out of range',
    flow: withStep(sunsetFlow, 'voicemail', (s) => ({ ...s, maxLengthSeconds: 0 }) as FlowStep),
    errors: ['invalid_value@voicemail:steps[9].maxLengthSeconds'],
  },
  {
    name: 'unknown step type',
    flow: withSteps(
      withStep(sunsetFlow, 'goodbye', (s) => ({ ...s, message: undefined }) as FlowStep),
      [{ id: 'weird', type: 'fax' } as never],
    ),
    errors: ['unknown_step_type@weird:steps[11].type', 'unreachable_step@weird:steps[11]'],
  },
  {
    name: 'a recording flow without a disclosure of its own is warned about, naming the flow field',
    flow: { ...sunsetFlow, recordingDisclosure: undefined },
    errors: [],
    warnings: ['no_recording_disclosure@-:recordingDisclosure'],
  },
  {
    name: 'the warning stays when the property has a default disclosure (the flow has none of its own)',
    flow: { ...sunsetFlow, recordingDisclosure: undefined },
    ctx: { ...sunsetContext, disclosure: { propertyDefault: true, required: true } },
    errors: [],
    warnings: ['no_recording_disclosure@-:recordingDisclosure'],
  },
  {
    name: 'a property that requires a disclosure and has no default refuses a recording flow without one',
    flow: { ...sunsetFlow, recordingDisclosure: undefined },
    ctx: { ...sunsetContext, disclosure: { propertyDefault: false, required: true } },
    errors: ['recording_disclosure_required@-:recordingDisclosure'],
  },
  {
    name: 'the requirement is met by the flow’s own disclosure',
    flow: sunsetFlow,
    ctx: { ...sunsetContext, disclosure: { propertyDefault: false, required: true } },
    errors: [],
  },
  {
    name: 'a flow that does not record needs no disclosure, even when the property requires one',
    flow: { ...sunsetFlow, recording: false, recordingDisclosure: undefined },
    ctx: { ...sunsetContext, disclosure: { propertyDefault: false, required: true } },
    errors: [],
  },
  {
    name: 'a disclosure on a flow that does not record is warned about: it is never played',
    flow: { ...sunsetFlow, recording: false },
    errors: [],
    warnings: ['unused_recording_disclosure@-:recordingDisclosure'],
  },
  {
    name: 'a disclosure is checked like any prompt: its audio file must exist',
    flow: { ...sunsetFlow, recordingDisclosure: { kind: 'audio', audioId: 'gone' } },
    errors: ['missing_audio@-:recordingDisclosure'],
  },
  {
    name: 'a disclosure of the property’s audio file passes',
    flow: { ...sunsetFlow, recordingDisclosure: { kind: 'audio', audioId: 'welcome' } },
    errors: [],
  },
  {
    name: 'an empty disclosure text is refused',
    flow: { ...sunsetFlow, recordingDisclosure: { kind: 'tts', text: '  ' } },
    errors: ['empty_prompt@-:recordingDisclosure'],
  },
  {
    name: 'engine v1 plays no disclosure: a flow with one is refused, like a spoken front desk',
    flow: sunsetFlow,
    ctx: { ...sunsetContext, callEngine: 'v1' },
    errors: ['needs_engine_v2@-:recordingDisclosure'],
  },
  {
    name: 'engine v1 cannot meet a property’s requirement either',
    flow: { ...sunsetFlow, recordingDisclosure: undefined },
    ctx: { ...sunsetContext, callEngine: 'v1', disclosure: { propertyDefault: true, required: true } },
    errors: ['needs_engine_v2@-:recordingDisclosure'],
    warnings: ['no_recording_disclosure@-:recordingDisclosure'],
  },
  {
    name: 'removing a target step reports every reference to it',
    flow: withoutStep(sunsetFlow, 'voicemail'),
    errors: [
      'dangling_next@main_menu:steps[3].options.9',
      'dangling_next@main_menu:steps[3].fallback',
      'dangling_next@ring_leasing:steps[5].noAnswer',
      'dangling_next@sales_forward:steps[7].noAnswer',
      'dangling_next@after_hours:steps[8].next',
    ],
  },
];

const show = (i: { code: string; stepId?: string; path: string }) => `${i.code}@${i.stepId ?? '-'}:${i.path}`;

describe('validateFlow', () => {
  for (const c of cases) {
    test(c.name, () => {
      const report = validateFlow(c.flow, c.ctx ?? sunsetContext);
      assert.deepEqual(report.errors.map(show), c.errors);
      assert.deepEqual(report.warnings.map(show), c.warnings ?? []);
    });
  }

  test('every message names its step', () => {
    const broken = withSteps(
      withStep(sunsetFlow, 'after_hours', (s) => ({ ...s, next: 'vm' }) as FlowStep),
      [{ id: 'orphan', type: 'hangup' }],
    );
    const report = validateFlow(broken, sunsetContext);
    assert.ok(report.errors.length >= 2);
    for (const issue of report.errors) {
      assert.ok(issue.stepId !== undefined && issue.message.includes(`"${issue.stepId}"`), issue.message);
    }
  });

  test('a route step without a fallback is refused, saying the fallback is missing', () => {
    const flow = withStep(sunsetFlow, 'by_caller', route({ fallback: undefined }));
    const issues = validateFlow(flow, sunsetContext).errors.filter((i) => i.stepId === 'by_caller');
    assert.deepEqual(issues.map(show), ['missing_next@by_caller:steps[1].fallback']);
    assert.match(issues[0].message, /has no fallback/);
    assert.doesNotMatch(issues[0].message, /undefined/);
  });

  test('the disclosure messages say what callers hear', () => {
    const none = { ...sunsetFlow, recordingDisclosure: undefined };
    const warning = (ctx: FlowValidationContext) => validateFlow(none, ctx).warnings[0]?.message ?? '';
    assert.match(
      warning({ ...sunsetContext, disclosure: { propertyDefault: true, required: false } }),
      /property's default disclosure/,
    );
    assert.match(
      warning({ ...sunsetContext, disclosure: { propertyDefault: false, required: false } }),
      /not told they are recorded/,
    );
    const [refused] = validateFlow(none, {
      ...sunsetContext,
      disclosure: { propertyDefault: false, required: true },
    }).errors;
    assert.match(refused.message, /requires a recording disclosure/);
    const [empty] = validateFlow({ ...sunsetFlow, recordingDisclosure: { kind: 'tts', text: '' } }).errors;
    assert.match(empty.message, /^The recording disclosure has a text-to-speech prompt with no text/);
  });

  test('a loop message lists the loop in call order', () => {
    const flow: CallFlow = {
      initialStepId: 'a',
      recording: false,
      steps: [
        { id: 'a', type: 'greeting', prompt: { kind: 'tts', text: 'hi' }, next: 'b' },
        { id: 'b', type: 'route', branches: [{ criteria: [{ type: 'repeat' }], next: 'c' }], fallback: 'a' },
        { id: 'c', type: 'hangup' },
      ],
    };
    const [issue] = validateFlow(flow).errors;
    assert.equal(issue.code, 'cycle_without_input');
    assert.equal(issue.stepId, 'a');
    assert.match(issue.message, /a → b → a/);
  });
});
