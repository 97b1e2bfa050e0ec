/**
 * Loose URL parsing for matching pages and referrers. Hand-written because the domain may not use
 * the WHATWG `URL` class (not part of ECMAScript, so not in our `types: []` world) and because
 * admins type fragments like `sunset.example/floorplans` that `URL` rejects.
 *
 * Normal form: everything lower-cased (matching is case-insensitive throughout), fragment dropped,
 * user info and default ports dropped, percent-escapes decoded, trailing slashes of the path
 * removed, query parameters sorted so their order never matters.
 */
export interface NormalizedUrl {
  /** `https`, `http`…; null when the text had no scheme. */
  readonly scheme: string | null;
  /** Empty when the text was a bare path such as `/floorplans`. */
  readonly host: string;
  /** Without trailing slash; the root path is the empty string. */
  readonly path: string;
  /** Decoded [name, value] pairs, sorted. */
  readonly query: ReadonlyArray<readonly [string, string]>;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

export function hasScheme(text: string): boolean {
  return SCHEME.test(text.trim().toLowerCase());
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray `%` is kept as typed rather than failing the whole match
  }
}

/**
 * `sortQuery: false` keeps parameters in written order, for prefix and wildcard matching where an
 * admin may have copied a URL as it appears in the browser.
 */
export function normalizeUrl(input: string, options: { sortQuery?: boolean } = {}): NormalizedUrl {
  let rest = input.trim().toLowerCase();
  const hashAt = rest.indexOf('#');
  if (hashAt !== -1) rest = rest.slice(0, hashAt);

  let scheme: string | null = null;
  const schemeMatch = SCHEME.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1];
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith('//')) {
    rest = rest.slice(2);
  }

  let host = '';
  if (!rest.startsWith('/') && !rest.startsWith('?')) {
    const hostEnd = rest.search(/[/?]/);
    host = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
    rest = hostEnd === -1 ? '' : rest.slice(hostEnd);
    host = host.slice(host.lastIndexOf('@') + 1).replace(/\.$/, '');
    const portMatch = /:(\d+)$/.exec(host);
    if (portMatch && scheme !== null && DEFAULT_PORTS[scheme] === portMatch[1]) {
      host = host.slice(0, portMatch.index);
    }
  }

  const queryAt = rest.indexOf('?');
  const rawPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const path = safeDecode(rawPath).replace(/\/+$/, '');
  const query = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair): [string, string] => {
      const eq = pair.indexOf('=');
      return eq === -1
        ? [safeDecode(pair), '']
        : [safeDecode(pair.slice(0, eq)), safeDecode(pair.slice(eq + 1))];
    });
  if (options.sortQuery !== false) {
    query.sort((a, b) => (a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0])));
  }

  return { scheme, host, path, query };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface UrlTextOptions {
  /** Include `scheme://` (only when the pattern names a scheme). */
  readonly withScheme: boolean;
  /** Include the host (not when the pattern is a bare path). */
  readonly withHost: boolean;
  /** Append `/` to the path, so patterns written with a trailing slash still match. */
  readonly trailingSlash: boolean;
}

/** Text form of a normalized URL, used by contains/starts_with/matches. */
export function urlToText(url: NormalizedUrl, options: UrlTextOptions): string {
  const scheme = options.withScheme && url.scheme !== null ? `${url.scheme}://` : '';
  const host = options.withHost ? url.host : '';
  const path = options.trailingSlash ? `${url.path}/` : url.path;
  const query = url.query.length > 0 ? `?${url.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  return `${scheme}${host}${path}${query}`;
}
