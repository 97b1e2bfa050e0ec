import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversionSetupIssues } from '../apply-conversions';
import {
  checkExpectations,
  checkFormOnly,
  conversionsMatch,
  type ObservedCall,
  type ObservedConversion,
} from '../expectations';
import { journeyLabels } from '../lead-records';
import { formControls } from '../visitor-form';

const delivered = (rule: string, destination: string): ObservedConversion => ({
  rule,
  destination,
  status: 'delivered',
  code: null,
});

describe('conversion expectations', () => {
  const seen = [delivered('qualified_call', 'Google Ads'), delivered('qualified_call', 'GA4')];

  it('hold for the same deliveries in any order', () => {
    assert.equal(
      conversionsMatch(
        [
          { rule: 'qualified_call', destination: 'GA4', status: 'delivered' },
          { rule: 'qualified_call', destination: 'Google Ads', status: 'delivered', code: null },
        ],
        seen,
      ),
      true,
    );
  });

  it('fail for a missing, an extra or a different delivery', () => {
    assert.equal(conversionsMatch([{ rule: 'qualified_call', status: 'delivered' }], seen), false);
    assert.equal(conversionsMatch([], seen), false);
    assert.equal(
      conversionsMatch(
        [
          { rule: 'qualified_call', status: 'delivered' },
          { rule: 'qualified_call', destination: 'GA4', status: 'rejected' },
        ],
        seen,
      ),
      false,
    );
    assert.equal(
      conversionsMatch(
        [{ rule: 'contact_form', status: 'rejected', code: 'invalid_click_id' }],
        [{ rule: 'contact_form', destination: 'Google Ads', status: 'rejected', code: 'too_old' }],
      ),
      false,
    );
  });

  it('pair an expectation without a destination with whichever delivery is left', () => {
    // The first expectation fits both deliveries: taking Google Ads for it must not fail the second.
    assert.equal(
      conversionsMatch(
        [
          { rule: 'qualified_call', status: 'delivered' },
          { rule: 'qualified_call', destination: 'Google Ads', status: 'delivered' },
        ],
        seen,
      ),
      true,
    );
  });

  it("[] holds only for a lead that earned nothing, and a call's conversions fail loudly when unread", () => {
    assert.equal(conversionsMatch([], []), true);
    const call: ObservedCall = {
      outcome: 'answered',
      answered_by: null,
      path: [],
      commands: [],
      recorded: false,
      source: null,
    };
    assert.deepEqual(checkExpectations({ conversions: [] }, call), [
      { key: 'conversions', expected: [], actual: 'not recorded by this version of Switchboard' },
    ]);
    assert.deepEqual(checkExpectations({ conversions: [] }, { ...call, conversions: [] }), []);
  });
});

describe('form expectations', () => {
  const form = {
    stored: true,
    id: 'f1',
    source: 'Google Ads',
    name: 'Ann Lee',
    phone: '+17735550301',
    email: null,
    message: null,
    journey: ['form: Ann'],
    conversions: [delivered('contact_form', 'Google Ads')],
  };

  it('hold for what the form log shows', () => {
    assert.deepEqual(
      checkFormOnly(
        {
          form: {
            stored: true,
            source: 'Google Ads',
            name: 'Ann Lee',
            email: null,
            journey: ['form: Ann'],
            conversions: [{ rule: 'contact_form', status: 'delivered' }],
          },
        },
        form,
      ),
      [],
    );
  });

  it('fail, naming the key, when the form was refused or never sent', () => {
    assert.deepEqual(
      checkFormOnly({ form: { stored: true, source: 'Google Ads' } }, { stored: false, refused: 'HTTP 403' }),
      [
        { key: 'form.stored', expected: true, actual: false },
        { key: 'form.source', expected: 'Google Ads', actual: 'form not stored' },
      ],
    );
    assert.deepEqual(checkFormOnly({ form: { stored: true } }, undefined), [
      { key: 'form.stored', expected: true, actual: 'no form sent (visitor.form)' },
    ]);
  });

  it('fail for call expectations of an entry that places no call', () => {
    assert.deepEqual(
      checkFormOnly({ outcome: 'answered', form: { stored: true } }, form).map((f) => f.key),
      ['outcome'],
    );
  });

  it("a call's expect.form is the form sent before it", () => {
    const call: ObservedCall = {
      outcome: 'answered',
      answered_by: null,
      path: [],
      commands: [],
      recorded: false,
      source: null,
    };
    assert.deepEqual(checkExpectations({ form: { name: 'Ann Lee' } }, { ...call, form }), []);
    assert.deepEqual(checkExpectations({ form: { name: 'Bob' } }, { ...call, form }), [
      { key: 'form.name', expected: 'Bob', actual: 'Ann Lee' },
    ]);
  });
});

describe('the conversion setup of a scenario', () => {
  const destinations = [
    { name: 'Google Ads', platform: 'google_ads' as const, config: {} },
    { name: 'GA4', platform: 'ga4' as const, config: {} },
  ];
  const rule = {
    name: 'qualified_call',
    currency: 'USD',
    when: { leadKind: 'call' as const },
    destinations: ['GA4'],
  };

  it('is fine when names are unique and rules name its destinations', () => {
    assert.deepEqual(conversionSetupIssues({ destinations, rules: [rule] }), []);
    assert.deepEqual(conversionSetupIssues(undefined), []);
  });

  it('names a repeated name and an unknown destination', () => {
    assert.deepEqual(
      conversionSetupIssues({
        destinations: [...destinations, destinations[1]],
        rules: [rule, { ...rule, destinations: ['GA4', 'Meta'] }],
      }),
      [
        'conversions.destinations[2].name "GA4" is used twice',
        'conversions.rules[1].name "qualified_call" is used twice',
        'conversions.rules[1].destinations[1] "Meta" is not one of conversions.destinations',
      ],
    );
  });
});

describe("a visitor's form as the page's controls", () => {
  it('types each field as a contact form would, in order', () => {
    assert.deepEqual(
      formControls({ first_name: 'Ann', phone: '773 555 0301', Email: 'a@b.c', message: 'Hi', unit: '4B' }),
      [
        { name: 'first_name', type: 'text', value: 'Ann' },
        { name: 'phone', type: 'tel', value: '773 555 0301' },
        { name: 'Email', type: 'email', value: 'a@b.c' },
        { name: 'message', type: 'textarea', value: 'Hi' },
        { name: 'unit', type: 'text', value: '4B' },
      ],
    );
  });
});

describe("a journey in the scenario's words", () => {
  it("labels the run's own contacts and shows others by id", () => {
    const labels = new Map([
      ['f1', 'form: Ann'],
      ['c1', 'call: Ann calls'],
    ]);
    assert.deepEqual(
      journeyLabels(
        [
          { kind: 'form', id: 'f1' },
          { kind: 'call', id: 'c0' },
          { kind: 'call', id: 'c1' },
        ],
        labels,
      ),
      ['form: Ann', 'call: c0', 'call: Ann calls'],
    );
  });
});
