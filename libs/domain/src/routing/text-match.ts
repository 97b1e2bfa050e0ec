import type { TextOperator } from './criterion-model';
import { hasScheme, normalizeUrl, urlToText } from './url-normalize';
import { wildcardMatch } from './wildcard';

/** Trimmed, lower-cased, inner whitespace collapsed: how free text (keywords, campaigns) compares. */
export function normalizeText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Plain case-insensitive text comparison. An empty pattern matches nothing: a blank criterion
 * that matched everyone would silently capture all calls.
 */
export function matchText(op: TextOperator, pattern: string, value: string): boolean {
  const p = normalizeText(pattern);
  const v = normalizeText(value);
  if (p === '') return false;
  switch (op) {
    case 'equals':
      return v === p;
    case 'contains':
      return v.includes(p);
    case 'starts_with':
      return v.startsWith(p);
    case 'matches':
      return wildcardMatch(p, v);
  }
}

/**
 * URL-aware comparison for pages and referrers.
 *
 * - Scheme only counts when the pattern names one (`sunset.example/x` matches http and https).
 * - A pattern that is a bare path (`/floorplans`) ignores the host.
 * - Trailing slashes, default ports, fragments and query-parameter order never matter.
 * - `equals` compares host and path exactly and requires the pattern's query parameters to be
 *   present in the URL; extra parameters in the URL (utm tags, click ids) are ignored, because
 *   nearly every landing URL carries them and "equals" would otherwise never match.
 * - `contains`, `starts_with`, `matches` test the pattern (lower-cased, percent-decoded) against
 *   the URL's normal form, with and without a trailing slash on the path, with parameters both
 *   sorted and in written order.
 */
export function matchUrl(op: TextOperator, pattern: string, value: string): boolean {
  const trimmed = pattern.trim();
  if (trimmed === '') return false;
  const withScheme = hasScheme(trimmed);
  const pat = normalizeUrl(trimmed);
  const withHost = pat.host !== '' || withScheme;

  if (op === 'equals') {
    const url = normalizeUrl(value);
    return (
      (!withScheme || pat.scheme === url.scheme) &&
      (!withHost || pat.host === url.host) &&
      pat.path === url.path &&
      pat.query.every(([k, v]) => url.query.some(([uk, uv]) => uk === k && uv === v))
    );
  }

  const needle = looseDecode(trimmed.toLowerCase());
  const texts = urlTexts(value, withScheme, withHost);
  switch (op) {
    case 'starts_with':
      return texts.some((text) => text.startsWith(needle));
    case 'contains':
      return texts.some((text) => text.includes(needle));
    case 'matches':
      return texts.some((text) => wildcardMatch(needle, text));
  }
}

function urlTexts(value: string, withScheme: boolean, withHost: boolean): string[] {
  const texts = new Set<string>();
  for (const url of [normalizeUrl(value), normalizeUrl(value, { sortQuery: false })]) {
    for (const trailingSlash of [false, true])
      texts.add(urlToText(url, { withScheme, withHost, trailingSlash }));
  }
  return [...texts];
}

function looseDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
