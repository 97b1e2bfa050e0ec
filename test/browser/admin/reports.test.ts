import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import type { CallOutcome } from '@switchboard/contracts';
import { openDataSource } from '@switchboard/persistence';
import { callRecordSaver } from '../../support/call-records';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/** Calls of a Chicago property over three local days (UTC−6 in January). */
const CALLS: {
  source: 'zillow' | 'google';
  at: string;
  outcome: CallOutcome;
  campaign?: string;
  prior: number;
}[] = [
  { source: 'zillow', at: '2026-01-10T15:00:00Z', outcome: 'answered', campaign: 'winter', prior: 0 },
  { source: 'zillow', at: '2026-01-10T16:30:00Z', outcome: 'voicemail', campaign: 'winter', prior: 1 },
  { source: 'google', at: '2026-01-10T23:00:00Z', outcome: 'abandoned', prior: 0 },
  { source: 'zillow', at: '2026-01-12T14:00:00Z', outcome: 'answered', campaign: 'spring', prior: 0 },
  { source: 'google', at: '2026-01-12T15:10:00Z', outcome: 'answered', campaign: 'winter', prior: 2 },
  // Jan 13 00:30 in Chicago: outside the range.
  { source: 'google', at: '2026-01-13T06:30:00Z', outcome: 'answered', prior: 0 },
];
const FROM = '2026-01-10';
const TO = '2026-01-12';

/** The numbers a chart's table shows, row by row. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  const table = page.getByRole('table', { name, exact: true });
  await table.waitFor({ state: 'attached' });
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    );
}

/**
 * Reports in the console draw the api's summary: each chart's table has the same numbers as
 * GET /v1/reports/calls/summary for the same property and days.
 */
