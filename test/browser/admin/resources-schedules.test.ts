import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * Schedules in /admin: an admin builds a week in the grid (windows on two days) with a holiday,
 * sees it listed, edits it, gets the api's 422 beside the input that caused it, and cannot delete
 * a schedule a call flow uses (the 409 names the flow). A read-only key sees it all, unchangeable.
 */
describe('admin console: schedules', () => {
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
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
    readOnlyKey = ro.body.key;
    // A schedule a call flow uses, so that deleting it is refused.
    const base = `/v1/properties/${propertyId}`;
    const s = await api.request('POST', `${base}/schedules`, {
      id: 'office',
      name: 'Office',
      weekly: [{ days: ['mon'], start: '09:00', end: '17:00' }],
    });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const f = await api.request('POST', `${base}/call-flows`, {
      name: 'Main line',
      definition: {
        initialStepId: 'hours',
        steps: [
          {
            id: 'hours',
            type: 'schedule',
            branches: [{ scheduleId: 'office', next: 'bye' }],
            otherwise: 'bye',
          },
          { id: 'bye', type: 'hangup' },
        ],
      },
    });
    assert.equal(f.status, 201, JSON.stringify(f.body));
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('creates a schedule with windows on two days and a holiday, lists it, and edits it', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/schedules`);
    await page.getByRole('heading', { name: 'Schedules' }).waitFor();
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.getByRole('heading', { name: 'New schedule' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Leasing hours');
    await page.getByLabel('Id', { exact: true }).fill('leasing');
    // The new schedule starts Mon–Fri 09:00–17:00; keep Monday and Saturday only.
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      await page.getByRole('button', { name: `Remove ${day} window 1` }).click();
    await page.getByLabel('Monday window 1 closes').fill('12:00');
    await page.getByRole('button', { name: 'Add a window on Monday' }).click();
    await page.getByLabel('Monday window 2 opens').fill('13:00');
    await page.getByLabel('Monday window 2 closes').fill('18:00');
    await page.getByRole('button', { name: 'Add a window on Saturday' }).click();
    await page.getByLabel('Saturday window 1 opens').fill('10:00');
    await page.getByLabel('Saturday window 1 closes').fill('14:00');
    await page.getByRole('button', { name: 'Add a holiday or special day' }).click();
    await page.getByLabel('Name', { exact: true }).nth(1).fill('Christmas');
    await page.getByLabel('Date', { exact: true }).fill('2026-12-25');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.getByRole('heading', { name: 'Schedule: Leasing hours' }).waitFor();
    await page.waitForURL(`**/admin/p/${propertyId}/schedules/leasing`);

    const saved = await api.request('GET', `/v1/properties/${propertyId}/schedules/leasing`);
    assert.deepEqual(saved.body.weekly, [
      { start: '09:00', end: '12:00', days: ['mon'] },
      { start: '13:00', end: '18:00', days: ['mon'] },
      { start: '10:00', end: '14:00', days: ['sat'] },
    ]);
    assert.deepEqual(saved.body.overrides, [{ name: 'Christmas', date: '2026-12-25' }]);

    // The list shows it, with its hours and holiday, and whether it is open now.
    await page.getByRole('link', { name: 'All schedules' }).click();
    const row = page.getByRole('row', { name: /Leasing hours/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Mon 09:00–12:00/);
    assert.match(await row.innerText(), /Christmas/);
    assert.match(await row.innerText(), /(Open|Closed) now/);
    await screenshot(page, 'schedules');

    // Edit: Sunday gets a window, and the schedule its own zone.
    await row.getByRole('link', { name: 'Leasing hours' }).click();
    await page.getByRole('heading', { name: 'Schedule: Leasing hours' }).waitFor();
    await page.getByRole('button', { name: 'Add a window on Sunday' }).click();
    await page.getByLabel('Sunday window 1 opens').fill('11:00');
    await page.getByLabel('Sunday window 1 closes').fill('15:00');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('Saved.').waitFor();
    const edited = await api.request('GET', `/v1/properties/${propertyId}/schedules/leasing`);
    assert.equal(edited.body.timeZone, 'America/New_York');
    assert.deepEqual(edited.body.weekly[3], { start: '11:00', end: '15:00', days: ['sun'] });
    await screenshot(page, 'schedule');
    tab.assertClean();
    await tab.close();
  });

  it("shows the api's 422 beside the field, and the 409 naming the flow that uses a schedule", async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/schedules/office`);
    await page.getByRole('heading', { name: 'Schedule: Office' }).waitFor();
    // A time the api does not read, and a holiday range that ends before it starts.
    await page.getByLabel('Monday window 1 opens').fill('9am');
    await page.getByRole('button', { name: 'Add a holiday or special day' }).click();
    await page.getByLabel('Date', { exact: true }).fill('2026-12-26');
    await page.getByLabel('Through').fill('2026-12-24');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    const startError = page
      .locator('.time-box', { has: page.getByLabel('Monday window 1 opens') })
      .getByRole('alert');
    assert.match(await startError.innerText(), /is not a start time/);
    const throughField = page.locator('[data-field="overrides[0].through"]');
    assert.match(await throughField.getByRole('alert').innerText(), /ends \(2026-12-24\) before it starts/);
    assert.equal(await page.getByLabel('Monday window 1 opens').getAttribute('aria-invalid'), 'true');

    // Deleting it from the list: refused, naming the flow, beside the schedule.
    await page.getByRole('link', { name: 'All schedules' }).click();
    const row = page.getByRole('row', { name: /Office/ });
    await row.getByRole('button', { name: 'Delete schedule Office' }).click();
    await row.getByRole('button', { name: 'Yes, delete schedule Office' }).click();
    assert.match(await row.getByRole('alert').innerText(), /used by call flow "Main line"/);
    const still = await api.request('GET', `/v1/properties/${propertyId}/schedules/office`);
    assert.equal(still.status, 200);
    tab.assertClean();
    await tab.close();
  });

  it('deletes an unused schedule', async () => {
    await api.request('POST', `/v1/properties/${propertyId}/schedules`, {
      id: 'spare',
      name: 'Spare',
      weekly: [],
    });
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/schedules`);
    const row = page.getByRole('row', { name: /Spare/ });
    await row.getByRole('button', { name: 'Delete schedule Spare' }).click();
    await row.getByRole('button', { name: 'Yes, delete schedule Spare' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await api.request('GET', `/v1/properties/${propertyId}/schedules/spare`)).status, 404);
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the schedules without controls that change them', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/schedules`);
    await page.getByRole('row', { name: /Leasing hours/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'New schedule' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Delete/ }).count(), 0);
    await page.getByRole('link', { name: 'Leasing hours' }).click();
    await page.getByRole('heading', { name: 'Schedule: Leasing hours' }).waitFor();
    assert.equal(await page.getByLabel('Saturday window 1 opens').inputValue(), '10:00');
    assert.equal(
      await page
        .getByRole('button')
        .filter({ hasText: /Save|Add|Remove|Delete/ })
        .count(),
      0,
    );
    tab.assertClean();
    await tab.close();
  });
});
