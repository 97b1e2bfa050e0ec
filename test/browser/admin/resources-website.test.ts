import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * Website DNI in the console: the snippet copied, the settings saved (a list's 422 beside it), a
 * number pool made from the source's numbers with its utilization; a read-only key sees it all
 * without change controls.
 */
describe('admin console: website (DNI)', () => {
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
  let sourceId: string;
  let readOnlyKey: string;

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Hemlock Lofts',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    sourceId = (
      await api.request('POST', `/v1/properties/${propertyId}/sources`, { standardKey: 'google_ads' })
    ).body.id;
    readOnlyKey = (await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true })).body.key;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('copies the DNI snippet and saves DNI settings, with 422s beside the list that caused them', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/dni`);
    const { dniKey } = (await api.request('GET', `/v1/properties/${propertyId}/dni`)).body;
    const snippet = `<script src="${api.url}/dni/${dniKey}.js" async></script>`;
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByText('Copied.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), snippet);
    assert.equal(await page.getByLabel('DNI snippet').innerText(), snippet);

    await page.getByLabel('Numbers to swap').fill('+13125550100\nnot-a-number');
    await page.getByRole('button', { name: 'Save DNI settings' }).click();
    await page.locator('[data-field="swapNumbers"] .field-error').waitFor();
    await page.getByLabel('Numbers to swap').fill('+13125550100');
    await page.getByLabel('Allowed origins').fill('https://hemlock.example');
    await page.getByLabel('Attribution').selectOption('last_touch');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save DNI settings' }).click();
    assert.equal((await patched).status(), 200);
    await page.locator('[data-field="swapNumbers"] .field-error').waitFor({ state: 'detached' });
    await screenshot(page, 'dni');
    const s = (await api.request('GET', `/v1/properties/${propertyId}/dni`)).body;
    assert.deepEqual(
      [s.swapNumbers, s.allowedOrigins, s.attributionModel],
      [['+13125550100'], ['https://hemlock.example'], 'last_touch'],
    );
    tab.assertClean();
    await tab.close();
  });

  it("creates a number pool from the source's numbers and shows its utilization", async () => {
    for (let i = 0; i < 4; i++) {
      const r = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
        number: `+1312555020${i}`,
        sourceId,
        forwardTo: '+13125550199',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/dni`);
    await page.getByText('No pool').waitFor();
    const add = page.getByRole('form', { name: 'Add a pool' });
    await add.getByLabel('Pool name').fill('Paid search');
    // Three numbers are too few: the api's 422 shows beside the numbers.
    for (const n of ['+13125550200', '+13125550201', '+13125550202']) await add.getByLabel(n).check();
    await add.getByRole('button', { name: 'Add pool' }).click();
    await add.locator('.checks .field-error').waitFor();
    await add.getByLabel('+13125550203').check();
    await add.getByRole('button', { name: 'Add pool' }).click();
    const pool = page.getByRole('article', { name: 'Pool Paid search' });
    await pool.getByText('0 held, 4 free of 4').waitFor();
    await screenshot(page, 'dni-pool');
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the DNI screen without change controls', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/dni`);
    await page.getByRole('article', { name: 'Pool Paid search' }).getByText('free of 4').waitFor();
    await page.getByLabel('DNI snippet').waitFor();
    assert.equal(await page.getByRole('button', { name: /Save|Add|Edit|Delete/ }).count(), 0);
    assert.equal(await page.getByRole('form', { name: 'Add a pool' }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
