import type { DniRule } from './dni-rules';

/** A source every call-tracking user expects, with the number-swapping rules set up for them. */
export interface StandardSource {
  readonly key: string;
  readonly name: string;
  /** Lower runs first when sources compete for a visit (see classifyVisit). */
  readonly priority: number;
  readonly dniRules: readonly DniRule[];
}

const GOOGLE_DOMAINS = [
  'google.com',
  'google.co.uk',
  'google.ca',
  'google.com.au',
  'google.de',
  'google.fr',
  'google.es',
];
/**
 * The catalog. Paid search is told from organic by its click id (gclid, gbraid/wbraid, msclkid),
 * which ad platforms add to every click, and ranks first because an ad click also arrives with
 * the search engine as referrer.
 * "Website" claims every visit nobody else did, and ranks last.
 */
export const STANDARD_SOURCES: readonly StandardSource[] = [
  {
    key: 'google_ads',
    name: 'Google Ads',
    priority: 10,
    dniRules: [
      { kind: 'query_param', param: 'gclid' },
      { kind: 'query_param', param: 'gbraid' },
      { kind: 'query_param', param: 'wbraid' },
    ],
  },
  {
    key: 'bing_ads',
    name: 'Microsoft Ads',
    priority: 11,
    dniRules: [{ kind: 'query_param', param: 'msclkid' }],
  },
  {
    key: 'facebook',
    name: 'Facebook',
    priority: 20,
    dniRules: [
      { kind: 'query_param', param: 'fbclid' },
      { kind: 'query_param', param: 'utm_source', values: ['facebook', 'fb', 'instagram', 'ig'] },
      { kind: 'referrer_domain', domains: ['facebook.com', 'fb.com', 'instagram.com'] },
    ],
  },
  {
    key: 'zillow',
    name: 'Zillow',
    priority: 20,
    dniRules: [
      { kind: 'query_param', param: 'utm_source', values: ['zillow'] },
      { kind: 'referrer_domain', domains: ['zillow.com', 'hotpads.com', 'trulia.com'] },
    ],
  },
  {
    key: 'apartments_com',
    name: 'Apartments.com',
    priority: 20,
    dniRules: [
      { kind: 'query_param', param: 'utm_source', values: ['apartments.com', 'apartmentscom', 'apartments'] },
      { kind: 'referrer_domain', domains: ['apartments.com'] },
    ],
  },
  {
    key: 'google_organic',
    name: 'Google Organic',
    priority: 30,
    dniRules: [{ kind: 'referrer_domain', domains: GOOGLE_DOMAINS }],
  },
  {
    key: 'bing_organic',
    name: 'Bing Organic',
    priority: 30,
    dniRules: [{ kind: 'referrer_domain', domains: ['bing.com'] }],
  },
  { key: 'direct', name: 'Direct', priority: 40, dniRules: [{ kind: 'direct' }] },
  { key: 'website', name: 'Website', priority: 90, dniRules: [{ kind: 'any_visit' }] },
];

export function standardSource(key: string): StandardSource | undefined {
  return STANDARD_SOURCES.find((s) => s.key === key);
}
