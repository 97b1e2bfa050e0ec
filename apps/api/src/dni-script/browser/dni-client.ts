/**
 * The DNI script's browser side (docs/DNI.md "What the script does"). Everything is wrapped so that
 * no failure reaches the page: when the api is down, slow or refuses, the page keeps its numbers.
 */
import { captureForm, isLead, type FieldMap, type FormFieldInput } from '../form-fields';
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
  /** Present (with the admin's field map) when the property tracks forms. */
  formTracking?: { fieldMap?: FieldMap } | null;
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
/** Controls that hold no answer of the visitor's. */
const NOT_ANSWER = /^(submit|button|reset|image|fieldset|output)$/;
/** The ad platforms' cookies sent with a new visit (their click ids), by the visit field they fill. */
const AD_COOKIES: Record<string, string> = { fbp: '_fbp', fbc: '_fbc', ga: '_ga' };
const MAX_COOKIE = 512;

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
    for (const field in AD_COOKIES) {
      const v = readCookie(AD_COOKIES[field]);
      if (v && v.length <= MAX_COOKIE) body[field] = v;
    }
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
        if (a.formTracking) trackForms(base + '/forms', a.sessionId, a.formTracking.fieldMap || {});
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

/** The named answers of a form, in order: unchecked boxes, buttons and disabled controls are none. */
function readForm(form: HTMLFormElement): FormFieldInput[] {
  const out: FormFieldInput[] = [];
  for (let i = 0; i < form.elements.length; i++) {
    const el = form.elements[i] as HTMLInputElement;
    const type = (el.type || '').toLowerCase();
    if (!el.name || el.disabled || NOT_ANSWER.test(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !el.checked) continue;
    out.push({
      name: el.name,
      type,
      autocomplete: el.getAttribute('autocomplete') || '',
      value: el.value || '',
    });
  }
  return out;
}

let tracking = false;
/**
 * Sends each form submitted on the page (docs/DNI.md "Form tracking"), from the document in the
 * capture phase: it runs before the page's own handlers, so both a plain submit that navigates and
 * a single-page app's form that calls preventDefault and posts by fetch are seen. Only the fields
 * form-fields.ts captures leave the page; a form with no lead field (a search, a login) is not sent.
 */
function trackForms(url: string, sessionId: string, map: FieldMap): void {
  if (tracking) return;
  tracking = true;
  document.addEventListener(
    'submit',
    (e) =>
      safely(() => {
        const form = e.target as HTMLFormElement;
        if (!form || form.nodeName !== 'FORM' || form.hasAttribute('data-sb-no-track')) return;
        const inputs = readForm(form);
        const captured = captureForm(inputs, map);
        if (!isLead(captured.lead)) return;
        const action = form.getAttribute('action');
        const body = {
          sessionId,
          visitorId: readCookie(VISITOR_COOKIE) || undefined,
          pageUrl: location.href,
          formId: form.getAttribute('id') || undefined,
          formName: form.getAttribute('name') || undefined,
          formAction: action ? new URL(action, location.href).href : undefined,
          fields: inputs.filter((f) => captured.fields[f.name] !== undefined),
        };
        beacon(url, JSON.stringify(body));
      }),
    true,
  );
}

/**
 * A beacon survives the page navigating away; its string body goes as text/plain (no preflight).
 * Where there is none, or it is refused (a full queue), fetch with keepalive does the same.
 */
function beacon(url: string, body: string): void {
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
  } catch {
    // Fall through to fetch.
  }
  void fetch(url, {
    method: 'POST',
    mode: 'cors',
    credentials: 'omit',
    keepalive: true,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body,
  }).catch(() => null);
}
