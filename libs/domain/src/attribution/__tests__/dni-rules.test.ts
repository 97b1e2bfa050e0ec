import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyVisit, matchDniRule, validateDniRules, type DniRule, type WebsiteVisit } from '../dni-rules';
import { STANDARD_SOURCES, standardSource } from '../standard-sources';

const site = 'https://sunset.example/';

describe('matchDniRule', () => {
  const cases: [string, DniRule, WebsiteVisit, boolean][] = [
    [
      'referrer on the domain',
      { kind: 'referrer_domain', domains: ['zillow.com'] },
      { landingUrl: site, referrer: 'https://www.zillow.com/homes/x' },
      true,
    ],
    [
      'referrer domain is case-insensitive',
      { kind: 'referrer_domain', domains: ['Zillow.com'] },
      { landingUrl: site, referrer: 'HTTPS://ZILLOW.COM/' },
      true,
    ],
    [
      'look-alike domain is not a subdomain',
      { kind: 'referrer_domain', domains: ['zillow.com'] },
      { landingUrl: site, referrer: 'https://notzillow.com/' },
      false,
    ],
    ['no referrer', { kind: 'referrer_domain', domains: ['zillow.com'] }, { landingUrl: site }, false],
    ['param present', { kind: 'query_param', param: 'gclid' }, { landingUrl: `${site}?gclid=abc` }, true],
    [
      'param absent',
      { kind: 'query_param', param: 'gclid' },
      { landingUrl: `${site}?utm_source=google` },
      false,
    ],
    [
      'param value, any case',
      { kind: 'query_param', param: 'utm_source', values: ['facebook'] },
      { landingUrl: `${site}?UTM_SOURCE=Facebook` },
      true,
    ],
    [
      'param other value',
      { kind: 'query_param', param: 'utm_source', values: ['facebook'] },
      { landingUrl: `${site}?utm_source=zillow` },
      false,
    ],
    ['direct: nothing at all', { kind: 'direct' }, { landingUrl: site }, true],
    [
      'direct: not with a referrer',
      { kind: 'direct' },
      { landingUrl: site, referrer: 'https://bing.com/' },
      false,
    ],
    [
      'direct: not with campaign tags',
      { kind: 'direct' },
      { landingUrl: `${site}?utm_campaign=fall` },
      false,
    ],
    ['any visit', { kind: 'any_visit' }, { landingUrl: site, referrer: 'https://x.example/' }, true],
  ];
  for (const [name, rule, visit, expected] of cases)
    test(name, () => assert.equal(matchDniRule(rule, visit), expected));
});

describe('the standard catalog classifies visits', () => {
  const byPriority = [...STANDARD_SOURCES].sort((a, b) => a.priority - b.priority);
  const cases: [string, WebsiteVisit, string][] = [
    [
      'an ad click arrives from Google with a gclid',
      { landingUrl: `${site}?gclid=Cj0K`, referrer: 'https://www.google.com/' },
      'google_ads',
    ],
    [
      'an organic Google result',
      { landingUrl: site, referrer: 'https://www.google.co.uk/' },
      'google_organic',
    ],
    ['a Microsoft ad', { landingUrl: `${site}?msclkid=9`, referrer: 'https://www.bing.com/' }, 'bing_ads'],
    ['organic Bing', { landingUrl: site, referrer: 'https://www.bing.com/search?q=x' }, 'bing_organic'],
    ['a Zillow listing link', { landingUrl: site, referrer: 'https://www.zillow.com/b/sunset' }, 'zillow'],
    ['a tagged Facebook post', { landingUrl: `${site}?utm_source=facebook&utm_medium=social` }, 'facebook'],
    [
      'Apartments.com by referrer',
      { landingUrl: site, referrer: 'https://www.apartments.com/sunset' },
      'apartments_com',
    ],
    ['typed in', { landingUrl: site }, 'direct'],
    ['some blog', { landingUrl: site, referrer: 'https://blog.example/best-apartments' }, 'website'],
  ];
  for (const [name, visit, key] of cases)
    test(name, () => assert.equal(classifyVisit(byPriority, visit)?.key, key));

  test('every standard source has a unique key and valid rules', () => {
    assert.equal(new Set(STANDARD_SOURCES.map((s) => s.key)).size, STANDARD_SOURCES.length);
    for (const s of STANDARD_SOURCES) assert.deepEqual(validateDniRules(s.dniRules).errors, [], s.key);
    assert.equal(standardSource('zillow')?.name, 'Zillow');
    assert.equal(standardSource('nope'), undefined);
  });
});

describe('classifyVisit precedence', () => {
  const byReferrer = {
    key: 'blogroll',
    dniRules: [{ kind: 'referrer_domain', domains: ['google.com'] }] as DniRule[],
  };
  const byTag = {
    key: 'spring',
    dniRules: [{ kind: 'query_param', param: 'utm_campaign', values: ['spring'] }] as DniRule[],
  };
  const always = { key: 'site', dniRules: [{ kind: 'any_visit' }] as DniRule[] };
  const visit = { landingUrl: `${site}?utm_campaign=spring`, referrer: 'https://www.google.com/' };

  test('a landing match beats a referrer match listed before it', () =>
    assert.equal(classifyVisit([byReferrer, byTag, always], visit)?.key, 'spring'));
  test('a referrer match beats the always-swap catch-all listed before it', () =>
    assert.equal(
      classifyVisit([always, byReferrer], { landingUrl: site, referrer: 'https://google.com/' })?.key,
      'blogroll',
    ));
  test('equal strength goes to the earlier source', () => {
    const other = { key: 'other', dniRules: byTag.dniRules };
    assert.equal(classifyVisit([other, byTag], visit)?.key, 'other');
  });
  test('no match at all is null', () => assert.equal(classifyVisit([byTag], { landingUrl: site }), null));
});

describe('validateDniRules', () => {
  test('names each bad rule field', () => {
    const r = validateDniRules([
      { kind: 'referrer_domain', domains: [] },
      { kind: 'query_param', param: 'bad name' },
      { kind: 'weird' },
      { kind: 'direct' },
    ]);
    assert.deepEqual(
      r.errors.map((e) => e.path),
      ['[0].domains', '[1].param', '[2].kind'],
    );
  });
  test('refuses a non-list', () => assert.equal(validateDniRules({}).errors.length, 1));
});
