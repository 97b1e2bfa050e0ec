import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallerContext } from '../../routing/caller-context';
import type { CallFlow } from '../flow-model';
import { firstAction, nextAction, type DecisionContext, type PathEntry, type StepAction } from '../interpret';
import { officeSchedule, sunsetFlow } from './fixtures';

const OPEN = '2026-11-23T09:30:00-06:00'; // Monday
const EVENING = '2026-11-23T18:00:00-06:00';
const THANKSGIVING = '2026-11-26T10:00:00-06:00';

const zillowNew: CallerContext = { firstTime: true, priorCalls: 0, source: 'Zillow' };
const goodRepeat: CallerContext = {
  firstTime: false,
  priorCalls: 2,
  source: 'Google',
  previousCall: { leadStatus: 'good_lead', score: 90 },
};
const poolVisitor: CallerContext = {
  firstTime: true,
  priorCalls: 0,
  source: 'Website',
  session: { keyword: 'two bedroom' },
};
const yelpNew: CallerContext = { firstTime: true, priorCalls: 0, source: 'Yelp' };

const ctx = (caller: CallerContext, at: string, schedules = { office: officeSchedule }): DecisionContext => ({
  caller,
  at,
  timeZone: 'America/Chicago',
  schedules,
});

/** Path as "step" for action steps, "step[branch]" for decisions ("fb" = fallback/otherwise). */
function showPath(path: PathEntry[]): string[] {
  return path.map((e) =>
    e.type === 'route' || e.type === 'schedule' ? `${e.stepId}[${e.branchIndex ?? 'fb'}]` : e.stepId,
  );
}

interface Case {
  name: string;
  from: string;
  ctx: DecisionContext;
  path: string[];
  action: StepAction['type'];
  actionStep: string;
}

const cases: Case[] = [
  {
    name: 'greeting is played first',
    from: 'greeting',
    ctx: ctx(zillowNew, OPEN),
    path: ['greeting'],
    action: 'play',
    actionStep: 'greeting',
  },
  {
    name: 'good repeat lead goes to the VIP group',
    from: 'by_caller',
    ctx: ctx(goodRepeat, OPEN),
    path: ['by_caller[0]', 'ring_vip'],
    action: 'ring_group',
    actionStep: 'ring_vip',
  },
  {
    name: 'pool visitor with keyword, office open',
    from: 'by_caller',
    ctx: ctx(poolVisitor, OPEN),
    path: ['by_caller[1]', 'hours[0]', 'main_menu'],
    action: 'menu',
    actionStep: 'main_menu',
  },
  {
    name: 'Zillow caller, office open',
    from: 'by_caller',
    ctx: ctx(zillowNew, OPEN),
    path: ['by_caller[2]', 'hours[0]', 'main_menu'],
    action: 'menu',
    actionStep: 'main_menu',
  },
  {
    name: 'no branch matches: fallback',
    from: 'by_caller',
    ctx: ctx(yelpNew, OPEN),
    path: ['by_caller[fb]', 'hours[0]', 'main_menu'],
    action: 'menu',
    actionStep: 'main_menu',
  },
  {
    name: 'after hours',
    from: 'by_caller',
    ctx: ctx(zillowNew, EVENING),
    path: ['by_caller[2]', 'hours[fb]', 'after_hours'],
    action: 'play',
    actionStep: 'after_hours',
  },
  {
    name: 'holiday',
    from: 'hours',
    ctx: ctx(zillowNew, THANKSGIVING),
    path: ['hours[fb]', 'after_hours'],
    action: 'play',
    actionStep: 'after_hours',
  },
  {
    name: 'unknown schedule counts as closed',
    from: 'hours',
    ctx: ctx(zillowNew, OPEN, {} as never),
    path: ['hours[fb]', 'after_hours'],
    action: 'play',
    actionStep: 'after_hours',
  },
  {
    name: 'voicemail',
    from: 'voicemail',
    ctx: ctx(zillowNew, OPEN),
    path: ['voicemail'],
    action: 'voicemail',
    actionStep: 'voicemail',
  },
  {
    name: 'forward',
    from: 'sales_forward',
    ctx: ctx(zillowNew, OPEN),
    path: ['sales_forward'],
    action: 'forward',
    actionStep: 'sales_forward',
  },
  {
    name: 'hang up',
    from: 'goodbye',
    ctx: ctx(zillowNew, OPEN),
    path: ['goodbye'],
    action: 'hangup',
    actionStep: 'goodbye',
  },
  {
    name: 'unknown step',
    from: 'nowhere',
    ctx: ctx(zillowNew, OPEN),
    path: [],
    action: 'flow_error',
    actionStep: 'nowhere',
  },
];

