/**
 * The DNI script's browser side (docs/DNI.md "What the script does"). Everything is wrapped so that
 * no failure reaches the page: when the api is down, slow or refuses, the page keeps its numbers.
 */
import { looksLikePhoneText, swapHref, swapText, toSwapMap, type Swap, type SwapMap } from '../phone-format';

export interface DniConfig {
  apiBase: string;
  dniKey: string;
}

interface VisitAnswer {
  visitorId?: string;
  sessionId?: string;
  swaps?: Swap[];
  heartbeatSeconds?: number;
}

const VISITOR_COOKIE = 'sb_vid';
const SESSION_COOKIE = 'sb_sid';
const PENDING_CLASS = 'sb-dni-pending';
const PENDING_ATTR = 'data-sb-dni-pending';
/** Longest the originals stay hidden: after this the page shows its own numbers, swap or not. */
const HIDE_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 8000;
const MIN_HEARTBEAT_S = 5;
const SKIP_TAGS: Record<string, true> = { SCRIPT: true, STYLE: true, NOSCRIPT: true, TEXTAREA: true };

/** Links are hidden by CSS from the first paint; text numbers by marking their parent at DOM ready. */
const HIDE_CSS =
  `html.${PENDING_CLASS} a[href^="tel:"],html.${PENDING_CLASS} a[href^="sms:"],` +
  `html.${PENDING_CLASS} [data-sb-dni],html.${PENDING_CLASS} [${PENDING_ATTR}]{visibility:hidden!important}`;

function readCookie(name: string): string | null {
  const m = new RegExp('(?:^|; )' + name + '=([^;]*)').exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

/** First-party cookies on the site's own host; `maxAgeS` absent = a session cookie. */
function writeCookie(name: string, value: string, maxAgeS?: number): void {
  let c = name + '=' + encodeURIComponent(value) + '; path=/; SameSite=Lax';
  if (maxAgeS) c += '; max-age=' + maxAgeS;
  if (location.protocol === 'https:') c += '; Secure';
  document.cookie = c;
}

/** POSTs JSON; resolves null on any failure (network, timeout, non-2xx, bad JSON). */
function post(url: string, body: unknown): Promise<VisitAnswer | null> {
  const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctrl ? setTimeout(() => ctrl.abort(), REQUEST_TIMEOUT_MS) : 0;
  return fetch(url, {
    method: 'POST',
    mode: 'cors',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: ctrl ? ctrl.signal : undefined,
  })
    .then((r) => (r.ok ? (r.json() as Promise<VisitAnswer>) : null))
    .catch(() => null)
    .then((a) => {
      clearTimeout(timer);
      return a && typeof a === 'object' ? a : null;
    });
}

/** Swaps text nodes and tel:/sms: links under `root`. */
function applySwaps(root: Node, swaps: SwapMap): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const parent = n.parentNode;
      if (parent && SKIP_TAGS[parent.nodeName]) continue;
      const next = swapText(n.nodeValue || '', swaps);
      if (next !== null) n.nodeValue = next;
    } else if (n.nodeName === 'A') {
      const a = n as HTMLAnchorElement;
      const href = a.getAttribute('href');
      const next = href ? swapHref(href, swaps) : null;
      if (next !== null) a.setAttribute('href', next);
    }
  }
}

/** Marks the parents of phone-shaped text so the hiding CSS covers them until the swap. */
function markPhoneText(root: Node): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && !SKIP_TAGS[parent.nodeName] && looksLikePhoneText(n.nodeValue || '')) {
      parent.setAttribute(PENDING_ATTR, '');
    }
  }
}

function reveal(): void {
  document.documentElement.classList.remove(PENDING_CLASS);
  const marked = document.querySelectorAll('[' + PENDING_ATTR + ']');
  for (let i = 0; i < marked.length; i++) marked[i].removeAttribute(PENDING_ATTR);
}

function whenDomReady(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
  else fn();
}

/** Runs `fn`, swallowing anything it throws: the page must never see our errors. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Deliberately silent: a broken swap must leave the page as its author wrote it.
  }
}

export function start(cfg: DniConfig): void {
  let apiBase = cfg.apiBase.replace(/\/+$/, '');
  // The api names its base as it was reached (behind a TLS proxy that may read http:); an https page
  // would block http requests as mixed content, so https is the only base that can work there.
  if (location.protocol === 'https:') apiBase = apiBase.replace(/^http:/, 'https:');
  const base = apiBase + '/dni/' + encodeURIComponent(cfg.dniKey);
  const html = document.documentElement;
  const style = document.createElement('style');
  style.textContent = HIDE_CSS;
  (document.head || html).appendChild(style);
  html.classList.add(PENDING_CLASS);
  setTimeout(() => safely(reveal), HIDE_TIMEOUT_MS);

  let swaps: SwapMap | null = null;
  let domReady = false;
  // Swaps once both the answer and the DOM are there, then keeps swapping what the page adds later.
  const maybeSwap = () =>
    safely(() => {
      if (!domReady) return;
      if (swaps && Object.keys(swaps).length) {
        applySwaps(document.body || html, swaps);
        observe(swaps);
      }
      if (swaps) reveal();
    });
  whenDomReady(() =>
    safely(() => {
      domReady = true;
      if (!swaps && html.classList.contains(PENDING_CLASS)) markPhoneText(document.body || html);
      maybeSwap();
    }),
  );

  const pageUrl = location.href;
  const begin = (): Promise<VisitAnswer | null> => {
    const visitorId = readCookie(VISITOR_COOKIE);
    const body: Record<string, string> = { landingUrl: pageUrl, pageUrl };
    if (visitorId) body.visitorId = visitorId;
    if (document.referrer) body.referrer = document.referrer;
    return post(base + '/visits', body);
  };
  const sessionId = readCookie(SESSION_COOKIE);
  // A known session is resumed with a page view; if the api no longer holds it, a new visit starts.
  const first = sessionId
    ? post(base + '/visits/' + encodeURIComponent(sessionId) + '/pages', { pageUrl }).then((a) =>
        a ? Object.assign(a, { sessionId }) : begin(),
      )
    : begin();

  first
    .then((a) => {
      swaps = toSwapMap(a && a.swaps);
      if (a && typeof a.visitorId === 'string') writeCookie(VISITOR_COOKIE, a.visitorId, 365 * 24 * 3600);
      if (a && typeof a.sessionId === 'string') {
        writeCookie(SESSION_COOKIE, a.sessionId);
        heartbeat(
          base + '/visits/' + encodeURIComponent(a.sessionId) + '/pages',
          pageUrl,
          a.heartbeatSeconds,
        );
      }
      maybeSwap();
    })
    .catch(() => safely(reveal));
}

/** Page-view heartbeats keep the session's pool number held while the page is visible. */
function heartbeat(url: string, pageUrl: string, seconds: number | undefined): void {
  if (typeof seconds !== 'number' || !(seconds > 0)) return;
  const everyMs = Math.max(seconds, MIN_HEARTBEAT_S) * 1000;
  setInterval(() => {
    if (document.visibilityState === 'visible') void post(url, { pageUrl });
  }, everyMs);
}

let observer: MutationObserver | null = null;
/** Content the page adds after the swap (menus, SPA views) gets the swap too. */
function observe(swaps: SwapMap): void {
  if (observer || typeof MutationObserver !== 'function') return;
  observer = new MutationObserver((records) =>
    safely(() => {
      for (const r of records)
        for (let i = 0; i < r.addedNodes.length; i++) applySwaps(r.addedNodes[i], swaps);
    }),
  );
  observer.observe(document.body || document.documentElement, { childList: true, subtree: true });
}
