import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestAccount } from '../../support/accounts';
import { eventually, startTestStack, type TestStack } from '../../support/test-stack';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

const TRACKING = '+16175550150';
const ANN = '+16175550111';
const BOB = '+16175550112';
const CALLER = '+16175550101';
/** Tuesday 1 December 2026, 10:00 in Chicago: office hours. */
const TUESDAY_10AM = '2026-12-01T16:00:00Z';

/** Runs a test's steps; if one fails, what the page showed is kept beside the test's temp files. */
async function keepScreenOnFailure(page: Page, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (err) {
    const file = path.join(os.tmpdir(), `admin-journey-failure-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${String(err)}\n(the page at the failure: ${file})`, { cause: err });
  }
}

/**
 * Issue 19's journey, end to end on the whole system (api, worker, Temporal, PostgreSQL, the
 * simulator as Telnyx): an admin signs in, draws a flow with a schedule, a two-level menu and a
 * round-robin ring group, sees a problem on the step that causes it and fixes it, tries the flow,
 * saves it, assigns it to a number; a caller rings that number and presses through the menus; the
 * admin finds the call in the log with its timeline and recording. A read-only key cannot save, and
 * another account's ids read "Not found".
 */
describe('admin console journey: draw a flow, try it, save, assign, call, find the call', () => {
  let stack: TestStack;
  let browser: Browser;
  let propertyId: string;
  let flowPath: string;
  let callId: string;

  const ok = async (method: string, path: string, body?: object) => {
    const r = await stack.api(method, path, body);
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
  const editStep = (page: Page, id: string) =>
    page.getByRole('button', { name: `Edit ${id}`, exact: true }).click();

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    browser = await launchChromium();
    propertyId = (await ok('POST', '/v1/properties', { name: 'Maple Court', timeZone: 'America/Chicago' }))
      .id;
    const base = `/v1/properties/${propertyId}`;
    await ok('POST', `${base}/schedules`, {
      id: 'office',
      name: 'Office hours',
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
    });
    for (const [id, name, number] of [
      ['ann', 'Ann', ANN],
      ['bob', 'Bob', BOB],
    ])
      await ok('POST', `${base}/agents`, { id, name, endpoint: { kind: 'phone', number } });
    await ok('POST', `${base}/ring-groups`, {
      id: 'leasing',
      name: 'Leasing team',
      strategy: 'round_robin',
      members: [{ agentId: 'ann' }, { agentId: 'bob' }],
      agentRingTimeoutSeconds: 15,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    });
    const zillow = await ok('POST', `${base}/sources`, { name: 'Zillow' });
    await ok('POST', `${base}/tracking-numbers`, { number: TRACKING, sourceId: zillow.id, forwardTo: ANN });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('builds, checks, tries, saves and assigns a flow on the canvas', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await keepScreenOnFailure(page, async () => {
      await signIn(page, stack.apiUrl, stack.apiKey);
      await page.getByRole('link', { name: 'Call flows' }).click();
      await page.getByLabel('Flow name').fill('Main line');
      await page.getByRole('button', { name: 'New flow' }).click();
      await page.getByRole('heading', { name: 'Main line' }).waitFor();
      flowPath = new URL(page.url()).pathname;
      await page.getByLabel('Record calls').check();
      // Recorded callers are told first (docs/flows.md, "Recording disclosure").
      await page.getByLabel('Recording disclosure: plays').selectOption('tts');
      await page.getByLabel('Recording disclosure: text').fill('This call may be recorded.');

      // A schedule first, then two menus and the round-robin ring group.
      await page.getByRole('button', { name: 'Add schedule' }).click();
      await page.getByRole('button', { name: 'Add schedule branch' }).click();
      await page.getByRole('button', { name: 'Start calls here' }).click();
      await page.getByRole('button', { name: 'Add menu' }).click();
      await page.getByRole('button', { name: 'Add menu' }).click();
      await page.getByRole('button', { name: 'Add ring group' }).click();
      await page.getByLabel('Ring group', { exact: true }).selectOption('leasing');
      await node(page, 'Ring group: ring_group').getByText('Ring group: Leasing team, round robin').waitFor();

      await editStep(page, 'schedule');
      await page.getByLabel('Office hours open: go to').selectOption('menu');
      await page.getByLabel('Closed/otherwise: go to').selectOption('goodbye');
      await editStep(page, 'menu_2');
      await page.getByLabel('Label', { exact: true }).fill('Leasing menu');
      await page.getByRole('button', { name: 'Add key' }).click();
      await page.getByLabel('Press 1: go to').selectOption('ring_group');
      await page.getByLabel('Timeout/invalid → fallback: go to').selectOption('menu');

      await editStep(page, 'menu');
      await page.getByRole('button', { name: 'Add key' }).click();
      await page.getByLabel('Press 1: go to').selectOption('menu_2');
      await page.getByLabel('Timeout/invalid → fallback: go to').selectOption('goodbye');
      // A second key with nowhere to go: the problem shows on the menu's node and in its form.
      await page.getByRole('button', { name: 'Add key' }).click();
      const problem = 'Step "menu" has no options.2: it needs the id of the step to go to next.';
      await node(page, 'Menu: menu').getByText(problem).waitFor();
      await page.locator('.step-form').getByText(problem).waitFor();
      await page.getByLabel('Press 2: go to').selectOption('goodbye');
      await page.getByText('None: the flow can be saved.').waitFor();
      assert.equal(await node(page, 'Menu: menu').getByText(problem).count(), 0);

      // Try it before saving: a caller on Tuesday at 10:00 presses 1, then 1.
      await page.getByRole('tab', { name: 'Try it' }).click();
      const tryIt = page.getByRole('region', { name: 'Try it' });
      await tryIt.getByLabel('Date and time (America/Chicago)').fill('2026-12-01T10:00');
      await tryIt.getByLabel('Menu prompt 1', { exact: true }).fill('1');
      await tryIt.getByRole('button', { name: 'Add a menu prompt' }).click();
      await tryIt.getByLabel('Menu prompt 2', { exact: true }).fill('1');
      await tryIt.getByRole('button', { name: 'Run' }).click();
      const steps = tryIt.getByRole('list', { name: 'Path taken' }).getByRole('listitem');
      await steps.first().waitFor();
      const path = await steps.allInnerTexts();
      assert.deepEqual(
        path.map((s) => s.split(' — ')[0]),
        ['schedule', 'menu', 'Leasing menu', 'ring_group'],
        path.join('\n'),
      );
      // The path is lit on the canvas.
      await node(page, 'Ring group: ring_group').getByText('On the path tried').waitFor();
      assert.equal(await node(page, 'Hang up: goodbye').getByText('On the path tried').count(), 0);

      await page.getByRole('button', { name: 'Save flow' }).click();
      await page.getByText('Saved as version 2.').waitFor();
      await page.getByRole('button', { name: 'Lay out again' }).click();
      await page.getByRole('button', { name: 'Fit View' }).click();
      await screenshot(page, 'flow-editor');

      // Use: the number runs this flow from now on.
      await page.getByRole('tab', { name: 'Use' }).click();
      const use = page.getByRole('region', { name: 'Use' });
      await use.getByLabel('Assign to a number').selectOption({ label: `${TRACKING} (now forwarding)` });
      await use.getByRole('button', { name: 'Assign', exact: true }).click();
      await use
        .getByRole('table', { name: 'Tracking numbers that run this flow' })
        .getByText(TRACKING)
        .waitFor();
    });
    tab.assertClean();
    await tab.close();
  });

  it('routes a real call by the saved flow, and the admin finds it in the log with its timeline and recording', async () => {
    const placed = await stack.sim.placeCall({
      from: CALLER,
      to: TRACKING,
      at: TUESDAY_10AM,
      caller: [{ press: '1' }, { press: '1' }, { hangup_after_s: 4 }],
      agents: { [ANN]: { answer_after_s: 1 }, [BOB]: { answer_after_s: 1 } },
    });
    const call = await eventually(
      'call record with its recording',
      async () => {
        const c = (await stack.api('GET', `/v1/calls?callSessionId=${placed.call_session_id}`)).body.items[0];
        if (!c) return undefined;
        const recs = (await stack.api('GET', `/v1/calls/${c.id}/recordings`)).body.items as {
          status: string;
        }[];
        return recs.some((r) => r.status === 'stored') ? c : undefined;
      },
      60_000,
    );
    callId = call.id;
    assert.equal(call.outcome, 'answered');

    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey);
    await page.getByRole('link', { name: 'Call log' }).click();
    const row = page
      .getByRole('table', { name: 'Calls, newest first' })
      .getByRole('row')
      .filter({ hasText: CALLER });
    await row.getByRole('img', { name: 'Recorded' }).waitFor();
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: `Call from ${CALLER}` }).waitFor();
    // The timeline loads after the call itself: read it once its first entry is on the page.
    const timelineEntries = page.locator('ol.timeline li');
    await timelineEntries.first().waitFor();
    const entries = await timelineEntries.allInnerTexts();
    const text = entries.join('\n');
    // The path the flow took, as the caller lived it: office hours, 1 at each menu, Ann answered.
    for (const step of [
      /Step "schedule"/,
      /Caller pressed 1 at menu "menu"/,
      /Caller pressed 1 at menu "menu_2"/,
      /Step "ring_group": round_robin/,
      /Ann answered/,
      /Recording saved/,
      /Answered by Ann/,
    ])
      assert.match(text, step, text);
    assert.equal(await page.getByRole('region', { name: 'Recordings' }).locator('audio').count(), 1);
    assert.match(await page.getByRole('region', { name: 'Attribution' }).innerText(), /Zillow/);
    tab.assertClean();
    await tab.close();
  });

  it('lets a read-only key look but not save', async () => {
    const key = (await ok('POST', '/v1/api-keys', { name: 'viewer', readOnly: true })).key;
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, key, flowPath);
    await node(page, 'Menu: Leasing menu').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save flow' }).count(), 0);
    await page.goto(`${stack.apiUrl}/admin/calls/${callId}`);
    await page.getByRole('heading', { name: `Call from ${CALLER}` }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save score' }).count(), 0);
    tab.assertClean();
    await tab.close();
  });

  it("shows another account's flow and call as Not found", async () => {
    const other = await createTestAccount(stack.apiUrl, 'Another agency');
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, other.apiKey, flowPath);
    await page.getByText('Not found.').first().waitFor();
    assert.equal(await page.getByText('Leasing menu').count(), 0);
    await page.goto(`${stack.apiUrl}/admin/calls/${callId}`);
    await page.getByText('Not found.').first().waitFor();
    assert.equal(await page.getByText(CALLER).count(), 0);
    await tab.close();
  });
});
