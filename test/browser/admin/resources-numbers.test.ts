import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

const CARRIER_KEY = 'console-numbers-carrier-key';

/**
 * Sources and tracking numbers in the console: a standard source from the catalog, a custom one
 * with a DNI rule; a number searched, ordered for a source, reassigned and released. The api
 * orders from the Telnyx simulator (no worker needed); a read-only key sees both screens without
 * any control that changes them.
 */
describe('admin console: sources and tracking numbers', () => {
  let sim: TelnyxSimulator;
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
  let readOnlyKey: string;

  before(async () => {
    sim = await startTelnyxSimulator({ apiKey: CARRIER_KEY });
    api = await startApiOnly({
      TELNYX_API_KEY: CARRIER_KEY,
      TELNYX_BASE_URL: sim.apiBaseUrl,
      TELNYX_CONNECTION_ID: sim.connectionId,
    });
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', { name: 'Aspen Row', timeZone: 'America/Denver' });
    propertyId = p.body.id;
    const ro = await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    readOnlyKey = ro.body.key;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
    await sim?.close();
  });

  const sources = async () =>
    (await api.request('GET', `/v1/properties/${propertyId}/sources`)).body.items as {
      id: string;
      name: string;
      standardKey: string | null;
      dniRules: unknown[];
    }[];

  it('adds a standard source and a custom one with a DNI rule', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/sources`);
    await page.getByLabel('Standard source', { exact: true }).selectOption({ label: 'Google Ads' });
    await page.getByRole('button', { name: 'Add standard source' }).click();
    await page.getByRole('link', { name: 'Google Ads' }).waitFor();
    // The catalog offers each standard source once.
    assert.equal(
      await page
        .getByLabel('Standard source', { exact: true })
        .locator('option', { hasText: 'Google Ads' })
        .count(),
      0,
    );

    await page.getByLabel('Name', { exact: true }).fill('Zillow');
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('link', { name: 'Zillow' }).click();
    await page.getByRole('heading', { name: 'Source: Zillow' }).waitFor();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel('Rule 1', { exact: true }).selectOption('referrer_domain');
    // An empty domain list is the api's 422, shown beside the rule's input.
    await page.getByRole('button', { name: 'Save source' }).click();
    await page.getByText('must list at least one domain').waitFor();
    await page.getByLabel('Rule 1 domains').fill('zillow.com\ntrulia.com');
    await page.getByRole('button', { name: 'Save source' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal(await page.getByText('must list at least one domain').count(), 0);
    await screenshot(page, 'source-dni-rules');

    const all = await sources();
    assert.deepEqual(
      all.map((s) => [s.name, s.standardKey]),
      [
        ['Google Ads', 'google_ads'],
        ['Zillow', null],
      ],
    );
    assert.deepEqual(all[1].dniRules, [{ kind: 'referrer_domain', domains: ['zillow.com', 'trulia.com'] }]);
    tab.assertClean();
    await tab.close();
  });

  it('orders a number for a source, reassigns it, and releases it', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    page.on('dialog', (d) => void d.accept());
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/numbers`);
    await page.getByText('No tracking number yet').waitFor();
    // A bad area code is the api's 422 beside the input.
    await page.getByLabel('Area code').fill('12');
    await page.getByRole('button', { name: 'Search numbers' }).click();
    await page.getByText('areaCode must be a 3-digit US area code').waitFor();
    await page.getByLabel('Area code').fill('720');
    await page.getByLabel('Contains').fill('0142');
    await page.getByRole('button', { name: 'Search numbers' }).click();
    await page.getByRole('button', { name: 'Order +17205550142' }).waitFor();

    const order = page.getByRole('region', { name: 'Order a number' });
    await order.getByLabel('Source').selectOption({ label: 'Zillow' });
    await order.getByLabel('Forward to').fill('+17205550111');
    await page.getByRole('button', { name: 'Order +17205550142' }).click();
    await page.getByText('Ordered +17205550142.').waitFor();
    const table = page.getByRole('table', { name: 'Tracking numbers' });
    await table.getByRole('cell', { name: '+17205550142', exact: true }).waitFor();
    await table.getByRole('link', { name: 'Zillow' }).waitFor();
    await screenshot(page, 'numbers');

    await page.getByRole('button', { name: 'Edit +17205550142' }).click();
    const edit = page.getByRole('region', { name: 'Edit +17205550142' });
    await edit.getByLabel('Source').selectOption({ label: 'Google Ads' });
    await edit.getByRole('button', { name: 'Save number' }).click();
    await table.getByRole('link', { name: 'Google Ads' }).waitFor();
    const [n] = (await api.request('GET', `/v1/properties/${propertyId}/tracking-numbers`)).body.items;
    assert.equal(n.sourceId, (await sources()).find((s) => s.name === 'Google Ads')!.id);

    await page.getByRole('button', { name: 'Release +17205550142' }).click();
    await page.getByText('No tracking number yet').waitFor();
    assert.deepEqual(
      (await api.request('GET', `/v1/properties/${propertyId}/tracking-numbers`)).body.items,
      [],
    );

    // A number bought elsewhere is added without ordering; without a flow it needs a destination.
    const add = page.getByRole('region', { name: 'Add a number you already have' });
    await add.getByLabel('Phone number').fill('+1 720 555 0177');
    await add.getByLabel('Source').selectOption({ label: 'Google Ads' });
    await add.getByRole('button', { name: 'Add number' }).click();
    await add.locator('[data-field="forwardTo"] .field-error').waitFor();
    await add.getByLabel('Forward to').fill('+17205550111');
    await add.getByRole('button', { name: 'Add number' }).click();
    await table.getByRole('cell', { name: '+17205550177', exact: true }).waitFor();
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the sources and numbers without change controls', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/numbers`);
    await page.getByRole('cell', { name: '+17205550177', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Edit|Release|Order|Search/ }).count(), 0);
    await page.goto(`${api.url}/admin/p/${propertyId}/sources`);
    await page.getByRole('link', { name: 'Zillow' }).click();
    await page.getByRole('heading', { name: 'Source: Zillow' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Save|Add|Delete|Remove|Issue/ }).count(), 0);
    assert.equal(await page.getByLabel('Rule 1 domains').isDisabled(), true);
    tab.assertClean();
    await tab.close();
  });
});
