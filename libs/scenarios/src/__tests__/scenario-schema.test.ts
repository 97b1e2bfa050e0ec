import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scenarioSchemaIssues } from '../schemas';

const scenario = {
  name: 'forwarding',
  config: {
    property: { name: 'Sunset Apartments', time_zone: 'America/Chicago' },
    sources: [{ name: 'Zillow' }],
    numbers: [{ number: '+13125550199', source: 'Zillow', forward_to: '+13125550111' }],
  },
  calls: [{ name: 'answered', from: '+13125550100', to: '+13125550199', expect: { outcome: 'answered' } }],
};

describe('the scenario schema', () => {
  it('ships beside the compiled library', () => {
    assert.ok(existsSync(path.join(__dirname, '..', 'scenario.schema.json')));
  });

  it('takes a scenario with its bundle inline or by path', () => {
    assert.deepEqual(scenarioSchemaIssues(scenario), []);
    assert.deepEqual(scenarioSchemaIssues({ ...scenario, config: './bundles/x.json' }), []);
  });

  it("checks an inline bundle against the bundle's schema", () => {
    const issues = scenarioSchemaIssues({ ...scenario, config: { ...scenario.config, numbers: [{}] } });
    assert.ok(issues.some((i) => i.path === 'config.numbers[0].number' && i.message === 'is required'));
  });
});

describe('forms and conversions in the scenario schema', () => {
  const formOnly = {
    name: 'a form alone',
    call: false,
    visitor: { form: { name: 'contact', fields: { email: 'ann@example.com' } } },
    expect: { form: { stored: true, conversions: [{ rule: 'contact_form', status: 'delivered' }] } },
  };

  it('takes an entry that only sends a form, without from and to', () => {
    assert.deepEqual(scenarioSchemaIssues({ ...scenario, calls: [formOnly] }), []);
  });

  it('still asks a call for from and to', () => {
    const issues = scenarioSchemaIssues({ ...scenario, calls: [{ ...formOnly, call: true }] });
    assert.ok(issues.some((i) => i.path === 'calls[0].from' && i.message === 'is required'));
    assert.ok(issues.some((i) => i.path === 'calls[0].to' && i.message === 'is required'));
  });

  it('takes conversion destinations and rules, and refuses a rule without its condition', () => {
    const conversions = {
      destinations: [
        { name: 'GA4', platform: 'ga4', config: { measurementId: 'G-ABCD1234', apiSecret: 's' } },
      ],
      rules: [{ name: 'call', currency: 'USD', when: { leadKind: 'call' }, destinations: ['GA4'] }],
    };
    assert.deepEqual(scenarioSchemaIssues({ ...scenario, conversions }), []);
    const issues = scenarioSchemaIssues({
      ...scenario,
      conversions: { ...conversions, rules: [{ ...conversions.rules[0], when: {} }] },
    });
    assert.ok(
      issues.some((i) => i.path === 'conversions.rules[0].when.leadKind'),
      JSON.stringify(issues),
    );
  });

  it('refuses a conversion expectation of an unknown status', () => {
    const issues = scenarioSchemaIssues({
      ...scenario,
      calls: [{ ...formOnly, expect: { form: { conversions: [{ rule: 'r', status: 'sent' }] } } }],
    });
    assert.ok(issues.some((i) => i.path.startsWith('calls[0].expect.form.conversions[0].status')));
  });
});
