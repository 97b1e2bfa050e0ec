import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RingGroup } from '../ring-group-model';
import { validateRingGroup } from '../validate-ring-group';

const good: RingGroup = {
  id: 'leasing',
  strategy: 'round_robin',
  members: [
    { agentId: 'a', endpoint: { kind: 'phone', number: '+13125550111' } },
    { agentId: 'b', endpoint: { kind: 'sip', uri: 'sip:bob@pbx.example' } },
    { agentId: 'c', endpoint: { kind: 'webrtc', username: 'carol' } },
  ],
  agentRingTimeoutSeconds: 20,
  overallTimeoutSeconds: 60,
  skipUnavailable: true,
  whisper: { kind: 'audio', audioId: 'whisper' },
  callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } },
};

describe('validateRingGroup', () => {
  const cases: Array<{
    name: string;
    group: RingGroup;
    audioIds?: string[];
    errors: string[];
    warnings?: string[];
  }> = [
    { name: 'valid group', group: good, audioIds: ['whisper', 'hold'], errors: [] },
    { name: 'missing hold audio', group: good, audioIds: ['whisper'], errors: ['missing_audio'] },
    { name: 'bad strategy', group: { ...good, strategy: 'random' as never }, errors: ['invalid_strategy'] },
    { name: 'no members warns', group: { ...good, members: [] }, errors: [], warnings: ['no_members'] },
    {
      name: 'duplicate member',
      group: { ...good, members: [good.members[0], good.members[0]] },
      errors: ['duplicate_member'],
    },
    {
      name: 'bad phone number',
      group: { ...good, members: [{ agentId: 'x', endpoint: { kind: 'phone', number: '312-555-0111' } }] },
      errors: ['invalid_endpoint'],
    },
    { name: 'zero timeout', group: { ...good, agentRingTimeoutSeconds: 0 }, errors: ['invalid_timeout'] },
    { name: 'plain ringback', group: { ...good, callerHears: { kind: 'ringback' } }, errors: [] },
    {
      name: 'unknown caller-hears kind',
      group: { ...good, callerHears: { kind: 'music' } as never },
      errors: ['invalid_caller_hears'],
    },
    {
      name: 'no caller-hears',
      group: { ...good, callerHears: undefined as never },
      errors: ['invalid_caller_hears'],
    },
    {
      name: 'hold audio without a prompt object',
      group: { ...good, callerHears: { kind: 'hold_audio', prompt: null as never } },
      audioIds: ['whisper', 'hold'],
      errors: ['invalid_prompt'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const report = validateRingGroup(c.group, c.audioIds ? { audioIds: new Set(c.audioIds) } : {});
      assert.deepEqual(
        report.errors.map((e) => e.code),
        c.errors,
      );
      assert.deepEqual(
        report.warnings.map((w) => w.code),
        c.warnings ?? [],
      );
    });
  }
});
