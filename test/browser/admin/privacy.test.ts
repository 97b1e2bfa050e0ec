import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { eventually, startTestStack, type TestStack } from '../../support/test-stack';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * Privacy: the account's retention policy (a bad period named beside its input), a dry run and a
 * real run with their counts, one real run at a time, and a property's overrides on its settings.
 * The whole stack runs: the runs are real workflows over an email of 40 days ago.
 */
describe('admin console: privacy (retention policy, runs, property overrides)', () => {
  let stack: TestStack;
  let browser: Browser;
  let propertyId: string;

  before(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
    propertyId = (
      await stack.api('POST', '/v1/properties', { name: 'Elm Yard', timeZone: 'America/Chicago' })
    ).body.id;
    await stack.dataSource.query(
      `INSERT INTO emails (property_id, source_name, message_id, recipient, from_address, to_addresses, subject,
                           text_body, received_at, forward_status)
       VALUES ($1, 'Zillow', '<old@example.com>', 'leasing@inbound.test', 'renter@example.com',
               '["leasing@inbound.test"]', 'Tour?', 'Call me', now() - interval '40 days', 'no_destination')`,
      [propertyId],
    );
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('saves the policy, shows a bad period beside its input, and runs a dry run and a real run', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, '/admin/privacy');
    await page.getByRole('heading', { name: 'Retention policy' }).waitFor();
    await page.getByText('No runs yet.').waitFor();

    await page.getByLabel('Emails (days)').fill('0');
    await page.getByRole('button', { name: 'Save retention policy' }).click();
    const error = page.locator('[data-field="emails"] .field-error');
    await error.waitFor();
    assert.match(await error.innerText(), /whole number of days from 1 to 3650/);

    await page.getByLabel('Emails (days)').fill('30');
    await page.getByRole('button', { name: 'Save retention policy' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal((await stack.api('GET', '/v1/privacy/retention')).body.emails, 30);

    // The dry run counts the old email and leaves it.
    await page.getByRole('button', { name: 'Dry run' }).click();
    const table = page.getByRole('table', { name: 'Retention runs' });
    const dryRow = table.getByRole('row').filter({ hasText: 'Dry run' });
    await dryRow.filter({ hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
    assert.equal((await dryRow.getByRole('cell').nth(7).innerText()).trim(), '1');
    const [kept] = await stack.dataSource.query(`SELECT subject FROM emails WHERE property_id = $1`, [
      propertyId,
    ]);
    assert.equal(kept.subject, 'Tour?');
    await screenshot(page, 'privacy');

    // The real run strips it.
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Run now' }).click();
    const runRow = table
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Run', exact: true }) });
    await runRow.filter({ hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
    assert.equal((await runRow.getByRole('cell').nth(7).innerText()).trim(), '1');
    const stripped = await eventually('email stripped', async () => {
      const [e] = await stack.dataSource.query(`SELECT subject FROM emails WHERE property_id = $1`, [
        propertyId,
      ]);
      return e.subject === '' ? e : undefined;
    });
    assert.equal(stripped.subject, '');
    tab.assertClean();
    await tab.close();
  });

  it("keeps a property's data forever on its settings, showing what applies", async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, `/admin/p/${propertyId}/settings`);
    await page.getByRole('heading', { name: 'Retention' }).waitFor();
    const emails = page.getByLabel('Emails on this property');
    await emails.fill('always');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.locator('[data-field="emails"] .field-error').waitFor();

    await page.getByLabel('Emails on this property').fill('forever');
    await page.getByLabel('Texts on this property').fill('7');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.locator('[data-field="emails"]').getByText('Now: kept until erased').waitFor();
    await page.locator('[data-field="texts"]').getByText('Now: 7 days').waitFor();
    const saved = (await stack.api('GET', `/v1/properties/${propertyId}/retention`)).body;
    assert.equal(saved.overrides.emails, 'forever');
    assert.equal(saved.effective.texts, 7);
    tab.assertClean();
    await tab.close();
  });
});
