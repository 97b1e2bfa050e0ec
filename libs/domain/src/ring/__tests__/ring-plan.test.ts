import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RingGroup, RingGroupMember } from '../ring-group-model';
import { describeRingPlan, normalizePointer, planRing, type AgentAvailability } from '../ring-plan';

const member = (agentId: string, ringTimeoutSeconds?: number): RingGroupMember => ({
  agentId,
  endpoint: { kind: 'phone', number: `+1312555010${agentId.charCodeAt(0) - 96}` },
  ...(ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds } : {}),
});

const group = (overrides: Partial<RingGroup>): RingGroup => ({
  id: 'leasing',
  strategy: 'sequential',
  members: [member('a'), member('b'), member('c'), member('d')],
  agentRingTimeoutSeconds: 20,
  skipUnavailable: true,
  callerHears: { kind: 'ringback' },
  ...overrides,
});

const bAway: AgentAvailability = { b: false };

interface Case {
  name: string;
  group: RingGroup;
  availability?: AgentAvailability;
  pointer?: number;
  /** Agent ids per wave, with the wave timeout. */
  waves: string[];
  skipped?: string[];
  truncated?: string[];
  nextPointer: number;
}

const cases: Case[] = [
  {
    name: 'simultaneous: one wave of all available',
    group: group({ strategy: 'simultaneous' }),
    availability: bAway,
    waves: ['a,c,d@20'],
    skipped: ['b'],
    nextPointer: 0,
  },
  {
    name: 'simultaneous: availability ignored when skipping is off',
    group: group({ strategy: 'simultaneous', skipUnavailable: false }),
    availability: bAway,
    waves: ['a,b,c,d@20'],
    nextPointer: 0,
  },
  {
    name: 'simultaneous: wave lasts as long as the longest member, capped by overall',
    group: group({
      strategy: 'simultaneous',
      members: [member('a', 15), member('b', 40)],
      overallTimeoutSeconds: 30,
    }),
    waves: ['a,b@30'],
    nextPointer: 0,
  },
  {
    name: 'simultaneous: nobody available, no waves',
    group: group({ strategy: 'simultaneous' }),
    availability: { a: false, b: false, c: false, d: false },
    waves: [],
    skipped: ['a', 'b', 'c', 'd'],
    nextPointer: 0,
  },
  {
    name: 'sequential: one per wave in list order',
    group: group({}),
    availability: bAway,
    waves: ['a@20', 'c@20', 'd@20'],
    skipped: ['b'],
    nextPointer: 0,
  },
  {
    name: 'sequential: ignores the pointer',
    group: group({}),
    pointer: 2,
    waves: ['a@20', 'b@20', 'c@20', 'd@20'],
    nextPointer: 2,
  },
  {
    name: 'sequential: per-member timeout',
    group: group({ members: [member('a', 10), member('b')] }),
    waves: ['a@10', 'b@20'],
    nextPointer: 0,
  },
  {
    name: 'sequential: overall timeout shortens the last wave and drops the rest',
    group: group({ overallTimeoutSeconds: 50 }),
    waves: ['a@20', 'b@20', 'c@10'],
    truncated: ['d'],
    nextPointer: 0,
  },
  {
    name: 'round robin: starts at the pointer',
    group: group({ strategy: 'round_robin' }),
    pointer: 2,
    waves: ['c@20', 'd@20', 'a@20', 'b@20'],
    nextPointer: 3,
  },
  {
    name: 'round robin: skips unavailable in the rotation',
    group: group({ strategy: 'round_robin' }),
    availability: bAway,
    pointer: 2,
    waves: ['c@20', 'd@20', 'a@20'],
    skipped: ['b'],
    nextPointer: 3,
  },
  {
    name: 'round robin: pointer on the last member wraps to 0',
    group: group({ strategy: 'round_robin' }),
    availability: bAway,
    pointer: 3,
    waves: ['d@20', 'a@20', 'c@20'],
    skipped: ['b'],
    nextPointer: 0,
  },
  {
    name: 'round robin: pointer on an unavailable member moves past it',
    group: group({ strategy: 'round_robin' }),
    availability: bAway,
    pointer: 1,
    waves: ['c@20', 'd@20', 'a@20'],
    skipped: ['b'],
    nextPointer: 3,
  },
  {
    name: 'round robin: pointer beyond the list wraps (7 → 3)',
    group: group({ strategy: 'round_robin' }),
    pointer: 7,
    waves: ['d@20', 'a@20', 'b@20', 'c@20'],
    nextPointer: 0,
  },
  {
    name: 'round robin: negative pointer wraps (-1 → 3)',
    group: group({ strategy: 'round_robin' }),
    pointer: -1,
    waves: ['d@20', 'a@20', 'b@20', 'c@20'],
    nextPointer: 0,
  },
  {
    name: 'round robin: nobody available keeps the pointer',
    group: group({ strategy: 'round_robin' }),
    availability: { a: false, b: false, c: false, d: false },
    pointer: 2,
    waves: [],
    skipped: ['c', 'd', 'a', 'b'],
    nextPointer: 2,
  },
  {
    name: 'round robin: agents missing from availability are available',
    group: group({ strategy: 'round_robin' }),
    availability: { z: false },
    pointer: 0,
    waves: ['a@20', 'b@20', 'c@20', 'd@20'],
    nextPointer: 1,
  },
  {
    name: 'empty group',
    group: group({ strategy: 'round_robin', members: [] }),
    pointer: 5,
    waves: [],
    nextPointer: 0,
  },
];

