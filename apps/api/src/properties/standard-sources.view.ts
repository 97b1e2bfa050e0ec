/*
 * What GET /v1/standard-sources answers: the catalog of libs/domain's standard-sources.ts.
 * Response classes, types only (read by the OpenAPI plugin).
 */

/**
 * A rule that claims a website visit for a source, by `kind`: `referrer_domain` (the referrer's
 * host is one of `domains` or a subdomain), `query_param` (the landing page's `param` equals one
 * of `values`, case-insensitive; no `values`: present at all), `direct` (no referrer, no campaign
 * parameters), `any_visit` (every visit: the website's catch-all).
 */
export class DniRuleView {
  kind: 'referrer_domain' | 'query_param' | 'direct' | 'any_visit';
  /** `referrer_domain`. */
  domains?: string[];
  /** `query_param`. */
  param?: string;
  /** `query_param`. */
  values?: string[];
}

/** A source every call-tracking user expects, with its number-swapping rules. */
export class StandardSourceView {
  /** What `POST …/sources` takes as `standardKey` (`google_ads`). */
  key: string;
  name: string;
  /** Lower runs first when sources compete for a visit. */
  priority: number;
  dniRules: DniRuleView[];
}

export class StandardSourceList {
  items: StandardSourceView[];
}
