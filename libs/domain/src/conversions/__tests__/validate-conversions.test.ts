import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateConversionDestination, validateConversionRule } from '../validate-conversions';

const fields = (r: { errors: readonly { path: string }[] }) => r.errors.map((e) => e.path);

const GOOD_RULE = {
  name: 'Qualified call',
  value: 50,
  currency: 'USD',
  when: { leadKind: 'call', answered: true, talkSecondsAtLeast: 60 },
  destinationIds: ['d1'],
};

test('a well-formed call rule and form rule pass', () => {
  assert.deepEqual(fields(validateConversionRule(GOOD_RULE)), []);
  assert.deepEqual(
    fields(
      validateConversionRule({
        name: 'Tour form',
        value: null,
        currency: 'EUR',
        when: { leadKind: 'form', formNameIn: ['Tour'] },
        destinationIds: [],
      }),
    ),
    [],
  );
});

test('each bad field of a rule is named', () => {
  const r = validateConversionRule({
    name: '',
    value: -1,
    currency: 'usd',
    when: { leadKind: 'call', talkSecondsAtLeast: 1.5, leadStatus: 'great', sourceIn: [], formNameIn: ['x'] },
    destinationIds: ['ok', 7],
    enabled: 'yes',
  });
  assert.deepEqual(fields(r).sort(), [
    'currency',
    'destinationIds[1]',
    'enabled',
    'name',
    'value',
    'when.formNameIn',
    'when.leadStatus',
    'when.sourceIn',
    'when.talkSecondsAtLeast',
  ]);
  assert.match(r.errors.find((e) => e.path === 'when.formNameIn')!.message, /not a call condition/);
});

test('a rule needs a lead kind, and form rules take no call conditions', () => {
  assert.deepEqual(fields(validateConversionRule({ ...GOOD_RULE, when: { answered: true } })), [
    'when.leadKind',
  ]);
  assert.deepEqual(
    fields(validateConversionRule({ ...GOOD_RULE, when: { leadKind: 'form', answered: true } })),
    ['when.answered'],
  );
  assert.deepEqual(fields(validateConversionRule({ ...GOOD_RULE, when: null })), ['when']);
  assert.deepEqual(fields(validateConversionRule('rule')), ['']);
});

test('Google Ads: 10-digit customer id, credentials in api mode, none needed in csv mode', () => {
  const api = {
    platform: 'google_ads',
    name: 'Ads',
    config: {
      customerId: '1234567890',
      conversionActionId: '987',
      developerToken: 'dev',
      accessToken: 'ya29.x',
    },
  };
  assert.deepEqual(fields(validateConversionDestination(api)), []);
  assert.deepEqual(
    fields(validateConversionDestination({ ...api, config: { ...api.config, customerId: '123-456-7890' } })),
    ['config.customerId'],
  );
  assert.deepEqual(
    fields(validateConversionDestination({ ...api, config: { customerId: '1234567890' } })).sort(),
    ['config.accessToken', 'config.conversionActionId', 'config.developerToken'],
  );
  assert.deepEqual(fields(validateConversionDestination({ ...api, config: { mode: 'csv' } })), []);
  assert.deepEqual(
    fields(validateConversionDestination({ ...api, config: { ...api.config, mode: 'fax' } })),
    ['config.mode'],
  );
});

test('GA4 needs a G- measurement id and an api secret; Meta a numeric pixel id and a token', () => {
  assert.deepEqual(
    fields(
      validateConversionDestination({
        platform: 'ga4',
        name: 'GA',
        config: { measurementId: 'UA-1', apiSecret: 's' },
      }),
    ),
    ['config.measurementId'],
  );
  assert.deepEqual(
    fields(
      validateConversionDestination({ platform: 'ga4', name: 'GA', config: { measurementId: 'G-ABC123' } }),
    ),
    ['config.apiSecret'],
  );
  assert.deepEqual(
    fields(
      validateConversionDestination({
        platform: 'meta',
        name: 'FB',
        config: { pixelId: 'px', accessToken: 't', foo: 1 },
      }),
    ).sort(),
    ['config.foo', 'config.pixelId'],
  );
  assert.deepEqual(fields(validateConversionDestination({ platform: 'bing', name: 'B', config: {} })), [
    'platform',
  ]);
  assert.deepEqual(fields(validateConversionDestination({ platform: 'meta', name: '', config: 3 })), [
    'name',
    'config',
  ]);
});
