import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPrivacyExpectations, type ObservedPrivacy } from '../expectations';
import { privacySetupIssues } from '../privacy-requests';
import { scenarioSchemaIssues } from '../schemas';

const scenario = {
  name: 'erasure',
  config: './bundles/x.json',
  calls: [{ name: 'Dana calls', from: '+16125550301', to: '+16125550150' }],
};

const done: ObservedPrivacy = {
  erasure: { id: 'e1', status: 'done', counts: { recordings: 2, calls: 2, texts: 0 }, error: null },
};

describe('privacy requests in the scenario schema', () => {
  it('takes an erasure by phone or by email, with its expectations', () => {
    const privacy = [
      {
        erase: { phone: '+16125550301' },
        expect: { removed: { calls: 2, recordings: 1 }, export_empty: true, next_call_first_time: true },
      },
      { name: 'by address', erase: { email: 'dana@example.com' } },
    ];
    assert.deepEqual(scenarioSchemaIssues({ ...scenario, privacy }), []);
  });

  it('names the path of a bad number, of both subjects at once and of an unknown kind', () => {
    const issues = scenarioSchemaIssues({
      ...scenario,
      privacy: [
        { erase: { phone: '612 555' } },
        { erase: { phone: '+16125550301', email: 'dana@example.com' } },
        { erase: {} },
        { erase: { phone: '+16125550301' }, expect: { removed: { voicemails: 1 } } },
      ],
    });
    const paths = issues.map((i) => i.path);
    assert.ok(paths.includes('privacy[0].erase.phone'), JSON.stringify(issues));
    assert.ok(paths.includes('privacy[1].erase'), JSON.stringify(issues));
    assert.ok(paths.includes('privacy[2].erase'), JSON.stringify(issues));
    assert.ok(
      paths.some((p) => p.startsWith('privacy[3].expect.removed')),
      JSON.stringify(issues),
    );
  });

  it('asks a new call after the erasure for a number that called in the scenario', () => {
    const ask = (erase: object) => ({
      ...scenario,
      privacy: [{ erase, expect: { next_call_first_time: true } }],
    });
    assert.deepEqual(privacySetupIssues(ask({ phone: '+16125550301' })), []);
    const stranger = privacySetupIssues(ask({ phone: '+16125550399' }));
    const address = privacySetupIssues(ask({ email: 'dana@example.com' }));
    for (const issues of [stranger, address]) {
      assert.equal(issues.length, 1);
      assert.match(issues[0], /^privacy\[0\]\.expect\.next_call_first_time /);
    }
  });
});

describe('privacy request expectations', () => {
  it('passes an erasure done with the counts named, and leaves other kinds unchecked', () => {
    assert.deepEqual(checkPrivacyExpectations({ removed: { calls: 2, recordings: 2 } }, done), []);
  });

  it('fails a count that differs, a kind not reported and an erasure that did not end done', () => {
    assert.deepEqual(checkPrivacyExpectations({ removed: { calls: 1, histories: 2 } }, done), [
      { key: 'removed.calls', expected: 1, actual: 2 },
      { key: 'removed.histories', expected: 2, actual: 'not reported (histories not done)' },
    ]);
    const failed = { ...done, erasure: { ...done.erasure, status: 'failed', error: 'gave up waiting' } };
    assert.deepEqual(checkPrivacyExpectations(undefined, failed), [
      { key: 'status', expected: 'done', actual: 'failed: gave up waiting' },
    ]);
  });

  it('holds the export and the next call to what was observed', () => {
    const empty = { calls: 0, voicemails: 0, forms: 0 };
    const seen: ObservedPrivacy = { ...done, export: empty, next_call: { id: 'c9', first_time: true } };
    assert.deepEqual(checkPrivacyExpectations({ export_empty: true, next_call_first_time: true }, seen), []);
    const kept: ObservedPrivacy = {
      ...done,
      export: { ...empty, calls: 2 },
      next_call: { first_time: false },
    };
    assert.deepEqual(checkPrivacyExpectations({ export_empty: true, next_call_first_time: true }, kept), [
      { key: 'export_empty', expected: true, actual: { ...empty, calls: 2 } },
      { key: 'next_call_first_time', expected: true, actual: false },
    ]);
    // Not asked, not observed: an expectation of it never passes.
    assert.equal(checkPrivacyExpectations({ export_empty: false }, done)[0].key, 'export_empty');
  });
});
