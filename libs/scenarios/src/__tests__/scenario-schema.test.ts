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
