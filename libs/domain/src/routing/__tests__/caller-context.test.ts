import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCallerContext, isAnonymousCallerId, type CallerHistoryInput } from '../caller-context';

describe('isAnonymousCallerId', () => {
  const cases: Array<[string | null | undefined, boolean]> = [
    ['+13125550100', false],
    ['3125550100', false],
    ['anonymous', true],
    ['Restricted', true],
    ['UNAVAILABLE', true],
    ['private', true],
    ['', true],
    ['  ', true],
    [null, true],
    [undefined, true],
    ['+1', true],
  ];
  for (const [id, expected] of cases) test(String(id), () => assert.equal(isAnonymousCallerId(id), expected));
});

describe('buildCallerContext', () => {
  const previousCall = { score: 70, leadStatus: 'good_lead' as const };
  const cases: Array<{
    name: string;
    input: CallerHistoryInput;
    firstTime: boolean;
    priorCalls: number;
    hasPrevious: boolean;
  }> = [
    {
      name: 'first call',
      input: { callerId: '+13125550100', priorCalls: 0 },
      firstTime: true,
      priorCalls: 0,
      hasPrevious: false,
    },
    {
      name: 'repeat call',
      input: { callerId: '+13125550100', priorCalls: 2, previousCall },
      firstTime: false,
      priorCalls: 2,
      hasPrevious: true,
    },
    {
      name: 'anonymous caller is never repeat',
      input: { callerId: 'anonymous', priorCalls: 41, previousCall },
      firstTime: true,
      priorCalls: 0,
      hasPrevious: false,
    },
    {
      name: 'first call ignores a stray previous call',
      input: { callerId: '+13125550100', priorCalls: 0, previousCall },
      firstTime: true,
      priorCalls: 0,
      hasPrevious: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const ctx = buildCallerContext(c.input);
      assert.equal(ctx.firstTime, c.firstTime);
      assert.equal(ctx.priorCalls, c.priorCalls);
      assert.equal(ctx.previousCall !== undefined, c.hasPrevious);
    });
  }
  test('source and session pass through', () => {
    const ctx = buildCallerContext({
      callerId: '+13125550100',
      priorCalls: 0,
      source: 'Zillow',
      session: { keyword: 'x' },
    });
    assert.deepEqual(ctx, { firstTime: true, priorCalls: 0, source: 'Zillow', session: { keyword: 'x' } });
  });
});