describe('planRing', () => {
  for (const c of cases) {
    test(c.name, () => {
      const plan = planRing(c.group, c.availability ?? {}, c.pointer ?? 0);
      assert.deepEqual(
        plan.waves.map((w) => `${w.targets.map((t) => t.agentId).join(',')}@${w.timeoutSeconds}`),
        c.waves,
      );
      assert.deepEqual(plan.skippedAgentIds, c.skipped ?? []);
      assert.deepEqual(plan.truncatedAgentIds, c.truncated ?? []);
      assert.equal(plan.nextPointer, c.nextPointer);
      assert.equal(
        plan.totalSeconds,
        plan.waves.reduce((s, w) => s + w.timeoutSeconds, 0),
      );
      for (const wave of plan.waves)
        for (const t of wave.targets) assert.ok(t.timeoutSeconds <= wave.timeoutSeconds);
    });
  }

  test('rotation advances across consecutive calls', () => {
    const g = group({ strategy: 'round_robin' });
    const firsts: string[] = [];
    let pointer = 0;
    for (let call = 0; call < 6; call++) {
      const plan = planRing(g, bAway, pointer);
      firsts.push(plan.waves[0].targets[0].agentId);
      pointer = plan.nextPointer;
    }
    assert.deepEqual(firsts, ['a', 'c', 'd', 'a', 'c', 'd']);
  });

  test('whisper, caller audio and endpoints are carried into the plan', () => {
    const g = group({
      strategy: 'simultaneous',
      members: [
        { agentId: 'w', endpoint: { kind: 'webrtc', username: 'alice' } },
        { agentId: 's', endpoint: { kind: 'sip', uri: 'sip:bob@pbx.example' } },
      ],
      whisper: { kind: 'tts', text: 'Call from Zillow' },
      callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } },
    });
    const plan = planRing(g, {}, 0);
    assert.deepEqual(plan.whisper, { kind: 'tts', text: 'Call from Zillow' });
    assert.deepEqual(plan.callerHears, { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } });
    assert.deepEqual(
      plan.waves[0].targets.map((t) => t.endpoint.kind),
      ['webrtc', 'sip'],
    );
  });
});

describe('normalizePointer', () => {
  const cases: Array<[number, number, number]> = [
    [0, 4, 0],
    [5, 4, 1],
    [-5, 4, 3],
    [Number.NaN, 4, 0],
    [2.7, 4, 2],
    [3, 0, 0],
  ];
  for (const [pointer, count, expected] of cases)
    test(`${pointer} of ${count}`, () => assert.equal(normalizePointer(pointer, count), expected));
});

describe('describeRingPlan', () => {
  test('names the waves in order and who was left out', () => {
    const plan = planRing(group({ strategy: 'round_robin', overallTimeoutSeconds: 40 }), bAway, 2);
    assert.equal(describeRingPlan(plan), 'round_robin: c → d; unavailable: b; out of time: a');
  });
  test('simultaneous rings everyone in one wave', () => {
    assert.equal(
      describeRingPlan(planRing(group({ strategy: 'simultaneous' }), {}, 0)),
      'simultaneous: a + b + c + d',
    );
  });
  test('says when nobody can be rung', () => {
    const allAway = { a: false, b: false, c: false, d: false };
    assert.equal(
      describeRingPlan(planRing(group({}), allAway, 0)),
      'sequential: nobody to ring; unavailable: a, b, c, d',
    );
  });
});
