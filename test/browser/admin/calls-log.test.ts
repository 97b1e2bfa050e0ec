import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { eventually, startTestStack, type TestStack } from '../../support/test-stack';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

const AGENT = '+16175550171';
const VOICEMAIL_NUMBER = '+16175550160';
const DESK_NUMBER = '+16175550161';
const MENU_NUMBER = '+16175550162';

/**
 * The call log, a call's page and live calls in the console, over real calls through the
 * simulator: a voicemail from Zillow and an answered call from the website, filtered by source;
 * the voicemail's timeline, recording and score set by hand with its audit; a call waiting in a
 * menu on the live page.
 */
describe('admin console: call log, call page, live calls', () => {
  let stack: TestStack;
  let browser: Browser;
  let propertyId: string;
  const records: Record<string, any> = {};

  async function placeAndRecord(name: string, script: Parameters<TestStack['sim']['placeCall']>[0]) {
    const placed = await stack.sim.placeCall(script);
    records[name] = await eventually(
      `${name} call record`,
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${placed.call_session_id}`)).body.items[0],
      30_000,
    );
  }

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    browser = await launchChromium();
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/New_York',
    });
    propertyId = p.body.id;
    const base = `/v1/properties/${propertyId}`;
    const zillow = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const website = await stack.api('POST', `${base}/sources`, { name: 'Website' });
    await stack.api('POST', `${base}/voicemail-boxes`, { id: 'leasing', name: 'Leasing' });
    const messages = await stack.api('POST', `${base}/call-flows`, {
      name: 'Messages',
      definition: {
        initialStepId: 'vm',
        steps: [{ id: 'vm', type: 'voicemail', voicemailBoxId: 'leasing', beep: true, maxLengthSeconds: 60 }],
      },
    });
    const menu = await stack.api('POST', `${base}/call-flows`, {
      name: 'Menu',
      definition: {
        initialStepId: 'menu',
        steps: [
          {
            id: 'menu',
            type: 'menu',
            prompt: { kind: 'tts', text: 'Tours, press 1.' },
            options: { '1': 'bye' },
            timeoutSeconds: 30,
            maxRetries: 1,
            fallback: 'bye',
          },
          { id: 'bye', type: 'hangup' },
        ],
      },
    });
    for (const [number, sourceId, callFlowId] of [
      [VOICEMAIL_NUMBER, zillow.body.id, messages.body.id],
      [DESK_NUMBER, website.body.id, undefined],
      [MENU_NUMBER, website.body.id, menu.body.id],
    ]) {
      const n = await stack.api('POST', `${base}/tracking-numbers`, {
        number,
        sourceId,
        forwardTo: AGENT,
        ...(callFlowId ? { callFlowId } : {}),
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
    }
    await Promise.all([
      placeAndRecord('voicemail', {
        from: '+16175550101',
        to: VOICEMAIL_NUMBER,
        caller: [{ hangup_after_s: 20 }],
      }),
      placeAndRecord('answered', {
        from: '+16175550102',
        to: DESK_NUMBER,
        caller: [{ hangup_after_s: 10 }],
        agents: { [AGENT]: { answer_after_s: 1 } },
      }),
    ]);
    // The voicemail's copy is made after the call: the page plays our copy.
    let seen: unknown;
    await eventually(
      'voicemail copied',
      async () => {
        const items = (await stack.api('GET', `/v1/calls/${records.voicemail.id}/recordings`)).body.items;
        seen = items;
        return items.length > 0 && items.every((r: any) => r.status === 'stored') ? true : undefined;
      },
      60_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(seen)}`);
    });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('filters the log by source in the address, opens a call, plays it and scores it by hand', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, '/admin/calls');
    const table = page.getByRole('table', { name: 'Calls, newest first' });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 2);
    await page.getByText('Calls 1–2 of 2').waitFor();

    await page.getByLabel('Source').selectOption({ label: 'Zillow' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/admin\/calls\?sourceId=/);
    await page.getByText('Calls 1–1 of 1').waitFor();
    const row = table.locator('tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /\+16175550101[\s\S]*Zillow[\s\S]*Voicemail/);
    assert.equal(await row.getByRole('img', { name: 'Recorded' }).count(), 1);
    // The filtered view survives a reload: it is all in the address.
    await page.reload();
    await page.getByText('Calls 1–1 of 1').waitFor();
    assert.equal(await page.getByLabel('Source').locator('option:checked').innerText(), 'Zillow');
    await screenshot(page, 'call-log');

    // The export is the api's CSV of the same filters: a header and the one call.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'calls.csv');
    const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    assert.equal(csv.length, 2, csv.join('\n'));
    assert.match(csv[0], /^id,/);
    assert.ok(csv[1].startsWith(records.voicemail.id), csv[1]);

    await row.getByRole('link').click();
    await page.waitForURL(`**/admin/calls/${records.voicemail.id}`);
    await page.getByRole('heading', { name: 'Call from +16175550101' }).waitFor();
    const timeline = page.locator('ol.timeline');
    await timeline.waitFor();
    const entries = await timeline.locator('li').allInnerTexts();
    assert.match(entries[0], /^\+0:00\s+Call received\s+Call from \+16175550101/);
    assert.ok(
      entries.some((e) => /Voicemail/.test(e)),
      entries.join('\n'),
    );
    assert.match(entries.at(-1)!, /Outcome/);
    const audio = page.getByRole('region', { name: 'Recordings' }).locator('audio');
    assert.equal(await audio.count(), 1);
    const src = await audio.getAttribute('src');
    assert.match(src!, /^\/media\/recordings\/[0-9a-f-]+\?/);
    // The player's source plays: same origin, signed, no key needed.
    const media = await page.request.get(`${stack.apiUrl}${src}`);
    assert.equal(media.status(), 200);
    assert.equal(media.headers()['content-type'], 'audio/mpeg');
    assert.match(
      await page.getByRole('region', { name: 'Attribution' }).innerText(),
      /Zillow[\s\S]*First-time caller/,
    );

    const score = page.getByRole('region', { name: 'Score', exact: true });
    await score.getByLabel('Lead status').selectOption('good_lead');
    await score.getByLabel('Score', { exact: true }).fill('90');
    await score.getByLabel('Note').fill('Asked for a tour');
    await score.getByRole('button', { name: 'Save score' }).click();
    await score.getByText('set by hand').waitFor();
    const audit = score.getByRole('table', { name: 'Score changes' });
    await audit.waitFor();
    assert.match(await audit.locator('tbody tr').first().innerText(), /90 Good lead[\s\S]*Asked for a tour/);
    const saved = await stack.api('GET', `/v1/calls/${records.voicemail.id}`);
    assert.deepEqual(
      [saved.body.score, saved.body.leadStatus, saved.body.scoreSource],
      [90, 'good_lead', 'manual'],
    );
    await page.mouse.wheel(0, -10_000);
    await screenshot(page, 'call');

    await score.getByRole('button', { name: 'Back to the rules' }).click();
    await score.getByText('by the rules').waitFor();
    // The audit reloads after the call: wait for its second row.
    await audit.locator('tbody tr').nth(1).waitFor();
    assert.match(await audit.locator('tbody tr').nth(1).innerText(), /Back to rules|Rules/i);

    // An id the key cannot reach reads as missing.
    await page.goto(`${stack.apiUrl}/admin/calls/${randomUUID()}`);
    await page.getByText('Not found.').waitFor();
    tab.assertClean();
    await tab.close();
  });

  it('shows a call waiting in a menu on the live page, with its current step', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, '/admin/live');
    await page.getByText('No call in progress.').waitFor();
    const placed = await stack.sim.placeCall({
      from: '+16175550103',
      to: MENU_NUMBER,
      caller: [{ hangup_after_s: 80 }],
    });
    const table = page.getByRole('table', { name: 'Calls in progress' });
    const row = table.locator('tbody tr').filter({ hasText: '+16175550103' });
    await row.filter({ hasText: 'Menu' }).waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), /Birch Court[\s\S]*\+16175550103[\s\S]*Website[\s\S]*Menu/);
    assert.equal(
      await row.getByRole('link', { name: 'In the call log' }).getAttribute('href'),
      `/admin/calls?callSessionId=${encodeURIComponent(placed.call_session_id)}`,
    );
    await screenshot(page, 'live-calls');
    tab.assertClean();
    await tab.close();
  });
});
