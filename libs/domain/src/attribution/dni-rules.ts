import { normalizeUrl } from '../routing/url-normalize';
import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';

/**
 * Dynamic number insertion rules: which website visits a tracking source claims, so the visitor
 * is shown that source's number. A visit is the landing page URL (with its UTM and click-id query
 * parameters) and the referrer. A source's rules are OR-ed: any one that holds claims the visit.
 */
export type DniRule =
  /** The referrer's host is one of the domains or a subdomain of one (`google.com` covers `www.google.com`). */
  | { readonly kind: 'referrer_domain'; readonly domains: readonly string[] }
  /** A landing-page query parameter equals one of the values (case-insensitive); no values = present at all. */
  | { readonly kind: 'query_param'; readonly param: string; readonly values?: readonly string[] }
  /** No referrer and no campaign parameters: typed in, bookmarked, or an app that hides referrers. */
  | { readonly kind: 'direct' }
  /** Every visit: the website's catch-all source. */
  | { readonly kind: 'any_visit' };

export const DNI_RULE_KINDS: readonly DniRule['kind'][] = [
  'referrer_domain',
  'query_param',
  'direct',
  'any_visit',
];

export interface WebsiteVisit {
  /** The first page of the visit, with its query string. */
  readonly landingUrl: string;
  readonly referrer?: string;
}

/** Parameters that mark a visit as coming from a campaign rather than directly. */
const CAMPAIGN_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'gclid', 'msclkid', 'fbclid'];

function hostMatches(host: string, domain: string): boolean {
  const d = domain.toLowerCase().replace(/^\.+/, '');
  return host === d || host.endsWith(`.${d}`);
}

function queryValues(visit: WebsiteVisit, param: string): string[] {
  const p = param.toLowerCase();
  return normalizeUrl(visit.landingUrl)
    .query.filter(([name]) => name === p)
    .map(([, value]) => value);
}

export function matchDniRule(rule: DniRule, visit: WebsiteVisit): boolean {
  switch (rule.kind) {
    case 'referrer_domain': {
      if (!visit.referrer) return false;
      const host = normalizeUrl(visit.referrer).host;
      return host !== '' && rule.domains.some((d) => hostMatches(host, d));
    }
    case 'query_param': {
      const values = queryValues(visit, rule.param);
      if (values.length === 0) return false;
      if (!rule.values || rule.values.length === 0) return true;
      const wanted = rule.values.map((v) => v.toLowerCase());
      return values.some((v) => wanted.includes(v));
    }
    case 'direct':
      return !visit.referrer && CAMPAIGN_PARAMS.every((p) => queryValues(visit, p).length === 0);
    case 'any_visit':
      return true;
  }
}

export function matchDniRules(rules: readonly DniRule[], visit: WebsiteVisit): boolean {
  return rules.some((r) => matchDniRule(r, visit));
}

/**
 * How strong a kind of match is, strongest first, as call-tracking products rank them: what the
 * landing page says (click ids, UTM tags) over where the visitor came from (referrer), over the
 * absence of both (direct), over the catch-all that swaps for every visit.
 */
const MATCH_STRENGTH: Readonly<Record<DniRule['kind'], number>> = {
  query_param: 0,
  referrer_domain: 1,
  direct: 2,
  any_visit: 3,
};

/** The strongest kind of match a source's rules make for the visit, or null when none holds. */
function matchStrength(rules: readonly DniRule[], visit: WebsiteVisit): number | null {
  const strengths = rules.filter((r) => matchDniRule(r, visit)).map((r) => MATCH_STRENGTH[r.kind]);
  return strengths.length > 0 ? Math.min(...strengths) : null;
}

/**
 * The source a visit belongs to: the one whose strongest matching rule is strongest (a landing
 * match beats a referrer match: an ad click also arrives with the search engine as referrer),
 * ties going to the earlier source in the given order (the admin's priority).
 */
export function classifyVisit<S extends { readonly dniRules: readonly DniRule[] }>(
  sources: readonly S[],
  visit: WebsiteVisit,
): S | null {
  let best: { source: S; strength: number } | null = null;
  for (const source of sources) {
    const strength = matchStrength(source.dniRules, visit);
    if (strength !== null && (best === null || strength < best.strength)) best = { source, strength };
  }
  return best?.source ?? null;
}

/** Checks rules as submitted by an admin; paths are `[i].field`. */
export function validateDniRules(rules: unknown): ValidationReport {
  const errors: ValidationIssue[] = [];
  const error = (path: string, message: string) => errors.push({ code: 'invalid_dni_rule', path, message });
  if (!Array.isArray(rules)) {
    error('', 'must be a list of rules');
    return { errors, warnings: [] };
  }
  rules.forEach((r: unknown, i) => {
    const rule = r as Partial<Record<string, unknown>> | null;
    if (typeof rule !== 'object' || rule === null || !DNI_RULE_KINDS.includes(rule.kind as DniRule['kind'])) {
      error(`[${i}].kind`, `must be one of ${DNI_RULE_KINDS.join(', ')}`);
      return;
    }
    const strings = (v: unknown) =>
      Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');
    if (rule.kind === 'referrer_domain' && !(strings(rule.domains) && (rule.domains as string[]).length > 0))
      error(`[${i}].domains`, 'must list at least one domain, e.g. "google.com"');
    if (rule.kind === 'query_param') {
      if (typeof rule.param !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(rule.param))
        error(`[${i}].param`, 'must be a query parameter name, e.g. "utm_source"');
      if (rule.values !== undefined && !strings(rule.values))
        error(`[${i}].values`, 'must be a list of values');
    }
  });
  return { errors, warnings: [] };
}
