import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  effectiveRetention,
  historyRetentionDays,
  KEEP_EVERYTHING,
  NO_OVERRIDES,
  retentionCutoff,
  retentionCutoffs,
  retentionOverridesOf,
  retentionPolicyOf,
  validateRetentionOverrides,
  validateRetentionPolicy,
} from '../retention-policy';

const problems = (r: { errors: { path: string; message: string }[] }) =>
  r.errors.map((e) => `${e.path}: ${e.message}`);

test('a policy of whole days from 1 to 3650, nulls and left-out categories is valid', () => {
  assert.deepEqual(problems(validateRetentionPolicy({ recordings: 1, voicemail: 3650, texts: null })), []);
  assert.deepEqual(problems(validateRetentionPolicy({})), []);
});

test('each bad period is named by its category, and unknown keys too', () => {
  assert.deepEqual(
    problems(
      validateRetentionPolicy({
        recordings: 0,
        voicemail: 3651,
        transcripts: 1.5,
        texts: '30',
        emails: 'forever',
        colour: 3,
      }),
    ),
    [
      'recordings: must be a whole number of days from 1 to 3650 or null',
      'voicemail: must be a whole number of days from 1 to 3650 or null',
      'transcripts: must be a whole number of days from 1 to 3650 or null',
      'texts: must be a whole number of days from 1 to 3650 or null',
      'emails: must be a whole number of days from 1 to 3650 or null',
      'colour: is not a retention category (recordings, voicemail, transcripts, texts, emails, forms, callerData)',
    ],
  );
});

test('a policy must be an object', () => {
  for (const bad of [null, [], 30, 'x'])
    assert.deepEqual(problems(validateRetentionPolicy(bad)), [': must be an object of categories']);
});

test('overrides also take "forever", and nothing else beyond the policy’s values', () => {
  assert.deepEqual(
    problems(validateRetentionOverrides({ recordings: 'forever', voicemail: 7, texts: null })),
    [],
  );
  assert.deepEqual(problems(validateRetentionOverrides({ forms: 'always', callerData: -1 })), [
    'forms: must be a whole number of days from 1 to 3650 or null (the account\'s period), or "forever"',
    'callerData: must be a whole number of days from 1 to 3650 or null (the account\'s period), or "forever"',
  ]);
});

test('left-out categories become null: kept (policy) or the account’s (overrides)', () => {
  assert.deepEqual(retentionPolicyOf({ recordings: 30 }), { ...KEEP_EVERYTHING, recordings: 30 });
  assert.deepEqual(retentionOverridesOf({ texts: 'forever' }), { ...NO_OVERRIDES, texts: 'forever' });
});

test('the effective policy: an override wins, "forever" keeps, null falls back to the account', () => {
  const account = retentionPolicyOf({ recordings: 90, voicemail: 30, transcripts: 60, callerData: 365 });
  const overrides = retentionOverridesOf({ recordings: 7, voicemail: 'forever', texts: 14 });
  assert.deepEqual(effectiveRetention(account, overrides), {
    recordings: 7,
    voicemail: null,
    transcripts: 60,
    texts: 14,
    emails: null,
    forms: null,
    callerData: 365,
  });
  assert.deepEqual(effectiveRetention(account, NO_OVERRIDES), account);
  assert.deepEqual(effectiveRetention(KEEP_EVERYTHING, NO_OVERRIDES), KEEP_EVERYTHING);
});

test('a cutoff is whole 24-hour days back from now; a kept category has none', () => {
  const now = '2026-03-10T03:00:00.000Z';
  assert.equal(retentionCutoff(now, 1), '2026-03-09T03:00:00.000Z');
  // Across a DST change in America: still 24-hour days, not local calendar days.
  assert.equal(retentionCutoff(now, 30), '2026-02-08T03:00:00.000Z');
  assert.equal(retentionCutoff(now, null), null);
  assert.equal(retentionCutoff(Date.parse(now), 3650), '2016-03-12T03:00:00.000Z');
  const all = retentionCutoffs(now, retentionPolicyOf({ emails: 2 }));
  assert.equal(all.emails, '2026-03-08T03:00:00.000Z');
  assert.equal(all.recordings, null);
  assert.throws(() => retentionCutoff('not a time', 1), RangeError);
});

test('Temporal history retention: the shortest caller-data period, else the fallback', () => {
  assert.equal(historyRetentionDays([null, 30, 7, null], 3), 7);
  assert.equal(historyRetentionDays([null, null], 3), 3);
  assert.equal(historyRetentionDays([], null), null);
  assert.equal(historyRetentionDays([1], null), 1);
});
