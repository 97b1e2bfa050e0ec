import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallerContext } from '../caller-context';
import type { Criterion, SessionCriterion } from '../criterion-model';
import { matchAllCriteria, matchCriterion } from '../match-criterion';

const newCaller: CallerContext = { firstTime: true, priorCalls: 0, source: 'Zillow' };
const repeatCaller: CallerContext = {
  firstTime: false,
  priorCalls: 3,
  source: 'Google Ads',
  previousCall: { score: 80, leadStatus: 'good_lead' },
};
const poolCaller: CallerContext = {
  firstTime: true,
  priorCalls: 0,
  source: 'Website Pool',
  session: {
    keyword: '2 Bedroom  Apartments',
    campaign: 'Fall-Promo',
    landingPage: 'https://Sunset.Example/?utm_term=2+bedroom&utm_campaign=fall',
    activePage: 'https://sunset.example/floorplans/2br/',
    referrer: 'https://www.google.com/search?q=sunset',
  },
};

interface Case {
  name: string;
  criterion: Criterion;
  caller: CallerContext;
  expected: boolean;
}

const cases: Case[] = [
  // first-time vs repeat
  {
    name: 'first_time holds for a first caller',
    criterion: { type: 'first_time' },
    caller: newCaller,
    expected: true,
  },
  {
    name: 'first_time fails for a repeat caller',
    criterion: { type: 'first_time' },
    caller: repeatCaller,
    expected: false,
  },
  {
    name: 'repeat holds for a repeat caller',
    criterion: { type: 'repeat' },
    caller: repeatCaller,
    expected: true,
  },
  {
    name: 'repeat fails for a first caller',
    criterion: { type: 'repeat' },
    caller: newCaller,
    expected: false,
  },

  // source is / is not, one of
  {
    name: 'source is one of (case-insensitive)',
    criterion: { type: 'source', op: 'is', values: ['Google', 'zillow '] },
    caller: newCaller,
    expected: true,
  },
  {
    name: 'source is: not in list',
    criterion: { type: 'source', op: 'is', values: ['Google'] },
    caller: newCaller,
    expected: false,
  },
  {
    name: 'source is_not: in list',
    criterion: { type: 'source', op: 'is_not', values: ['Zillow', 'Yelp'] },
    caller: newCaller,
    expected: false,
  },
  {
    name: 'source is_not: not in list',
    criterion: { type: 'source', op: 'is_not', values: ['Yelp'] },
    caller: newCaller,
    expected: true,
  },
  {
    name: 'source is: unknown source never matches',
    criterion: { type: 'source', op: 'is', values: ['Zillow'] },
    caller: { firstTime: true, priorCalls: 0 },
    expected: false,
  },
  {
    name: 'source is_not: unknown source is not from the list',
    criterion: { type: 'source', op: 'is_not', values: ['Zillow'] },
    caller: { firstTime: true, priorCalls: 0 },
    expected: true,
  },

  // previous call score and lead status
  {
    name: 'score at_least: equal counts',
    criterion: { type: 'previous_score', op: 'at_least', value: 80 },
    caller: repeatCaller,
    expected: true,
  },
  {
    name: 'score at_least: below fails',
    criterion: { type: 'previous_score', op: 'at_least', value: 81 },
    caller: repeatCaller,
    expected: false,
  },
  {
    name: 'score below: strictly below',
    criterion: { type: 'previous_score', op: 'below', value: 80 },
    caller: repeatCaller,
    expected: false,
  },
  {
    name: 'score below: holds',
    criterion: { type: 'previous_score', op: 'below', value: 90 },
    caller: repeatCaller,
    expected: true,
  },
  {
    name: 'score: no previous call never matches',
    criterion: { type: 'previous_score', op: 'below', value: 90 },
    caller: newCaller,
    expected: false,
  },
  {
    name: 'score: unscored previous call never matches',
    criterion: { type: 'previous_score', op: 'below', value: 90 },
    caller: { ...repeatCaller, previousCall: {} },
    expected: false,
  },
  {
    name: 'lead status good_lead',
    criterion: { type: 'previous_lead_status', value: 'good_lead' },
    caller: repeatCaller,
    expected: true,
  },
  {
    name: 'lead status not_a_lead fails for good lead',
    criterion: { type: 'previous_lead_status', value: 'not_a_lead' },
    caller: repeatCaller,
    expected: false,
  },
  {
    name: 'lead status not_scored: previous call without status',
    criterion: { type: 'previous_lead_status', value: 'not_scored' },
    caller: { ...repeatCaller, previousCall: { score: 10 } },
    expected: true,
  },
  {
    name: 'lead status not_scored: first-time caller has no previous call',
    criterion: { type: 'previous_lead_status', value: 'not_scored' },
    caller: newCaller,
    expected: false,
  },

  // session criteria: keyword and campaign (plain text)
  {
    name: 'keyword equals (case and spaces)',
    criterion: { type: 'keyword', op: 'equals', value: '2 bedroom apartments' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'keyword equals: different',
    criterion: { type: 'keyword', op: 'equals', value: '2 bedroom' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'keyword contains',
    criterion: { type: 'keyword', op: 'contains', value: 'BEDROOM' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'keyword starts_with',
    criterion: { type: 'keyword', op: 'starts_with', value: '2 bed' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'keyword starts_with: not a prefix',
    criterion: { type: 'keyword', op: 'starts_with', value: 'bedroom' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'keyword matches wildcard',
    criterion: { type: 'keyword', op: 'matches', value: '? bedroom*' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'keyword matches: whole text must match',
    criterion: { type: 'keyword', op: 'matches', value: 'bedroom*' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'keyword: blank pattern never matches',
    criterion: { type: 'keyword', op: 'contains', value: '  ' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'campaign equals',
    criterion: { type: 'campaign', op: 'equals', value: 'fall-promo' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'campaign contains',
    criterion: { type: 'campaign', op: 'contains', value: 'promo' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'campaign starts_with: no',
    criterion: { type: 'campaign', op: 'starts_with', value: 'spring' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'campaign matches',
    criterion: { type: 'campaign', op: 'matches', value: 'fall-*' },
    caller: poolCaller,
    expected: true,
  },

  // session criteria: URLs
  {
    name: 'landing page equals ignores host case, extra params',
    criterion: { type: 'landing_page', op: 'equals', value: 'https://sunset.example/' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'landing page equals with a required parameter',
    criterion: { type: 'landing_page', op: 'equals', value: 'https://sunset.example/?utm_campaign=FALL' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'landing page contains a parameter',
    criterion: { type: 'landing_page', op: 'contains', value: 'utm_campaign=fall' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'landing page starts_with',
    criterion: { type: 'landing_page', op: 'starts_with', value: 'sunset.example/?utm' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'landing page matches',
    criterion: { type: 'landing_page', op: 'matches', value: '*utm_campaign=f*' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'active page equals with trailing slash difference',
    criterion: { type: 'active_page', op: 'equals', value: 'https://sunset.example/floorplans/2br' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'active page equals: other page',
    criterion: { type: 'active_page', op: 'equals', value: 'https://sunset.example/floorplans' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'active page starts_with',
    criterion: { type: 'active_page', op: 'starts_with', value: 'https://sunset.example/floorplans' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'active page contains',
    criterion: { type: 'active_page', op: 'contains', value: '/2BR' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'active page matches',
    criterion: { type: 'active_page', op: 'matches', value: 'https://*.example/floorplans/*' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'referrer equals',
    criterion: { type: 'referrer', op: 'equals', value: 'https://WWW.GOOGLE.COM/search' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'referrer contains',
    criterion: { type: 'referrer', op: 'contains', value: 'google' },
    caller: poolCaller,
    expected: true,
  },
  {
    name: 'referrer starts_with',
    criterion: { type: 'referrer', op: 'starts_with', value: 'https://www.bing.com' },
    caller: poolCaller,
    expected: false,
  },
  {
    name: 'referrer matches',
    criterion: { type: 'referrer', op: 'matches', value: '*google.*' },
    caller: poolCaller,
    expected: true,
  },
];

// Until visitor sessions exist (and on every source-number call) these must never match.
const sessionCriteria: SessionCriterion[] = [
  { type: 'keyword', op: 'contains', value: 'bedroom' },
  { type: 'keyword', op: 'matches', value: '*' },
  { type: 'active_page', op: 'matches', value: '*' },
  { type: 'landing_page', op: 'contains', value: 'sunset' },
  { type: 'campaign', op: 'starts_with', value: 'f' },
  { type: 'referrer', op: 'matches', value: '*' },
];

describe('matchCriterion', () => {
  for (const c of cases) {
    test(c.name, () => assert.equal(matchCriterion(c.criterion, c.caller), c.expected));
  }
  for (const criterion of sessionCriteria) {
    test(`${criterion.type} ${criterion.op} "${criterion.value}" never matches without a session`, () => {
      assert.equal(matchCriterion(criterion, newCaller), false);
      assert.equal(matchCriterion(criterion, { ...repeatCaller, session: {} }), false);
    });
  }
});

describe('matchAllCriteria (AND)', () => {
  const table: Array<{ name: string; criteria: Criterion[]; caller: CallerContext; expected: boolean }> = [
    {
      name: 'all hold',
      criteria: [{ type: 'repeat' }, { type: 'source', op: 'is', values: ['google ads'] }],
      caller: repeatCaller,
      expected: true,
    },
    {
      name: 'one fails',
      criteria: [{ type: 'repeat' }, { type: 'source', op: 'is', values: ['Zillow'] }],
      caller: repeatCaller,
      expected: false,
    },
    { name: 'empty list never matches', criteria: [], caller: repeatCaller, expected: false },
  ];
  for (const c of table) test(c.name, () => assert.equal(matchAllCriteria(c.criteria, c.caller), c.expected));
});
