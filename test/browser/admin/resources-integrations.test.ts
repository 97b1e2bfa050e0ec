import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { signEmailWebhook } from '../../../apps/api/src/emails/email-signature';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

const EMAIL_SECRET = 'console-email-webhook-secret';
const DOMAIN = 'track.console.test';

/**
 * Webhooks and texts & emails in the console. A webhook's delivery log is fed by an
 * inbound email (no call needed): the api stores an email.received delivery; without a worker it
 * stays pending, and redelivery starts it again.
 */
describe('admin console: webhooks, texts & emails', () => {
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
  let sourceId: string;
  let readOnlyKey: string;

  before(async () => {
    api = await startApiOnly({ EMAIL_INBOUND_DOMAIN: DOMAIN, EMAIL_WEBHOOK_SECRET: EMAIL_SECRET });
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Juniper Flats',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    sourceId = (await api.request('POST', `/v1/properties/${propertyId}/sources`, { name: 'Apartments.com' }))
      .body.id;
    readOnlyKey = (await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true })).body.key;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** An inbound email to the source's tracking address, as the mail provider posts it. */
  async function receiveEmail(): Promise<void> {
    const addr = await api.request('POST', `/v1/properties/${propertyId}/sources/${sourceId}/email-address`);
    assert.equal(addr.status, 200, JSON.stringify(addr.body));
    const body = JSON.stringify({
      messageId: `<${randomUUID()}@mail.example.com>`,
      from: 'jane@example.com',
      to: [addr.body.address],
      subject: 'Tour on Saturday?',
      text: 'Hello',
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const r = await api.request('POST', '/webhooks/email', body, {
      'content-type': 'application/json',
      'x-switchboard-timestamp': ts,
      'x-switchboard-signature': signEmailWebhook(EMAIL_SECRET, ts, body),
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  it('subscribes a webhook, shows its secret once, lists its deliveries and redelivers one', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/webhooks`);
    await page.getByLabel('URL').fill('not a url');
    await page.getByRole('button', { name: 'Add subscription' }).click();
    await page.locator('[data-field="url"] .field-error').waitFor();

    await page.getByLabel('URL').fill('https://crm.example.com/hooks/switchboard');
    await page.getByLabel(/An email arrived/).check();
    await page.getByRole('button', { name: 'Add subscription' }).click();
    const secret = page.locator('.shown-once code');
    await secret.waitFor();
    assert.match(await secret.innerText(), /\S{16,}/);
    await page.getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.locator('.shown-once').count(), 0);

    await page.getByRole('link', { name: 'https://crm.example.com/hooks/switchboard' }).click();
    await page.getByText('No delivery yet').waitFor();
    await receiveEmail();
    await page.getByRole('button', { name: 'Refresh' }).click();
    const log = page.getByRole('table', { name: 'Deliveries' });
    await log.getByRole('cell', { name: 'email.received' }).waitFor();
    await log.getByRole('cell', { name: 'pending' }).waitFor();
    await screenshot(page, 'webhook-deliveries');
    await log.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('Redelivering the email.received event.').waitFor();
    await log.getByRole('button', { name: 'Attempts' }).click();
    await page.getByText('Not attempted yet.').waitFor();

    // Pausing it is a PATCH of `active`.
    await page.getByLabel('Active').uncheck();
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save subscription' }).click();
    assert.equal((await patched).status(), 200);
    const [hook] = (await api.request('GET', `/v1/properties/${propertyId}/webhooks`)).body.items;
    assert.equal(hook.active, false);
    assert.deepEqual(hook.events, ['call.completed', 'email.received']);
    tab.assertClean();
    await tab.close();
  });

  it('saves text and email routing', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/texts`);
    await page.getByLabel('Forward texts to').fill('+13125550199');
    await page.getByRole('button', { name: 'Save text routing' }).click();
    await page.getByLabel('Forward emails to').fill('leasing@');
    await page.getByRole('button', { name: 'Save email routing' }).click();
    await page.locator('[data-field="forwardTo"] .field-error').waitFor();
    await page.getByLabel('Forward emails to').fill('leasing@juniper.example');
    await page.getByRole('button', { name: 'Save email routing' }).click();
    await page.getByText(/Last changed/).waitFor();
    assert.equal(
      (await api.request('GET', `/v1/properties/${propertyId}/text-routing`)).body.forwardTo,
      '+13125550199',
    );
    assert.equal(
      (await api.request('GET', `/v1/properties/${propertyId}/email-routing`)).body.forwardTo,
      'leasing@juniper.example',
    );
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key these screens without change controls', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/webhooks`);
    await page.getByRole('link', { name: 'https://crm.example.com/hooks/switchboard' }).click();
    await page.getByRole('cell', { name: 'email.received' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Save|Delete|Redeliver/ }).count(), 0);
    // Each screen once its data is on it (a control would be there by then).
    const screens: [string, () => Promise<void>][] = [
      ['webhooks', () => page.getByRole('table', { name: 'Webhook subscriptions' }).waitFor()],
      ['texts', () => page.getByLabel('Forward emails to').waitFor()],
    ];
    for (const [slug, ready] of screens) {
      await page.goto(`${api.url}/admin/p/${propertyId}/${slug}`);
      await ready();
      await page.getByText('Loading…').first().waitFor({ state: 'detached' });
      assert.equal(
        await page.getByRole('button', { name: /Save|Add|Make a new|Delete/ }).count(),
        0,
        `${slug} offers a change to a read-only key`,
      );
    }
    tab.assertClean();
    await tab.close();
  });
});
