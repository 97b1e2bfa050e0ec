import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallLeadFacts, ConversionRule, FormLeadFacts } from '../conversion-model';
import { conversionConditionHolds, conversionKey, conversionsToProduce } from '../produce-conversions';

const rule = (over: Partial<ConversionRule> & Pick<ConversionRule, 'when'>): ConversionRule => ({
  id: 'r-talked',
  name: 'Qualified call',
  value: 50,
  currency: 'USD',
  destinationIds: ['d-ads'],
  enabled: true,
  ...over,
});

const call = (over: Partial<CallLeadFacts> = {}): CallLeadFacts => ({
  kind: 'call',
  id: 'call-1',
  answered: true,
  talkSeconds: 75,
  leadStatus: 'not_scored',
  firstTime: true,
  source: 'Google Ads',
  ...over,
});

const form = (formName: string | null): FormLeadFacts => ({ kind: 'form', id: 'form-1', formName });

test('"answered and talked at least 60 s" counts a 75 s answered call and not a 59 s one', () => {
  const talked = rule({ when: { leadKind: 'call', answered: true, talkSecondsAtLeast: 60 } });
  const [c] = conversionsToProduce([talked], call());
  assert.equal(c.name, 'Qualified call');
  assert.equal(c.value, 50);
  assert.equal(c.currency, 'USD');
  assert.deepEqual(c.destinationIds, ['d-ads']);
  assert.equal(c.key, 'r-talked/call/call-1');
  assert.deepEqual(conversionsToProduce([talked], call({ talkSeconds: 59 })), []);
  assert.deepEqual(conversionsToProduce([talked], call({ answered: false, talkSeconds: 0 })), []);
});

test('a call rule reads the lead status, first-time caller and source', () => {
  assert.equal(conversionConditionHolds({ leadKind: 'call', leadStatus: 'good_lead' }, call()), false);
  assert.equal(
    conversionConditionHolds(
      { leadKind: 'call', leadStatus: 'good_lead' },
      call({ leadStatus: 'good_lead' }),
    ),
    true,
  );
  assert.equal(
    conversionConditionHolds({ leadKind: 'call', firstTime: true }, call({ firstTime: false })),
    false,
  );
  // An unknown caller history is neither first nor repeat.
  assert.equal(
    conversionConditionHolds({ leadKind: 'call', firstTime: false }, call({ firstTime: null })),
    false,
  );
  assert.equal(conversionConditionHolds({ leadKind: 'call', sourceIn: ['google ads'] }, call()), true);
  assert.equal(conversionConditionHolds({ leadKind: 'call', sourceIn: ['Bing'] }, call()), false);
  assert.equal(
    conversionConditionHolds({ leadKind: 'call', sourceIn: ['Bing'] }, call({ source: null })),
    false,
  );
});

test('form rules count any form, or the named ones; call and form rules never cross', () => {
  assert.equal(conversionConditionHolds({ leadKind: 'form' }, form(null)), true);
  assert.equal(
    conversionConditionHolds({ leadKind: 'form', formNameIn: ['Tour request'] }, form('tour REQUEST')),
    true,
  );
  assert.equal(
    conversionConditionHolds({ leadKind: 'form', formNameIn: ['Tour request'] }, form('Newsletter')),
    false,
  );
  assert.equal(
    conversionConditionHolds({ leadKind: 'form', formNameIn: ['Tour request'] }, form(null)),
    false,
  );
  assert.equal(conversionConditionHolds({ leadKind: 'form' }, call()), false);
  assert.equal(conversionConditionHolds({ leadKind: 'call' }, form('Tour request')), false);
});

test('each enabled matching rule gives one conversion, a rule listed twice still one, a disabled rule none', () => {
  const a = rule({ id: 'a', when: { leadKind: 'call', answered: true }, destinationIds: ['d1', 'd1', 'd2'] });
  const b = rule({ id: 'b', name: 'Any call', value: null, when: { leadKind: 'call' } });
  const off = rule({ id: 'off', when: { leadKind: 'call' }, enabled: false });
  const got = conversionsToProduce([a, b, a, off], call());
  assert.deepEqual(
    got.map((c) => [c.ruleId, c.value]),
    [
      ['a', 50],
      ['b', null],
    ],
  );
  assert.deepEqual(got[0].destinationIds, ['d1', 'd2']);
});

test('the dedup key is the rule, the lead kind and the lead: the same for every producer', () => {
  assert.equal(conversionKey('r1', 'call', 'c1'), conversionKey('r1', 'call', 'c1'));
  assert.notEqual(conversionKey('r1', 'call', 'x'), conversionKey('r1', 'form', 'x'));
  assert.notEqual(conversionKey('r1', 'call', 'c1'), conversionKey('r2', 'call', 'c1'));
  const r = rule({ when: { leadKind: 'call' } });
  assert.equal(
    conversionsToProduce([r], call())[0].key,
    conversionsToProduce([r], call({ talkSeconds: 5 }))[0].key,
  );
});
