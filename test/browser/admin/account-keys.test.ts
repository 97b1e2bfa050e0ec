import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * Account & keys: a read-only key created (shown once, with Copy) and revoked; a property list
 * created and edited. A read-only key sees the screen without change controls, and the api's 403
 * about listing keys.
 */
describe('admin console: account, API keys and property lists', () => {
  let api: ApiOnly;
  let browser: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    for (const name of ['Oak Terrace', 'Pine Court', 'Cedar Park']) {
      ids[name] = (
        await api.request('POST', '/v1/properties', { name, timeZone: 'America/Chicago' })
      ).body.id;
    }
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('creates a read-only key limited to one property, shows it once, and revokes it', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    page.on('dialog', (d) => void d.accept());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    await signIn(page, api.url, api.apiKey, '/admin/account');
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    await page.getByLabel('Key name').fill('Reporting dashboard');
    await page.getByLabel('Read-only').check();
    await page.getByLabel('Only some properties').check();
    await page.getByRole('group', { name: 'Properties the key reaches' }).getByLabel('Pine Court').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.locator('.shown-once code');
    await shown.waitFor();
    const key = await shown.innerText();
    await page.locator('.shown-once').getByRole('button', { name: 'Copy' }).click();
    await page.locator('.shown-once').getByText('Copied.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), key);
    await screenshot(page, 'account-keys');

    // The new key works, read-only, on its one property.
    const me = await api.request('GET', '/v1/account', undefined, { authorization: `Bearer ${key}` });
    assert.deepEqual(me.body.key.readOnly, true);
    assert.deepEqual(me.body.key.propertyIds, [ids['Pine Court']]);
    await page.getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.locator('.shown-once').count(), 0);
    const row = page.getByRole('row').filter({ hasText: 'Reporting dashboard' });
    await row.getByRole('cell', { name: 'read-only' }).waitFor();

    await row.getByRole('button', { name: 'Revoke Reporting dashboard' }).click();
    await row.getByText(/^revoked/).waitFor();
    const after = await api.request('GET', '/v1/account', undefined, { authorization: `Bearer ${key}` });
    assert.equal(after.status, 401);
    tab.assertClean();
    await tab.close();
  });

  it('creates and edits a property list', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, '/admin/account');
    const add = page.getByRole('form', { name: 'Add a property list' });
    await add.getByLabel('List name').fill('North side');
    await add.getByLabel('Oak Terrace').check();
    await add.getByLabel('Cedar Park').check();
    await add.getByRole('button', { name: 'Add list' }).click();
    const row = page.getByRole('row').filter({ hasText: 'North side' });
    // The list's properties, in whatever order the api keeps them.
    const members = async (want: string[]) => {
      await row.waitFor();
      const cell = row.getByRole('cell').nth(1);
      for (const name of want) await cell.getByText(name).waitFor();
      assert.equal((await cell.innerText()).split(', ').length, want.length);
    };
    await members(['Oak Terrace', 'Cedar Park']);

    // A second list with the same name is the api's 409, beside the name.
    await add.getByLabel('List name').fill('North side');
    await add.getByRole('button', { name: 'Add list' }).click();
    await add.locator('[data-field="name"] .field-error').waitFor();

    await row.getByRole('button', { name: 'Edit North side' }).click();
    const edit = page.getByRole('form', { name: 'Edit North side' });
    await edit.getByLabel('Cedar Park').uncheck();
    await edit.getByLabel('Pine Court').check();
    await edit.getByRole('button', { name: 'Save list' }).click();
    await row.getByRole('cell').nth(1).getByText('Cedar Park').waitFor({ state: 'detached' });
    await members(['Oak Terrace', 'Pine Court']);
    const [list] = (await api.request('GET', '/v1/property-lists')).body.items;
    assert.deepEqual(new Set(list.propertyIds), new Set([ids['Oak Terrace'], ids['Pine Court']]));
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the account without change controls, and the 403 about keys', async () => {
    const ro = await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, ro.body.key, '/admin/account');
    await page.getByText('read-only, every property').waitFor();
    await page.getByRole('table', { name: 'Property lists' }).waitFor();
    await page.getByText('Not allowed.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Create|Revoke|Add|Edit|Delete/ }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
