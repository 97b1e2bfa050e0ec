import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderDniScript } from '../../apps/api/src/dni-script/dni-script-bundle';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { launchChromium } from './chromium';
import { readPage, settled } from './page-state';
import { freePort } from '../support/test-env';
import { PAGE_LINKS, PAGE_NUMBERS, startTestSite, type TestSite } from './test-site';

/** The page's own numbers, untouched: what visitors must see whenever the swap cannot happen. */
const ORIGINAL_TEXT = {
  paren: PAGE_NUMBERS.paren,
  dash: PAGE_NUMBERS.dash,
  dot: PAGE_NUMBERS.dot,
  nbsp: PAGE_NUMBERS.nbsp,
  plus1: PAGE_NUMBERS.plus1,
  other: PAGE_NUMBERS.other,
  split: PAGE_NUMBERS.split,
};
const ORIGINAL_HREF = {
  tel: PAGE_LINKS.tel,
  'tel-formatted': PAGE_LINKS.telFormatted,
  sms: PAGE_LINKS.sms,
  'tel-other': PAGE_LINKS.other,
};

function pick(from: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, from[k]]));
}

/** A page that records every error the page itself would see (uncaught exceptions, rejections). */
async function watchedPage(ctx: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

describe('DNI script in Chromium: the api down or hung keeps the page’s numbers', () => {
  let browser: Browser;
  let site: TestSite;
  let hung: Server;
  const sockets: Socket[] = [];
  before(async () => {
    browser = await launchChromium();
    // Accepts connections and never answers: an api that hangs.
    hung = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const hungBase = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    // A port nothing listens on.
    const downBase = `http://127.0.0.1:${await freePort()}`;
    site = await startTestSite({
      '/down.js': renderDniScript({ apiBase: downBase, dniKey: 'k_down' }).body,
      '/hung.js': renderDniScript({ apiBase: hungBase, dniKey: 'k_hung' }).body,
    });
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    for (const s of sockets) s.destroy();
    hung?.close();
  });

  it('api down: originals stay, nothing thrown, no cookies', async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await watchedPage(ctx);
    await page.goto(site.pageUrl(`${site.origin}/down.js`));
    const state = await settled(page, 5000);
    assert.deepEqual(pick(state.text, Object.keys(ORIGINAL_TEXT)), ORIGINAL_TEXT);
    assert.deepEqual(pick(state.href, Object.keys(ORIGINAL_HREF)), ORIGINAL_HREF);
    assert.ok(!Object.values(state.hidden).some(Boolean), 'nothing stays hidden');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      (await ctx.cookies()).map((c) => c.name),
      [],
    );
    await ctx.close();
  });

  it('api hung: originals are hidden at first, then shown unchanged after the timeout', async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await watchedPage(ctx);
    await page.goto(site.pageUrl(`${site.origin}/hung.js`), { waitUntil: 'domcontentloaded' });
    const early = await readPage(page);
    assert.ok(early.pending, 'the hiding class is on while the api has not answered');
    for (const id of ['tel', 'sms', 'paren', 'dash', 'nbsp'])
      assert.equal(early.hidden[id], true, `${id} is hidden until the swap`);
    const state = await settled(page, 5000);
    assert.deepEqual(pick(state.text, Object.keys(ORIGINAL_TEXT)), ORIGINAL_TEXT);
    assert.deepEqual(pick(state.href, Object.keys(ORIGINAL_HREF)), ORIGINAL_HREF);
    assert.ok(!Object.values(state.hidden).some(Boolean), 'nothing stays hidden');
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});

/** The numbers after the swap: +13125550100 → +13125550199, each in the page's own format. */
const SWAPPED_TEXT = {
  paren: 'Call (312) 555-0199 today',
  dash: 'Office: 312-555-0199',
  dot: '312.555.0199',
  nbsp: '312\u00A0555\u00A00199',
  plus1: '+1 312 555 0199',
  other: PAGE_NUMBERS.other,
  split: PAGE_NUMBERS.split,
};
const SWAPPED_HREF = {
  tel: 'tel:+13125550199',
  'tel-formatted': 'tel:312-555-0199',
  sms: 'sms:+13125550199?body=Hi',
  'tel-other': PAGE_LINKS.other,
};

