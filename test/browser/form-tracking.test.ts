import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { launchChromium } from './chromium';
import { startTestSite, type TestSite } from './test-site';

/**
 * A property's site with several kinds of forms: a plain form that posts and navigates, one a
 * script submits by fetch, one a single-page app renders after load and submits by XHR (its fields
 * named only by the admin's map), and a login form, which is no lead.
 */
function formsPage(scriptUrl: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Contact Sunset Apartments</title>
<script src="${scriptUrl}"></script>
</head><body>
<form id="plain" name="tour-request" method="post" action="/thanks.html">
  <input name="first_name" value="">
  <input name="last_name" value="">
  <input name="phone" type="tel">
  <input name="email" type="email">
  <input name="account_password" type="password">
  <input name="csrf_token" type="hidden" value="s3cr3t-token">
  <select name="unit"><option>1BR</option><option selected>2BR</option></select>
  <button id="plain-send" type="submit">Book a tour</button>
</form>
<form id="ajax">
  <input name="full_name">
  <input name="email" type="email">
  <textarea name="comments"></textarea>
  <input name="card_number" autocomplete="cc-number">
  <input name="cvv">
  <button id="ajax-send" type="submit">Ask</button>
</form>
<p id="ajax-status"></p>
<form id="login"><input name="username"><input name="pw" type="password"><button id="login-send">Sign in</button></form>
<div id="app"></div>
<script>
  document.getElementById('ajax').addEventListener('submit', function (e) {
    e.preventDefault();
    fetch('/api/contact', { method: 'POST', body: new FormData(e.target) })
      .then(function () { document.getElementById('ajax-status').textContent = 'Thanks!'; });
  });
  document.getElementById('login').addEventListener('submit', function (e) { e.preventDefault(); });
  // The single-page app: its form appears after load, and is sent by XHR.
  setTimeout(function () {
    document.getElementById('app').innerHTML =
      '<form id="spa"><input name="field_7"><input name="field_8"><input name="field_9" type="hidden" value="campaign-42">' +
      '<button id="spa-send">Call me back</button></form><p id="spa-status"></p>';
    document.getElementById('spa').addEventListener('submit', function (e) {
      e.preventDefault();
      var x = new XMLHttpRequest();
      x.open('POST', '/api/callback');
      x.onloadend = function () { document.getElementById('spa-status').textContent = 'We will call'; };
      x.send(new FormData(e.target));
    });
  }, 300);
</script>
</body></html>`;
}

describe('form tracking in Chromium: plain, fetch and single-page-app forms, the webhook and the journey', () => {
  let browser: Browser;
  let site: TestSite;
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let scriptUrl: string;
  let propertyId: string;
  let sourceId: string;
  const CALLER = '+13125550177';

  before(async () => {
    browser = await launchChromium();
    site = await startTestSite({}, { '/contact.html': formsPage });
    stack = await startTestStack({ timeScale: 0.1 });
    receiver = await startWebhookReceiver();
    const p = await stack.api('POST', '/v1/properties', { name: 'Sunset', timeZone: 'America/Chicago' });
    propertyId = p.body.id;
    const base = `/v1/properties/${propertyId}`;
    const s = await stack.api('POST', `${base}/sources`, {
      name: 'Google Ads',
      dniRules: [{ kind: 'query_param', param: 'utm_source', values: ['google'] }],
    });
    sourceId = s.body.id;
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+13125550199',
      sourceId,
      forwardTo: '+13125550111',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const dni = await stack.api('PATCH', `${base}/dni`, {
      allowedOrigins: [site.origin],
      swapNumbers: ['+13125550100'],
      formTracking: { enabled: true, fieldMap: { field_7: 'phone', field_8: 'name' } },
    });
    assert.equal(dni.status, 200, JSON.stringify(dni.body));
    scriptUrl = `${stack.apiUrl}/dni/${dni.body.dniKey}.js`;
    const hook = await stack.api('POST', `${base}/webhooks`, {
      url: receiver.url,
      events: ['form.submitted'],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await receiver?.close();
    await stack?.stop();
  });

  /** Waits until the script has its visit answer (form tracking starts with it). */
  const loaded = (page: Page) =>
    page.waitForFunction(
      "document.cookie.indexOf('sb_sid=') >= 0 && !document.documentElement.classList.contains('sb-dni-pending')",
    );

  const formsOf = async (n: number) =>
    eventually(
      `${n} forms stored`,
      async () => {
        const r = await stack.api('GET', `/v1/forms?propertyId=${propertyId}`);
        return r.body.total >= n ? (r.body.items as any[]) : undefined;
      },
      15_000,
    );

  it('captures each kind of form, mapped, never the password, hidden or card fields', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const sent: any[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/forms')) sent.push(JSON.parse(r.postData() ?? '{}'));
    });
    await page.goto(site.pageUrl(scriptUrl, '/contact.html') + '&utm_source=google&utm_campaign=spring');
    await loaded(page);

    // The fetch form: the page cancels the submit and posts by fetch; the page stays.
    await page.fill('#ajax [name=full_name]', 'Sam Lee');
    await page.fill('#ajax [name=email]', 'sam@example.com');
    await page.fill('#ajax [name=comments]', 'Do you allow cats?');
    await page.fill('#ajax [name=card_number]', '4111111111111111');
    await page.fill('#ajax [name=cvv]', '123');
    await page.click('#ajax-send');
    await page.waitForFunction("document.getElementById('ajax-status').textContent === 'Thanks!'");

    // The login form tells no lead: nothing is sent.
    await page.fill('#login [name=username]', 'sam');
    await page.fill('#login [name=pw]', 'hunter2');
    await page.click('#login-send');

    // The single-page app's form, rendered after load, submitted by XHR; named by the admin's map.
    await page.waitForSelector('#spa');
    await page.fill('#spa [name=field_7]', '(312) 555-0123');
    await page.fill('#spa [name=field_8]', 'Ana Ruiz');
    await page.click('#spa-send');
    await page.waitForFunction("document.getElementById('spa-status').textContent === 'We will call'");

    // The plain form last: it navigates away, and its beacon still arrives.
    await page.fill('#plain [name=first_name]', 'Jane');
    await page.fill('#plain [name=last_name]', 'Doe');
    await page.fill('#plain [name=phone]', '312-555-0177');
    await page.fill('#plain [name=email]', 'jane@example.com');
    await page.fill('#plain [name=account_password]', 'hunter2');
    await Promise.all([page.waitForURL(/thanks\.html/), page.click('#plain-send')]);

    const items = await formsOf(3);
    assert.equal(items.length, 3, JSON.stringify(items));
    const byForm = Object.fromEntries(items.map((f) => [f.formName, f]));
    assert.deepEqual(Object.keys(byForm).sort(), ['ajax', 'spa', 'tour-request']);

    const plain = byForm['tour-request'];
    assert.deepEqual(
      [plain.name, plain.phone, plain.email, plain.message],
      ['Jane Doe', CALLER, 'jane@example.com', null],
    );
    assert.deepEqual(plain.fields, {
      first_name: 'Jane',
      last_name: 'Doe',
      phone: '312-555-0177',
      email: 'jane@example.com',
      unit: '2BR',
    });
    assert.deepEqual(plain.source, { id: sourceId, name: 'Google Ads' });
    assert.equal(plain.campaign, 'spring');
    assert.match(plain.pageUrl, /\/contact\.html/);

    const ajax = byForm.ajax;
    assert.deepEqual(
      [ajax.name, ajax.email, ajax.message, ajax.phone],
      ['Sam Lee', 'sam@example.com', 'Do you allow cats?', null],
    );
    assert.deepEqual(Object.keys(ajax.fields), ['full_name', 'email', 'comments']);

    const spa = byForm.spa;
    assert.deepEqual([spa.name, spa.phone], ['Ana Ruiz', '+13125550123']);
    assert.deepEqual(
      spa.fields,
      { field_7: '(312) 555-0123', field_8: 'Ana Ruiz' },
      'the unmapped hidden field stays',
    );

    // What left the browser: three submissions, never a secret.
    assert.equal(sent.length, 3, JSON.stringify(sent));
    const wire = JSON.stringify(sent);
    for (const secret of ['hunter2', 's3cr3t-token', '4111111111111111', 'campaign-42', 'cvv'])
      assert.ok(!wire.includes(secret), `${secret} never leaves the page`);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('announces each form as form.submitted to the subscribed webhook', async () => {
    const deliveries = await eventually(
      'three form.submitted deliveries',
      async () => (receiver.deliveries.length >= 3 ? receiver.deliveries : undefined),
      30_000,
    );
    const events = deliveries.map((d) => d.body);
    assert.deepEqual(
      events.map((e) => e.type),
      ['form.submitted', 'form.submitted', 'form.submitted'],
    );
    const plain = events.find((e) => e.data.formName === 'tour-request');
    assert.ok(plain, JSON.stringify(events));
    assert.deepEqual(
      [plain.data.name, plain.data.phone, plain.data.source.name, plain.data.campaign],
      ['Jane Doe', CALLER, 'Google Ads', 'spring'],
    );
    assert.equal(plain.data.fields.account_password, undefined);
  });

  it('a later call from the form’s phone number shows the form in the call’s journey', async () => {
    const [plain] = (await stack.api('GET', `/v1/forms?propertyId=${propertyId}`)).body.items.filter(
      (f: any) => f.formName === 'tour-request',
    );
    const c = await stack.sim.placeCall({
      from: CALLER,
      to: '+13125550199',
      caller: [{ hangup_after_s: 20 }],
      agents: { '+13125550111': { answer_after_s: 1, hangup_after_s: 3 } },
    });
    const call = await eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${c.call_session_id}`)).body.items[0],
      30_000,
    );
    const detail = await stack.api('GET', `/v1/calls/${call.id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.deepEqual(
      detail.body.journey.map((j: any) => [j.kind, j.id]),
      [
        ['form', plain.id],
        ['call', call.id],
      ],
    );
    assert.match(detail.body.journey[0].summary, /Form "tour-request" sent by Jane Doe/);
    // From the form: the visit's other forms (the same session) are the lead's too, then the call.
    const form = await stack.api('GET', `/v1/forms/${plain.id}`);
    assert.deepEqual(
      form.body.journey.map((j: any) => j.kind),
      ['form', 'form', 'form', 'call'],
    );
    assert.equal(form.body.journey[3].id, call.id);
  });
});