describe('nextAction', () => {
  for (const c of cases) {
    test(c.name, () => {
      const { path, action } = nextAction(sunsetFlow, c.from, c.ctx);
      assert.deepEqual(showPath(path), c.path);
      assert.equal(action.type, c.action);
      assert.equal(action.stepId, c.actionStep);
    });
  }

  test('firstAction starts at the initial step', () => {
    assert.deepEqual(firstAction(sunsetFlow, ctx(zillowNew, OPEN)).action, {
      type: 'play',
      stepId: 'greeting',
      prompt: { kind: 'audio', audioId: 'welcome' },
      next: 'by_caller',
    });
  });

  test('schedule path entry says why it was open', () => {
    const [, hours] = nextAction(sunsetFlow, 'by_caller', ctx(zillowNew, OPEN)).path;
    assert.deepEqual(hours, {
      stepId: 'hours',
      type: 'schedule',
      branchIndex: 0,
      scheduleId: 'office',
      reason: 'weekly',
      next: 'main_menu',
    });
  });

  test('unusable schedules are named in the path', () => {
    const broken = { office: { ...officeSchedule, timeZone: 'Mars/Olympus' } };
    const [hours] = nextAction(sunsetFlow, 'hours', ctx(zillowNew, OPEN, broken)).path;
    assert.deepEqual(hours, {
      stepId: 'hours',
      type: 'schedule',
      branchIndex: null,
      scheduleId: null,
      next: 'after_hours',
      unusableScheduleIds: ['office'],
    });
  });

  test('menu action carries the menu definition only', () => {
    const { action } = nextAction(sunsetFlow, 'main_menu', ctx(zillowNew, OPEN));
    assert.equal(action.type, 'menu');
    if (action.type !== 'menu') return;
    assert.equal(action.menu.id, 'main_menu');
    assert.equal(action.menu.fallback, 'voicemail');
    assert.equal(action.menu.repeatOnStar, true);
    assert.equal('type' in action.menu, false);
  });

  test('ring, forward and voicemail actions carry their settings', () => {
    const at = ctx(zillowNew, OPEN);
    assert.deepEqual(nextAction(sunsetFlow, 'ring_vip', at).action, {
      type: 'ring_group',
      stepId: 'ring_vip',
      ringGroupId: 'vip',
      noAnswer: 'ring_leasing',
    });
    assert.deepEqual(nextAction(sunsetFlow, 'sales_forward', at).action, {
      type: 'forward',
      stepId: 'sales_forward',
      to: '+13125550123',
      timeoutSeconds: 25,
      callerId: 'caller',
      noAnswer: 'voicemail',
    });
    assert.deepEqual(nextAction(sunsetFlow, 'voicemail', at).action, {
      type: 'voicemail',
      stepId: 'voicemail',
      voicemailBoxId: 'main',
      beep: true,
      maxLengthSeconds: 120,
    });
  });

  test('a missing noAnswer ends the call (null)', () => {
    const flow: CallFlow = {
      initialStepId: 'r',
      recording: false,
      steps: [{ id: 'r', type: 'ring_group', ringGroupId: 'leasing' }],
    };
    assert.deepEqual(firstAction(flow, ctx(zillowNew, OPEN)).action, {
      type: 'ring_group',
      stepId: 'r',
      ringGroupId: 'leasing',
      noAnswer: null,
    });
  });

  test('a loop of decision steps yields a flow error instead of hanging', () => {
    const flow: CallFlow = {
      initialStepId: 'a',
      recording: false,
      steps: [
        { id: 'a', type: 'route', branches: [], fallback: 'b' },
        { id: 'b', type: 'schedule', branches: [], otherwise: 'a' },
      ],
    };
    const { action, path } = firstAction(flow, ctx(zillowNew, OPEN));
    assert.equal(action.type, 'flow_error');
    if (action.type === 'flow_error') assert.equal(action.code, 'decision_loop');
    assert.ok(path.length <= 4);
  });

  test('the same instant gives the same answer (deterministic)', () => {
    const a = nextAction(sunsetFlow, 'by_caller', ctx(poolVisitor, OPEN));
    const b = nextAction(sunsetFlow, 'by_caller', ctx(poolVisitor, OPEN));
    assert.deepEqual(a, b);
  });
});
