import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallerContext } from '../caller-context';
import { chooseBranch, type RoutingBranch } from '../choose-branch';

const branches: RoutingBranch[] = [
  { criteria: [{ type: 'repeat' }, { type: 'previous_lead_status', value: 'good_lead' }], next: 'vip' },
  { criteria: [{ type: 'keyword', op: 'contains', value: 'bedroom' }], next: 'leasing' },
  { criteria: [{ type: 'repeat' }], next: 'welcome_back' },
  { criteria: [{ type: 'source', op: 'is', values: ['Zillow'] }], next: 'zillow' },
];

describe('chooseBranch', () => {
  const cases: Array<{ name: string; caller: CallerContext; next: string; branchIndex: number | null }> = [
    {
      name: 'first matching branch wins over later matches',
      caller: {
        firstTime: false,
        priorCalls: 2,
        source: 'Zillow',
        previousCall: { leadStatus: 'good_lead' },
      },
      next: 'vip',
      branchIndex: 0,
    },
    {
      name: 'repeat caller without good lead',
      caller: { firstTime: false, priorCalls: 1, source: 'Zillow' },
      next: 'welcome_back',
      branchIndex: 2,
    },
    {
      name: 'pool caller with keyword',
      caller: { firstTime: true, priorCalls: 0, source: 'Zillow', session: { keyword: '2 bedroom' } },
      next: 'leasing',
      branchIndex: 1,
    },
    {
      name: 'keyword branch never matches on a source number (no session)',
      caller: { firstTime: true, priorCalls: 0, source: 'Zillow' },
      next: 'zillow',
      branchIndex: 3,
    },
    {
      name: 'nothing matches: fallback',
      caller: { firstTime: true, priorCalls: 0, source: 'Yelp' },
      next: 'front_desk',
      branchIndex: null,
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.deepEqual(chooseBranch(branches, 'front_desk', c.caller), {
        next: c.next,
        branchIndex: c.branchIndex,
      }),
    );
  }
  test('no branches: fallback', () =>
    assert.deepEqual(chooseBranch([], 'front_desk', { firstTime: true, priorCalls: 0 }), {
      next: 'front_desk',
      branchIndex: null,
    }));
});
