import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clickIdsFromUrl, gaClientIdFromCookie } from '../click-ids';

describe('clickIdsFromUrl', () => {
  test('reads every click id the platforms use from the query string', () => {
    assert.deepEqual(
      clickIdsFromUrl(
        'https://x.test/a?utm_source=g&gclid=Cj0K%2Fx&gbraid=0AAA&wbraid=Cl&fbclid=IwAR&msclkid=9f#top',
      ),
      { gclid: 'Cj0K/x', gbraid: '0AAA', wbraid: 'Cl', fbclid: 'IwAR', msclkid: '9f' },
    );
  });
  test('keeps the first of a repeated id and skips empty or over-long values', () => {
    assert.deepEqual(clickIdsFromUrl(`https://x.test/?gclid=&gclid=a&gclid=b&msclkid=${'x'.repeat(600)}`), {
      gclid: 'a',
    });
  });
  test('has nothing for a URL without a query, or none at all', () => {
    assert.deepEqual(clickIdsFromUrl('https://x.test/#gclid=a'), {});
    assert.deepEqual(clickIdsFromUrl(null), {});
  });
});

describe('gaClientIdFromCookie', () => {
  test('takes the client id out of a _ga cookie', () => {
    assert.equal(gaClientIdFromCookie('GA1.1.1234567890.1700000000'), '1234567890.1700000000');
    assert.equal(gaClientIdFromCookie('GA1.2.55.66'), '55.66');
  });
  test('refuses anything else', () => {
    assert.equal(gaClientIdFromCookie('garbage'), null);
    assert.equal(gaClientIdFromCookie(undefined), null);
  });
});
