import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallerContext } from '../../routing/caller-context';
import { dryRun, type DryRunScript } from '../dry-run';
import type { DecisionContext } from '../interpret';
import { officeSchedule, ringGroups, sunsetFlow } from './fixtures';

const OPEN = '2026-11-23T09:30:00-06:00';
const EVENING = '2026-11-23T18:00:00-06:00';

const caller = (c: Partial<CallerContext> = {}): CallerContext => ({
  firstTime: true,
  priorCalls: 0,
  source: 'Zillow',
  ...c,
});
const ctx = (c: CallerContext, at = OPEN): DecisionContext => ({
  caller: c,
  at,
  timeZone: 'America/Chicago',
  schedules: { office: officeSchedule },
});

interface Case {
  name: string;
  ctx: DecisionContext;
  script: DryRunScript;
  path: string[];
  outcome: string;
}

const base: DryRunScript = { ringGroups };

const cases: Case[] = [
  {
    name: 'scenario: menus 1 then 2, leasing agent answers',
    ctx: ctx(caller()),
    script: { ...base, keypresses: ['1', '2'], answeringAgentIds: ['ann'] },
    path: ['greeting', 'by_caller', 'hours', 'main_menu', 'leasing_menu', 'ring_leasing', 'connected'],
    outcome: 'answered:ring_leasing:ann',
  },
  {
    name: 'nobody answers: voicemail',
    ctx: ctx(caller()),
    script: { ...base, keypresses: ['1', '2'] },
    path: ['greeting', 'by_caller', 'hours', 'main_menu', 'leasing_menu', 'ring_leasing', 'voicemail'],
    outcome: 'voicemail:voicemail:main',
  },
  {
    name: 'silence at the main menu: fallback after retries',
    ctx: ctx(caller()),
    script: { ...base, keypresses: [null, ''] },
    path: ['greeting', 'by_caller', 'hours', 'main_menu', 'voicemail'],
    outcome: 'voicemail:voicemail:main',
  },
  {
    name: 'nested menus: into leasing, back to main, then sales',
    ctx: ctx(caller()),
    script: { ...base, keypresses: ['1', '0', '2'] },
    path: [
      'greeting',
      'by_caller',
      'hours',
      'main_menu',
      'leasing_menu',
      'main_menu',
      'sales_forward',
      'connected',
    ],
    outcome: 'forwarded:sales_forward:+13125550123',
  },
  {
    name: '* repeats, then sales; forward unanswered goes to voicemail',
    ctx: ctx(caller()),
    script: { ...base, keypresses: ['*', '2'], forwardAnswered: false },
    path: ['greeting', 'by_caller', 'hours', 'main_menu', 'sales_forward', 'voicemail'],
    outcome: 'voicemail:voicemail:main',
  },
  {
    name: 'invalid key then # hangs up',
    ctx: ctx(caller()),
    script: { ...base, keypresses: ['7', '#'] },
    path: ['greeting', 'by_caller', 'hours', 'main_menu', 'goodbye'],
    outcome: 'hangup:goodbye:hangup_step',
  },
  {
    name: 'after hours straight to voicemail',
    ctx: ctx(caller(), EVENING),
    script: base,
    path: ['greeting', 'by_caller', 'hours', 'after_hours', 'voicemail'],
    outcome: 'voicemail:voicemail:main',
  },
  {
    name: 'VIP unanswered rolls to leasing, rotation starts at bob',
    ctx: ctx(caller({ firstTime: false, priorCalls: 3, previousCall: { leadStatus: 'good_lead' } })),
    script: { ...base, roundRobinPointers: { leasing: 1 }, answeringAgentIds: ['bob', 'ann'] },
    path: ['greeting', 'by_caller', 'ring_vip', 'ring_leasing', 'connected'],
    outcome: 'answered:ring_leasing:bob',
  },
  {
    name: 'unknown ring group is reported',
    ctx: ctx(caller()),
    script: { keypresses: ['1', '2'] },
    path: ['greeting', 'by_caller', 'hours', 'main_menu', 'leasing_menu', 'ring_leasing'],
    outcome: 'error:ring_leasing:unknown_ring_group',
  },
];

function showOutcome(o: ReturnType<typeof dryRun>['outcome']): string {
  switch (o.kind) {
    case 'answered':
      return `answered:${o.stepId}:${o.agentId}`;
    case 'forwarded':
      return `forwarded:${o.stepId}:${o.to}`;
    case 'voicemail':
      return `voicemail:${o.stepId}:${o.voicemailBoxId}`;
    case 'hangup':
      return `hangup:${o.stepId}:${o.reason}`;
    case 'error':
      return `error:${o.stepId}:${o.code}`;
  }
}

describe('dryRun', () => {
  for (const c of cases) {
    test(c.name, () => {
      const result = dryRun(sunsetFlow, c.ctx, c.script);
      assert.deepEqual(result.path, c.path);
      assert.equal(showOutcome(result.outcome), c.outcome);
      assert.equal(result.recording, true);
    });
  }

  test('says which recording disclosure the caller hears first: the flow’s, else the property’s', () => {
    const own = dryRun(sunsetFlow, ctx(caller()), base);
    assert.deepEqual(own.recordingDisclosure, {
      prompt: { kind: 'tts', text: 'This call may be recorded for quality.' },
      source: 'flow',
    });
    const fallback = { kind: 'audio', audioId: 'disclosure' } as const;
    const inherited = dryRun({ ...sunsetFlow, recordingDisclosure: undefined }, ctx(caller()), {
      ...base,
      propertyDisclosure: fallback,
    });
    assert.deepEqual(inherited.recordingDisclosure, { prompt: fallback, source: 'property' });
    const none = dryRun({ ...sunsetFlow, recordingDisclosure: undefined }, ctx(caller()), base);
    assert.equal(none.recordingDisclosure, null);
    const notRecorded = dryRun({ ...sunsetFlow, recording: false }, ctx(caller()), {
      ...base,
      propertyDisclosure: fallback,
    });
    assert.equal(notRecorded.recordingDisclosure, null);
  });

  test('trace shows the menu inputs and the ring plan', () => {
    const result = dryRun(sunsetFlow, ctx(caller()), {
      ...base,
      keypresses: ['x', '1', '2'],
      answeringAgentIds: ['ann'],
    });
    const menus = result.trace.filter((t) => t.kind === 'menu');
    assert.deepEqual(
      menus.map((m) => (m.kind === 'menu' ? m.inputs : [])),
      [['x', '1'], ['2']],
    );
    const leasing = menus[1];
    assert.ok(
      leasing.kind === 'menu' &&
        leasing.outcome.kind === 'option' &&
        leasing.outcome.stepId === 'ring_leasing',
    );
    const ring = result.trace.find((t) => t.kind === 'ring_group');
    assert.ok(ring?.kind === 'ring_group');
    if (ring?.kind === 'ring_group') {
      assert.deepEqual(
        ring.plan.waves.map((w) => w.targets.map((t) => t.agentId)),
        [['ann'], ['bob']],
      );
      assert.equal(ring.answeredBy, 'ann');
    }
  });

  test('looping through menus forever stops at the step limit', () => {
    const result = dryRun(sunsetFlow, ctx(caller()), {
      ...base,
      keypresses: Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? '1' : '0')),
      maxSteps: 20,
    });
    assert.equal(result.outcome.kind, 'error');
    if (result.outcome.kind === 'error') assert.equal(result.outcome.code, 'step_limit');
  });
});
