import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExpectations, isSubsequence, type ObservedCall } from '../expectations';

const observed: ObservedCall = {
  outcome: 'answered',
  answered_by: '+13125550111',
  path: ['greeting', 'forward', 'connected'],
  commands: ['answer', 'speak', 'dial', 'bridge', 'hangup'],
  recorded: false,
  source: 'Zillow',
};

describe('scenario expectations', () => {
  it('matches command subsequences in order only', () => {
    assert.ok(isSubsequence(['answer', 'dial'], observed.commands));
    assert.ok(!isSubsequence(['dial', 'answer'], observed.commands));
    assert.ok(!isSubsequence(['answer', 'reject'], observed.commands));
  });

  it('passes when every given key holds and reports each failing key with both values', () => {
    assert.deepEqual(
      checkExpectations({ outcome: 'answered', path: ['greeting', 'forward', 'connected'] }, observed),
      [],
    );
    assert.deepEqual(checkExpectations({ outcome: 'voicemail', answered_by: null }, observed), [
      { key: 'outcome', expected: 'voicemail', actual: 'answered' },
      { key: 'answered_by', expected: null, actual: '+13125550111' },
    ]);
  });

  it('compares the disclosure with the record, and fails it on a record that does not say', () => {
    assert.deepEqual(checkExpectations({ disclosure: 'played' }, { ...observed, disclosure: 'played' }), []);
    assert.deepEqual(checkExpectations({ disclosure: null }, { ...observed, disclosure: 'not_played' }), [
      { key: 'disclosure', expected: null, actual: 'not_played' },
    ]);
    assert.deepEqual(
      checkExpectations({ disclosure: null }, observed).map((f) => f.key),
      ['disclosure'],
    );
  });

  it('finds timeline entries by how they begin, in order, with others between', () => {
    const timeline = [
      'Call from +13125550100 to +13125550199',
      'Recording disclosure played (2 s)',
      'Caller bridged with Ann',
      'Recording started',
    ];
    const o = { ...observed, timeline };
    assert.deepEqual(
      checkExpectations({ timeline: ['Recording disclosure played', 'Recording started'] }, o),
      [],
    );
    assert.deepEqual(
      checkExpectations({ timeline: ['Recording started', 'Recording disclosure played'] }, o),
      [{ key: 'timeline', expected: ['Recording started', 'Recording disclosure played'], actual: timeline }],
    );
    assert.deepEqual(
      checkExpectations({ timeline: ['Recording started'] }, observed).map((f) => f.key),
      ['timeline'],
    );
  });

  it('never passes an attribution field the record does not carry', () => {
    const f = checkExpectations(
      { attribution: { source: 'Zillow', campaign: 'fall', first_time: true } },
      observed,
    );
    assert.deepEqual(
      f.map((x) => x.key),
      ['attribution.campaign', 'attribution.first_time'],
    );
  });

  it('compares campaign, keyword and first-time with the record', () => {
    const o = { ...observed, campaign: 'fall', keyword: 'pet friendly', first_time: false };
    assert.deepEqual(
      checkExpectations({ attribution: { campaign: 'fall', keyword: 'pet friendly', first_time: false } }, o),
      [],
    );
  });

  it('compares score, lead status, voicemail box, flow version and the visit with the record', () => {
    const o: ObservedCall = {
      ...observed,
      score: 80,
      lead_status: 'good_lead',
      voicemail_box: null,
      flow_version: 2,
      landing_page: 'https://a.example/?utm_source=google',
      active_page: 'https://a.example/plans',
      referrer: null,
    };
    assert.deepEqual(
      checkExpectations(
        {
          score: 80,
          lead_status: 'good_lead',
          voicemail_box: null,
          flow_version: 2,
          attribution: { landing_page: 'https://a.example/?utm_source=google', referrer: null },
        },
        o,
      ),
      [],
    );
    assert.deepEqual(
      checkExpectations({ flow_version: 1, attribution: { active_page: 'https://a.example/' } }, o),
      [
        { key: 'flow_version', expected: 1, actual: 2 },
        { key: 'attribution.active_page', expected: 'https://a.example/', actual: 'https://a.example/plans' },
      ],
    );
    // A record that does not carry a field never passes an expectation of it, not even null.
    assert.deepEqual(
      checkExpectations({ score: null }, observed).map((f) => f.key),
      ['score'],
    );
  });
});
