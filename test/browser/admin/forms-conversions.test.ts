import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { http } from '../../support/http';
import { eventually, startTestStack, type TestStack } from '../../support/test-stack';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

const ORIGIN = 'https://birch.example';
const TRACKING = '+13125550160';
const AGENT = '+13125550122';
const LEAD_PHONE = '+13125550191';

/**
 * Forms and conversions in the console, on the whole stack (worker, Temporal, the ads fake): form
 * tracking turned on with a field map; Google Ads destinations (API and upload file) and a form
 * rule made, edited and deleted in the browser, secrets never shown; forms sent from ad clicks earn
 * conversions whose deliveries (one accepted, one refused click id) show in the log; the form shows
 * in the forms log, with the lead's later call in its journey; both CSV downloads.
 */
describe('admin console: forms and conversions', () => {
  let stack: TestStack;
  let browser: Browser;
  let propertyId: string;
  let base: string;

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    browser = await launchChromium();
    const p = await stack.api('POST', '/v1/properties', { name: 'Birch Flats', timeZone: 'America/Chicago' });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    const src = await stack.api('POST', `${base}/sources`, { standardKey: 'google_ads' });
    assert.equal(src.status, 201, JSON.stringify(src.body));
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: TRACKING,
      sourceId: src.body.id,
      forwardTo: AGENT,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const dni = await stack.api('PATCH', `${base}/dni`, { allowedOrigins: [ORIGIN] });
    assert.equal(dni.status, 200, JSON.stringify(dni.body));
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('turns on form tracking with a field map on the website settings', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, `/admin/p/${propertyId}/dni`);
    await page.getByText('No field mapped').waitFor();
    await page.getByLabel('Track form submissions').check();
    await page.getByRole('button', { name: 'Map a form field' }).click();
    await page.getByLabel('Form field 1', { exact: true }).fill('cell');
    await page.getByLabel('Form field 1 holds').selectOption('phone');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save DNI settings' }).click();
    assert.equal((await patched).status(), 200);
    // The form starts afresh from what the api answered: the map is there after the save.
    await page.getByLabel('Form field 1', { exact: true }).and(page.locator('[value="cell"]')).waitFor();
    assert.equal(await page.getByLabel('Track form submissions').isChecked(), true);
    await screenshot(page, 'dni-forms');
    const s = (await stack.api('GET', `${base}/dni`)).body;
    assert.deepEqual(s.formTracking, { enabled: true, fieldMap: { cell: 'phone' } });
    tab.assertClean();
    await tab.close();
  });

  it('makes, edits and deletes destinations and rules; secrets show only as "set"', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, `/admin/p/${propertyId}/conversions`);
    await page.getByRole('link', { name: 'Conversions' }).waitFor();
    await page.getByText('No destination yet').waitFor();
    await page.getByText('No rule yet').waitFor();
    await page.getByText('No conversion yet').waitFor();

    const add = page.getByRole('form', { name: 'Add a destination' });
    await add.getByLabel('Platform').selectOption('google_ads');
    await add.getByLabel('Destination name').fill('Main Ads account');
    await add.getByLabel('Customer id').fill('123-456');
    await add.getByLabel('Conversion action id').fill('987654');
    await add.getByLabel('Developer token').fill('dev-token-console');
    await add.getByLabel('Access token').fill('ya29.console');
    await add.getByRole('button', { name: 'Add destination' }).click();
    // The api's 422 names the setting, shown beside its input.
    await add.locator('[data-field="config.customerId"] .field-error').waitFor();
    await add.getByLabel('Customer id').fill('1234567890');
    await add.getByRole('button', { name: 'Add destination' }).click();
    const destinations = page.getByRole('table', { name: 'Conversion destinations' });
    await destinations.getByText('Developer token: set').waitFor();

    // An upload-file destination needs no credentials.
    await add.getByLabel('Destination name').fill('Ads upload file');
    await add.getByLabel('Google Ads mode').selectOption('csv');
    assert.equal(await add.getByLabel('Customer id').count(), 0);
    await add.getByRole('button', { name: 'Add destination' }).click();
    await destinations.getByText('Google Ads (upload file)').waitFor();
    // And one to delete.
    await add.getByLabel('Platform').selectOption('ga4');
    await add.getByLabel('Destination name').fill('Analytics');
    await add.getByLabel('Measurement id').fill('G-CONSOLE1');
    await add.getByLabel('API secret').fill('mp-secret-console');
    await add.getByRole('button', { name: 'Add destination' }).click();
    await destinations.getByText('API secret: set').waitFor();
    await page.getByRole('button', { name: 'Delete destination Analytics' }).click();
    await page.getByRole('button', { name: 'Yes, delete destination Analytics' }).click();
    await destinations.getByRole('cell', { name: 'Analytics', exact: true }).waitFor({ state: 'detached' });

    // Editing keeps a stored secret when its input is left empty.
    await page.getByRole('button', { name: 'Edit destination Main Ads account' }).click();
    const edit = page.getByRole('form', { name: 'Edit destination Main Ads account' });
    await edit.getByText('Set. Type a new one to replace it').first().waitFor();
    assert.equal(await edit.getByLabel('Developer token').inputValue(), '');
    await edit.getByLabel('Conversion action id').fill('987655');
    await edit.getByRole('button', { name: 'Save destination' }).click();
    await destinations.getByText('Conversion action id: 987655').waitFor();
    assert.doesNotMatch(await page.content(), /dev-token-console|ya29\.console|mp-secret-console/);
    const listed = (await stack.api('GET', `${base}/conversion-destinations`)).body.items;
    const main = listed.find((d: any) => d.name === 'Main Ads account');
    assert.deepEqual(
      [main.config.conversionActionId, main.config.developerTokenSet, main.config.accessTokenSet],
      ['987655', true, true],
    );

    const rule = page.getByRole('form', { name: 'Add a rule' });
    await rule.getByLabel('Conversion name').fill('contact_form');
    await rule.getByLabel('Value').fill('20');
    await rule.getByLabel('Lead kind').selectOption('form');
    await rule.getByLabel('Main Ads account').check();
    await rule.getByLabel('Ads upload file').check();
    await rule.getByRole('button', { name: 'Add rule' }).click();
    const rules = page.getByRole('table', { name: 'Conversion rules' });
    await rules.getByText('Any form').waitFor();
    await page.getByRole('button', { name: 'Edit rule contact_form' }).click();
    const editRule = page.getByRole('form', { name: 'Edit rule contact_form' });
    await editRule.getByLabel('Value').fill('25');
    await editRule.getByRole('button', { name: 'Save rule' }).click();
    await rules.getByText('25 USD').waitFor();
    // A call rule to delete: its conditions in words, then gone.
    await rule.getByLabel('Conversion name').fill('long_call');
    await rule.getByLabel('Talked at least (seconds)').fill('90');
    await rule.getByLabel('Main Ads account').check();
    await rule.getByRole('button', { name: 'Add rule' }).click();
    await rules.getByText('Call: answered, talked at least 90 s').waitFor();
    await page.getByRole('button', { name: 'Delete rule long_call' }).click();
    await page.getByRole('button', { name: 'Yes, delete rule long_call' }).click();
    await rules.getByRole('cell', { name: 'long_call', exact: true }).waitFor({ state: 'detached' });
    await screenshot(page, 'conversions');

    const saved = (await stack.api('GET', `${base}/conversion-rules`)).body.items;
    assert.equal(saved.length, 1);
    assert.deepEqual(
      [saved[0].name, saved[0].value, saved[0].currency, saved[0].when, saved[0].destinationIds.length],
      ['contact_form', 25, 'USD', { leadKind: 'form' }, 2],
    );
    tab.assertClean();
    await tab.close();
  });

  it("shows the forms' conversions in the delivery log, and the Google Ads upload file", async () => {
    const { dniKey } = (await stack.api('GET', `${base}/dni`)).body;
    const script = (path: string, body: unknown) =>
      http('POST', `${stack.apiUrl}/dni/${dniKey}/${path}`, body, { origin: ORIGIN });
    const formFromClick = async (gclid: string, name: string) => {
      const landingUrl = `${ORIGIN}/?gclid=${gclid}`;
      const v = await script('visits', { landingUrl, pageUrl: landingUrl });
      assert.equal(v.status, 200, JSON.stringify(v.body));
      const f = await script('forms', {
        sessionId: v.body.sessionId,
        visitorId: v.body.visitorId,
        pageUrl: `${ORIGIN}/contact`,
        formId: 'contact',
        fields: [
          { name: 'full_name', type: 'text', value: name },
          // Hidden: captured only because the field map names it.
          { name: 'cell', type: 'hidden', value: '(312) 555-0191' },
        ],
      });
      assert.equal(f.status, 201, JSON.stringify(f.body));
      return f.body.id as string;
    };
    await formFromClick('Cj0KCQ-console-good', 'Ann Lee');
    await formFromClick('INVALID-console', 'Bo Lee');
    await eventually('both deliveries settled', async () => {
      const r = await stack.api('GET', `${base}/conversions`);
      const sent = r.body.items.flatMap((c: any) => c.deliveries);
      return sent.length === 2 && sent.every((d: any) => d.status !== 'pending') ? true : undefined;
    });

    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, `/admin/p/${propertyId}/conversions`);
    const section = page.getByRole('region', { name: 'Delivery log' });
    const log = section.getByRole('table', { name: 'Conversions and their deliveries, newest first' });
    await log.getByRole('cell', { name: 'Delivered' }).waitFor();
    const refused = log.getByRole('row').filter({ hasText: 'Rejected' });
    await refused.getByText('invalid_click_id').waitFor();
    assert.match(await refused.innerText(), /gclid INVALID-console/);
    assert.match(await refused.innerText(), /25 USD/);
    assert.match(await refused.innerText(), /Main Ads account/);
    await screenshot(page, 'conversions-log');

    await section.getByLabel('Status').selectOption('rejected');
    await log.getByRole('cell', { name: 'Delivered' }).waitFor({ state: 'detached' });
    assert.equal(await log.getByRole('row').filter({ hasText: 'Rejected' }).count(), 1);
    await section.getByLabel('Status').selectOption('');
    await section.getByLabel('Platform').selectOption('meta');
    await section.getByText('No conversion matches these filters.').waitFor();
    await section.getByLabel('Platform').selectOption('');
    await log.getByRole('cell', { name: 'Delivered' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download upload file of Ads upload file' }).click(),
    ]);
    const file = await readFile(await download.path(), 'utf8');
    assert.match(file, /Parameters:TimeZone=America\/Chicago/);
    assert.match(file, /Cj0KCQ-console-good,contact_form,/);
    tab.assertClean();
    await tab.close();
  });

  it('lists the form in the forms log, with the lead’s later call in its journey', async () => {
    const placed = await stack.sim.placeCall({
      from: LEAD_PHONE,
      to: TRACKING,
      caller: [{ hangup_after_s: 40 }],
      agents: { [AGENT]: { answer_after_s: 1, hangup_after_s: 5 } },
    });
    await eventually(
      'the call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${placed.call_session_id}`)).body.items[0],
      60_000,
    );

    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, `/admin/p/${propertyId}/flows`);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Forms' }).click();
    await page.getByRole('heading', { name: 'Forms', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Form submissions, newest first' });
    const ann = table.getByRole('row').filter({ hasText: 'Ann Lee' });
    await ann.waitFor();
    assert.match(
      await ann.innerText(),
      new RegExp(`contact\\s+Ann Lee\\s+\\${LEAD_PHONE}\\s+—\\s+Google Ads\\s+/contact`),
    );
    await page.getByText('Forms 1–2 of 2').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'forms.csv');
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /Ann Lee/);
    assert.match(csv, /Bo Lee/);

    await ann.getByRole('link').click();
    await page.getByRole('heading', { name: 'Form contact from Ann Lee' }).waitFor();
    const fields = page.getByRole('table', { name: 'Fields of the form' });
    await fields.getByRole('cell', { name: 'cell', exact: true }).waitFor();
    const journey = page.getByRole('table', { name: "The lead's forms and calls, oldest first" });
    await journey.getByText('this form').waitFor();
    // Both forms gave the same phone: the lead's journey holds them and the call that came after.
    await journey.getByRole('link', { name: new RegExp(`Call from \\${LEAD_PHONE}`) }).waitFor();
    const kinds = await journey.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual(kinds, ['Form', 'Form', 'Call']);
    await screenshot(page, 'form');
    await journey.getByRole('link', { name: new RegExp(`Call from \\${LEAD_PHONE}`) }).click();
    await page.getByRole('heading', { name: `Call from ${LEAD_PHONE}` }).waitFor();
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the conversions and form tracking without change controls', async () => {
    const viewer = await stack.api('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    assert.equal(viewer.status, 201, JSON.stringify(viewer.body));
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, viewer.body.key, `/admin/p/${propertyId}/conversions`);
    await page.getByRole('table', { name: 'Conversion rules' }).getByText('contact_form').waitFor();
    await page
      .getByRole('region', { name: 'Delivery log' })
      .getByRole('cell', { name: 'Delivered' })
      .waitFor();
    assert.equal(await page.getByRole('button', { name: /Add|Edit|Delete|Save/ }).count(), 0);
    assert.equal(await page.getByRole('form').count(), 0);
    // Reading the upload file is not a change: it stays.
    await page.getByRole('button', { name: 'Download upload file of Ads upload file' }).waitFor();
    await page.goto(`${stack.apiUrl}/admin/p/${propertyId}/dni`);
    await page.getByLabel('Form field 1', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Track form submissions').isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: /Map a form field|Remove|Save/ }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
