import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { createTestAccount } from '../../support/accounts';
import { launchChromium } from '../chromium';
import { openConsole, signIn, type ConsoleTab } from './console';

/**
 * Signing in to /admin with an API key: a wrong key is refused at the form, a key sees only its
 * own account's properties, a read-only key sees them without the controls that change them,
 * another account's property id reads "Not found", and deep links survive a reload.
 */
describe('admin console: sign-in and what a key may see', () => {
  let api: ApiOnly;
  let browser: Browser;
  let tab: ConsoleTab;
  let propertyId: string;
  let otherPropertyId: string;
  let readOnlyKey: string;

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    const ro = await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    assert.equal(ro.status, 201, JSON.stringify(ro.body));
    readOnlyKey = ro.body.key;
    const other = await createTestAccount(api.url, 'Other account');
    const op = await api.request(
      'POST',
      '/v1/properties',
      { name: 'Elm Street', timeZone: 'America/New_York' },
      { authorization: `Bearer ${other.apiKey}` },
    );
    otherPropertyId = op.body.id;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('refuses a wrong key at the form, then signs in with the right one', async () => {
    tab = await openConsole(browser, api.url);
    const { page } = tab;
    await page.goto(`${api.url}/admin`);
    await page.getByLabel('API key').fill('sk_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This key is not valid.').waitFor();
    await signIn(page, api.url, api.apiKey);
    // Signed in, the console opens the first property's flows.
    await page.waitForURL(`**/admin/p/${propertyId}/flows`);
    assert.equal(await page.getByLabel('Property').inputValue(), propertyId);
    await tab.close();
  });

  it("shows another account's property as Not found, and keeps the page on reload", async () => {
    tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${otherPropertyId}/settings`);
    await page.getByText('Not found.').waitFor();
    assert.equal(await page.getByText('Elm Street').count(), 0);
    await page.goto(`${api.url}/admin/p/${propertyId}/settings`);
    assert.equal(await page.getByLabel('Name').inputValue(), 'Birch Court');
    await tab.close();
  });

  it('lets a read-only key see properties but not change them', async () => {
    tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/settings`);
    await page.getByText('read-only key').waitFor();
    assert.equal(await page.getByLabel('Name').inputValue(), 'Birch Court');
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Delete property' }).count(), 0);
    await page.goto(`${api.url}/admin/properties`);
    await page.getByRole('heading', { name: 'Properties' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Add a property' }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