describe('admin console: reports, texts and emails', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let browser: Browser;
  let propertyId: string;
  let zillowId: string;

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    const ids: Record<string, { id: string; number: string; name: string }> = {};
    for (const [key, name, number] of [
      ['zillow', 'Zillow', '+13125550101'],
      ['google', 'Google Ads', '+13125550102'],
    ]) {
      const s = await api.request('POST', `/v1/properties/${propertyId}/sources`, { name });
      ids[key] = { id: s.body.id, number, name };
    }
    zillowId = ids.zillow.id;
    ds = await openDataSource(api.dbUrl);
    const numbers: { id: string; number: string }[] = [];
    for (const key of ['zillow', 'google']) {
      const [n]: { id: string }[] = await ds.query(
        `INSERT INTO tracking_numbers (property_id, source_id, number, forward_to)
         VALUES ($1, $2, $3, '+13125550111') RETURNING id`,
        [propertyId, ids[key].id, ids[key].number],
      );
      numbers.push({ id: n.id, number: ids[key].number });
    }
    const save = callRecordSaver(ds);
    for (const [i, c] of CALLS.entries()) {
      const src = ids[c.source];
      await save({
        workflowId: `call-r${i}`,
        callSessionId: `session-r${i}`,
        callControlId: `v3:r${i}`,
        from: `+1312555020${i}`,
        to: src.number,
        propertyId,
        trackingNumberId: numbers.find((n) => n.number === src.number)!.id,
        sourceId: src.id,
        sourceName: src.name,
        startedAt: c.at,
        answeredAt: c.outcome === 'answered' ? new Date(Date.parse(c.at) + 4000).toISOString() : null,
        endedAt: new Date(Date.parse(c.at) + 60_000).toISOString(),
        outcome: c.outcome,
        answeredBy: c.outcome === 'answered' ? '+13125550111' : null,
        hangupCause: 'normal_clearing',
        path: [],
        attribution: {
          kind: null,
          sessionId: null,
          keyword: null,
          campaign: c.campaign ?? null,
          landingPage: null,
          activePage: null,
          referrer: null,
          utmSource: null,
          utmMedium: null,
          utmCampaign: c.campaign ?? null,
          utmTerm: null,
          utmContent: null,
          priorCalls: c.prior,
        },
      });
    }
  });
  after(async () => {
    await browser?.close();
    await ds?.destroy();
    await api?.stop();
  });

  it("draws the summary's numbers for the chosen property and days", async () => {
    const summary = async (groupBy?: string) => {
      const q = new URLSearchParams({ propertyId, from: FROM, to: TO, ...(groupBy ? { groupBy } : {}) });
      const res = await api.request('GET', `/v1/reports/calls/summary?${q.toString()}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const [totals, bySource, byDay, byCampaign] = await Promise.all([
      summary(),
      summary('source'),
      summary('day'),
      summary('campaign'),
    ]);
    assert.equal(totals.totals.calls, 5);

    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/reports?propertyId=${propertyId}&from=${FROM}&to=${TO}`);
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    const stat = (label: string) => page.locator('.stat').filter({ hasText: label }).locator('dd');
    await stat('Calls').first().waitFor();
    assert.equal(await stat('Answered').innerText(), String(totals.totals.answered));
    assert.equal(await page.locator('.stat dd').first().innerText(), String(totals.totals.calls));
    assert.equal(
      await stat('Answer rate').innerText(),
      `${Math.round((100 * totals.totals.answered) / totals.totals.calls)}%`,
    );

    // Bars by source: the api's rows, busiest first.
    const chart = page.getByRole('figure', { name: /Calls by source/ });
    await chart.getByRole('button', { name: 'Show table' }).click();
    await chart.getByRole('button', { name: 'Hide table' }).waitFor();
    assert.deepEqual(
      await tableRows(page, 'Calls by source'),
      bySource.rows.map((r: any) => [r.label, String(r.calls)]),
    );
    assert.equal(await chart.locator('svg rect').count(), bySource.rows.length);

    // Days: every day of the range, those without calls at 0.
    const days = await tableRows(page, 'Calls by day');
    assert.deepEqual(
      days.map(([d]) => d),
      ['2026-01-10', '2026-01-11', '2026-01-12'],
    );
    const apiDays = new Map(byDay.rows.map((r: any) => [r.key, String(r.calls)]));
    assert.deepEqual(
      days.map(([d, n]) => [d, n]),
      days.map(([d]) => [d, apiDays.get(d) ?? '0']),
    );

    assert.deepEqual(
      await tableRows(page, 'Calls by campaign'),
      byCampaign.rows.map((r: any) => [r.label ?? r.key ?? '(none)', String(r.calls)]),
    );
    const split = await tableRows(page, 'First-time vs repeat callers');
    assert.deepEqual(
      split.map(([who, n]) => [who, n]),
      [
        ['First-time', String(totals.totals.firstTime)],
        ['Repeat', String(totals.totals.calls - totals.totals.firstTime)],
      ],
    );
    // The heatmap's cells add up to the calls.
    const week = await tableRows(page, 'Calls by hour of the week');
    assert.equal(
      week.flatMap((r) => r.slice(1)).reduce((a, n) => a + Number(n), 0),
      totals.totals.calls,
    );
    await screenshot(page, 'reports');
    tab.assertClean();
    await tab.close();
  });

  it("lists the property's text conversations and emails by source, and opens each", async () => {
    const [conv]: { id: string }[] = await ds.query(
      `INSERT INTO text_conversations (property_id, tracking_number, external_number, source_id, source_name)
       VALUES ($1, '+13125550101', '+13125550177', $2, 'Zillow') RETURNING id`,
      [propertyId, zillowId],
    );
    for (const [direction, status, body, at] of [
      ['inbound', 'received', 'Is the 2-bedroom free?', '2026-01-10T20:00:00Z'],
      ['outbound', 'sent', 'Yes, from March.', '2026-01-10T20:05:00Z'],
    ])
      await ds.query(
        `INSERT INTO text_messages (conversation_id, direction, kind, body, status, occurred_at)
         VALUES ($1, $2, 'text', $3, $4, $5)`,
        [conv.id, direction, body, status, at],
      );
    const [email]: { id: string }[] = await ds.query(
      `INSERT INTO emails (property_id, source_id, source_name, message_id, recipient, from_address, to_addresses,
                           subject, text_body, received_at, forward_status)
       VALUES ($1, $2, 'Zillow', '<t1@x>', 'zillow@in.example', 'jane@example.com', '["zillow@in.example"]',
               'Tour on Saturday?', 'Can I see it Saturday?', '2026-01-11T15:00:00Z', 'no_destination')
       RETURNING id`,
      [propertyId, zillowId],
    );

    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/texts/inbox`);
    const texts = page.getByRole('table', { name: 'Text conversations, most recent first' });
    await texts.waitFor();
    assert.match(
      await texts.locator('tbody tr').innerText(),
      /\+13125550177[\s\S]*\+13125550101[\s\S]*Zillow/,
    );
    // Another source has none.
    await page.getByLabel('Source').selectOption({ label: 'Google Ads' });
    await page.getByText('No text conversation.').waitFor();
    assert.match(page.url(), /sourceId=/);
    await page.getByLabel('Source').selectOption({ label: 'Zillow' });
    await texts.locator('tbody tr').getByRole('link').click();
    await page.getByRole('heading', { name: 'Texts with +13125550177' }).waitFor();
    assert.deepEqual(
      (await page.locator('.message-body').allInnerTexts()).map((t) => t.trim()),
      ['Is the 2-bedroom free?', 'Yes, from March.'],
    );
    await page.getByLabel('Reply').waitFor();

    await page.goto(`${api.url}/admin/p/${propertyId}/texts/inbox?tab=emails`);
    const emails = page.getByRole('table', { name: 'Received emails, newest first' });
    await emails.waitFor();
    assert.match(
      await emails.locator('tbody tr').innerText(),
      /jane@example.com[\s\S]*Tour on Saturday\?[\s\S]*No destination/,
    );
    await emails.locator('tbody tr').getByRole('link').click();
    await page.waitForURL(`**/texts/emails/${email.id}`);
    await page.getByRole('heading', { name: 'Tour on Saturday?' }).waitFor();
    await page.getByText('Can I see it Saturday?').waitFor();
    await page.getByRole('button', { name: 'Forward again' }).waitFor();
    tab.assertClean();
    await tab.close();
  });
});
