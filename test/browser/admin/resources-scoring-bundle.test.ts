import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * Scoring rules (the api's 422 beside the rule field it names) and the property bundle: exported
 * to a file, changed, previewed (a dry run that writes nothing) and applied back; a bad bundle's
 * 422 lists the bundle paths.
 */
describe('admin console: scoring rules and export & import', () => {
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
  let readOnlyKey: string;

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Larch House',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    await api.request('POST', `/v1/properties/${propertyId}/sources`, { standardKey: 'google_ads' });
    readOnlyKey = (await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true })).body.key;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('saves scoring rules, showing a bad rule field beside its input', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/scoring`);
    await page.getByText('No rules: calls are not scored.').waitFor();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel('Rule 1 name').fill('Talked a minute');
    await page.getByLabel('Rule 1 points').fill('500');
    await page.getByLabel('Rule 1: talked at least (s)').fill('60');
    await page.getByRole('group', { name: 'Rule 1: outcome is one of' }).getByLabel('answered').check();
    await page.getByRole('button', { name: 'Save scoring rules' }).click();
    const points = page.locator('[data-field="rules[0].points"] .field-error');
    await points.waitFor();
    assert.match(await points.innerText(), /-100 to 100/);
    await screenshot(page, 'scoring-422');

    await page.getByLabel('Rule 1 points').fill('25');
    await page.getByRole('button', { name: 'Save scoring rules' }).click();
    await page.getByText('Rules version 1.').waitFor();
    const saved = (await api.request('GET', `/v1/properties/${propertyId}/scoring-rules`)).body.rules;
    assert.deepEqual(saved, {
      baseScore: 50,
      goodLeadAtLeast: 70,
      notALeadBelow: 30,
      rules: [
        { name: 'Talked a minute', points: 25, when: { outcomeIn: ['answered'], talkSecondsAtLeast: 60 } },
      ],
    });
    // The saved rules come back into the form.
    assert.equal(await page.getByLabel('Rule 1 name').inputValue(), 'Talked a minute');
    tab.assertClean();
    await tab.close();
  });

  it('exports the bundle, previews a changed one, and applies it', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/bundle`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download bundle' }).click();
    const file = await (await downloading).path();
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(bundle.property, { name: 'Larch House', time_zone: 'America/Chicago' });
    assert.deepEqual(
      bundle.sources.map((s: { name: string }) => s.name),
      ['Google Ads'],
    );

    // A bad bundle: the 422 lists the bundle paths it names.
    await page
      .getByLabel('Bundle JSON')
      .fill(JSON.stringify({ ...bundle, property: { ...bundle.property, time_zone: 'Mars/Olympus' } }));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').filter({ hasText: 'property.time_zone' }).waitFor();

    const changed = { ...bundle, property: { ...bundle.property, time_zone: 'America/Denver' } };
    await page.getByLabel('Bundle JSON').fill(JSON.stringify(changed, null, 2));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Would change:').waitFor();
    const table = page.getByRole('table', { name: 'Bundle changes' });
    await table.getByRole('cell', { name: 'time_zone' }).waitFor();
    await screenshot(page, 'bundle-preview');
    // A preview writes nothing.
    assert.equal((await api.request('GET', `/v1/properties/${propertyId}`)).body.timeZone, 'America/Chicago');

    await page.getByRole('button', { name: 'Apply bundle' }).click();
    await page.getByText('Applied:').waitFor();
    assert.equal((await api.request('GET', `/v1/properties/${propertyId}`)).body.timeZone, 'America/Denver');
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the scoring rules and the export, without change controls', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/scoring`);
    await page.getByText('Rules version 1.').waitFor();
    assert.equal(await page.getByLabel('Rule 1 name').inputValue(), 'Talked a minute');
    assert.equal(await page.getByLabel('Rule 1 name').isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: /Save|Add|Remove/ }).count(), 0);
    await page.goto(`${api.url}/admin/p/${propertyId}/bundle`);
    await page.getByRole('button', { name: 'Download bundle' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Apply|Preview|Copy/ }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
