/**
 * The ids ad platforms put on a click (in the landing page's query string) or in their own
 * first-party cookies, which their conversion uploads match a lead back to its click by.
 * Google Ads: `gclid` (web), `gbraid` / `wbraid` (iOS app and web, when gclid is withheld);
 * Meta: `fbclid` in the URL, `_fbp` (browser id) and `_fbc` (click id) cookies;
 * Microsoft Ads: `msclkid`; GA4: the `_ga` cookie's client id.
 */
export interface ClickIds {
  readonly gclid?: string;
  readonly gbraid?: string;
  readonly wbraid?: string;
  readonly fbclid?: string;
  readonly fbp?: string;
  readonly fbc?: string;
  readonly msclkid?: string;
  /** GA4 client id, as `<random>.<seconds>` (the `_ga` cookie without its `GA1.1.` prefix). */
  readonly gaClientId?: string;
}

/** The query parameters that carry a click id, by the ClickIds field they fill. */
export const CLICK_ID_PARAMS = ['gclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid'] as const;

/** Longest click id kept: real ones are under 200 characters; anything longer is not one. */
const MAX_CLICK_ID = 512;

/**
 * The click ids in a landing page URL's query string (the first of each, trimmed), ignoring empty
 * and absurdly long values. Written without URL so it runs in the workflow sandbox too.
 */
export function clickIdsFromUrl(url: string | null | undefined): ClickIds {
  const out: Record<string, string> = {};
  if (!url) return out;
  const q = url.indexOf('?');
  if (q < 0) return out;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    if (!(CLICK_ID_PARAMS as readonly string[]).includes(name) || out[name] !== undefined) continue;
    const value = decodeParam(pair.slice(eq + 1)).trim();
    if (value && value.length <= MAX_CLICK_ID) out[name] = value;
  }
  return out;
}

/**
 * The GA4 client id from a `_ga` cookie value (`GA1.1.1234567890.1700000000` → `1234567890.1700000000`);
 * null when the value is not of that shape.
 */
export function gaClientIdFromCookie(cookie: string | null | undefined): string | null {
  const m = /^GA\d\.\d+\.(\d+\.\d+)$/.exec((cookie ?? '').trim());
  return m ? m[1] : null;
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