describe('DNI script in Chromium against the real api', () => {
  let browser: Browser;
  let site: TestSite;
  let api: ApiOnly;
  let scriptUrl: string;
  before(async () => {
    browser = await launchChromium();
    site = await startTestSite();
    api = await startApiOnly();
    const p = await api.request('POST', '/v1/properties', { name: 'Sunset', timeZone: 'America/Chicago' });
    const propertyId = p.body.id;
    const source = await api.request('POST', `/v1/properties/${propertyId}/sources`, {
      standardKey: 'website',
    });
    const n = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: '+13125550199',
      sourceId: source.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    // docs/DNI.md: the property's DNI settings, which give its public dniKey.
    const dni = await api.request('PATCH', `/v1/properties/${propertyId}/dni`, {
      allowedOrigins: [site.origin],
      swapNumbers: ['+13125550100'],
    });
    assert.equal(dni.status, 200, `PATCH …/dni (docs/DNI.md): ${dni.status} ${JSON.stringify(dni.body)}`);
    assert.equal(typeof dni.body.dniKey, 'string');
    scriptUrl = `${api.url}/dni/${dni.body.dniKey}.js`;
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await api?.stop();
  });

  let ctx: BrowserContext;
  let firstVisitor: string | undefined;

  it('swaps text in several formats and tel:/sms: links, and sends the visit', async () => {
    ctx = await browser.newContext();
    const { page, errors } = await watchedPage(ctx);
    const visits: any[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/visits')) visits.push(r.postDataJSON());
    });
    const landing = site.pageUrl(scriptUrl) + '&utm_source=google&utm_medium=cpc';
    await page.goto(landing, { referer: 'https://www.google.com/' });
    const state = await settled(page);
    assert.deepEqual(pick(state.text, Object.keys(SWAPPED_TEXT)), SWAPPED_TEXT);
    assert.deepEqual(pick(state.href, Object.keys(SWAPPED_HREF)), SWAPPED_HREF);
    assert.ok(!Object.values(state.hidden).some(Boolean), 'nothing stays hidden');
    assert.equal(visits.length, 1);
    assert.equal(visits[0].landingUrl, landing);
    assert.equal(visits[0].pageUrl, landing);
    assert.equal(visits[0].referrer, 'https://www.google.com/');
    assert.equal(visits[0].visitorId, undefined);
    const cookies = Object.fromEntries((await ctx.cookies()).map((c) => [c.name, c]));
    assert.ok(cookies.sb_vid?.value, 'visitor cookie set');
    assert.ok(cookies.sb_vid.expires > Date.now() / 1000 + 300 * 24 * 3600, 'visitor cookie lasts a year');
    assert.ok(cookies.sb_sid?.value, 'session cookie set');
    assert.equal(cookies.sb_sid.expires, -1, 'session cookie ends with the browser session');
    firstVisitor = cookies.sb_vid.value;

    // Content the page adds later gets the swap too.
    await page.evaluate(
      "document.body.insertAdjacentHTML('beforeend', '<p id=\"late\">Or 312-555-0100</p>')",
    );
    await page.waitForFunction("document.getElementById('late').textContent === 'Or 312-555-0199'");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('resumes the session on the next page: a page view, same visitor, same swap', async () => {
    const { page, errors } = await watchedPage(ctx);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.goto(site.pageUrl(scriptUrl, '/floor-plans.html'));
    const state = await settled(page);
    assert.deepEqual(pick(state.text, Object.keys(SWAPPED_TEXT)), SWAPPED_TEXT);
    assert.deepEqual(pick(state.href, Object.keys(SWAPPED_HREF)), SWAPPED_HREF);
    assert.equal(posts.length, 1, posts.join());
    assert.match(posts[0], /\/visits\/[^/]+\/pages$/);
    const cookies = Object.fromEntries((await ctx.cookies()).map((c) => [c.name, c.value]));
    assert.equal(cookies.sb_vid, firstVisitor);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});

describe('DNI script in Chromium, served by the real api for an unknown key', () => {
  let browser: Browser;
  let site: TestSite;
  let api: ApiOnly;
  before(async () => {
    browser = await launchChromium();
    site = await startTestSite();
    api = await startApiOnly();
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await api?.stop();
  });

  it('keeps the originals: the visit is refused', async () => {
    const c = await browser.newContext();
    const { page, errors } = await watchedPage(c);
    await page.goto(site.pageUrl(`${api.url}/dni/no_such_key.js`));
    const state = await settled(page);
    assert.deepEqual(pick(state.text, Object.keys(ORIGINAL_TEXT)), ORIGINAL_TEXT);
    assert.deepEqual(pick(state.href, Object.keys(ORIGINAL_HREF)), ORIGINAL_HREF);
    assert.deepEqual(errors, []);
    await c.close();
  });
});
