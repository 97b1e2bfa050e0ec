import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TextOperator } from '../criterion-model';
import { matchUrl } from '../text-match';
import { normalizeUrl } from '../url-normalize';
import { wildcardMatch } from '../wildcard';

describe('matchUrl (URL-aware page matching)', () => {
  const cases: Array<[TextOperator, string, string, boolean, string]> = [
    [
      'equals',
      'https://Sunset.Example/Floorplans/',
      'https://sunset.example/floorplans',
      true,
      'host case and trailing slash',
    ],
    [
      'equals',
      'HTTPS://sunset.example/floorplans',
      'https://sunset.example/floorplans/',
      true,
      'scheme case',
    ],
    [
      'equals',
      'https://sunset.example/floorplans',
      'http://sunset.example/floorplans',
      false,
      'different scheme when the pattern names one',
    ],
    [
      'equals',
      'sunset.example/floorplans',
      'http://sunset.example/floorplans',
      true,
      'no scheme in pattern: any scheme',
    ],
    [
      'equals',
      'https://sunset.example/?a=1&b=2',
      'https://sunset.example/?b=2&a=1',
      true,
      'query parameter order',
    ],
    [
      'equals',
      'https://sunset.example/?a=1',
      'https://sunset.example/?b=2&a=1&utm_source=x',
      true,
      'extra parameters ignored',
    ],
    [
      'equals',
      'https://sunset.example/?a=1',
      'https://sunset.example/?a=2',
      false,
      'parameter value differs',
    ],
    [
      'equals',
      'https://sunset.example/?q=two%20bed',
      'https://sunset.example/?q=two bed',
      true,
      'percent-escapes decoded',
    ],
    ['equals', '/floorplans', 'https://sunset.example/floorplans?x=1', true, 'bare path ignores host'],
    [
      'equals',
      'https://sunset.example/floorplans',
      'https://sunset.example/floorplans/2br',
      false,
      'deeper page is not equal',
    ],
    ['equals', 'https://other.example/floorplans', 'https://sunset.example/floorplans', false, 'other host'],
    ['equals', 'https://sunset.example:443/x', 'https://sunset.example/x', true, 'default port'],
    ['equals', 'https://sunset.example/x', 'https://sunset.example/x#top', true, 'fragment ignored'],
    ['equals', 'https://sunset.example', 'https://sunset.example/', true, 'root with and without slash'],
    ['starts_with', 'https://sunset.example/floor', 'https://sunset.example/floorplans/2br', true, 'prefix'],
    [
      'starts_with',
      'sunset.example/floorplans/',
      'https://sunset.example/floorplans',
      true,
      'pattern trailing slash',
    ],
    ['starts_with', 'https://other.example', 'https://sunset.example/', false, 'other host'],
    [
      'starts_with',
      'HTTPS://Sunset.Example/?b=2',
      'https://sunset.example/?b=2&a=1',
      true,
      'parameters in written order',
    ],
    [
      'starts_with',
      'sunset.example/?a=1',
      'https://sunset.example/?b=2&a=1',
      true,
      'parameters in sorted order',
    ],
    ['starts_with', '/floorplans', 'https://sunset.example/floorplans/2br', true, 'bare path prefix'],
    [
      'starts_with',
      'http://sunset.example/',
      'https://sunset.example/',
      false,
      'scheme named by the pattern must match',
    ],
    ['contains', 'floorplans', 'https://sunset.example/FloorPlans?x=1', true, 'case-insensitive substring'],
    [
      'contains',
      'utm_campaign=fall',
      'https://sunset.example/?utm_term=2&utm_campaign=Fall',
      true,
      'parameter substring',
    ],
    [
      'contains',
      'utm_campaign=fall',
      'https://sunset.example/?utm_campaign=spring',
      false,
      'parameter differs',
    ],
    ['contains', '', 'https://sunset.example/', false, 'blank pattern never matches'],
    ['matches', 'https://*.example/*', 'https://sunset.example/floorplans', true, 'wildcards'],
    ['matches', 'https://sunset.example/*', 'https://sunset.example', true, 'root without slash'],
    [
      'matches',
      'https://sunset.example/floor?',
      'https://sunset.example/floors',
      true,
      'single-character wildcard',
    ],
    [
      'matches',
      'https://sunset.example/floor?',
      'https://sunset.example/floorplans',
      false,
      'whole URL must match',
    ],
  ];
  for (const [op, pattern, value, expected, why] of cases) {
    test(`${op} ${pattern} vs ${value}: ${why}`, () => assert.equal(matchUrl(op, pattern, value), expected));
  }
});

describe('normalizeUrl', () => {
  const cases: Array<[string, ReturnType<typeof normalizeUrl>]> = [
    [
      'HTTPS://User@Sunset.Example:443/A/B/?z=1&a=2#frag',
      {
        scheme: 'https',
        host: 'sunset.example',
        path: '/a/b',
        query: [
          ['a', '2'],
          ['z', '1'],
        ],
      },
    ],
    ['sunset.example', { scheme: null, host: 'sunset.example', path: '', query: [] }],
    ['/floorplans/', { scheme: null, host: '', path: '/floorplans', query: [] }],
    [
      'http://x.example:8080/?flag',
      { scheme: 'http', host: 'x.example:8080', path: '', query: [['flag', '']] },
    ],
  ];
  for (const [input, expected] of cases) test(input, () => assert.deepEqual(normalizeUrl(input), expected));
});

describe('wildcardMatch', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*', '', true],
    ['*', 'anything', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*b*b*', 'abab', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['**a', 'bba', true],
    ['a*a*a*a*a*b', 'a'.repeat(40), false],
  ];
  for (const [pattern, text, expected] of cases) {
    test(`${pattern} ~ ${text}`, () => assert.equal(wildcardMatch(pattern, text), expected));
  }
});
