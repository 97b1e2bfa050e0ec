import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { eventually, startTestStack, type TestStack } from '../../support/test-stack';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

const PERSON = '+16125550177';
const MESSAGES = '+16125550160';
const AGENT = '+16125550171';

/** The lists of an export document that hold what is known about the person. */
const EXPORT_LISTS = [
  'calls',
  'voicemails',
  'textConversations',
  'emails',
  'forms',
  'visitorSessions',
  'conversions',
] as const;

/** Clicks Export in the export form and reads the JSON file the browser downloaded. */
async function downloadExport(page: Page, phone: string): Promise<Record<string, any>> {
  const form = page.getByRole('form', { name: "Export a person's data" });
  await form.getByLabel('Phone number', { exact: true }).fill(phone);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: 'Export' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^privacy-export-[0-9a-f-]{36}\.json$/);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

/**
 * The console's privacy requests page over a real caller: a voicemail left through the simulator
 * is in the person's export; a bad number is refused beside its field; the erasure, confirmed,
 * ends done with its counts; the audit log lists the exports and the erasure by token; the export
 * is then empty. A read-only key sees why it may not, and no control.
 */
describe('admin console: privacy requests', () => {
  let stack: TestStack;
  let browser: Browser;
  let callId: string;

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    browser = await launchChromium();
    const p = await stack.api('POST', '/v1/properties', { name: 'Cedar Point', timeZone: 'America/Chicago' });
    const base = `/v1/properties/${p.body.id}`;
    const source = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    await stack.api('POST', `${base}/voicemail-boxes`, { id: 'leasing', name: 'Leasing' });
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'Messages',
      definition: {
        initialStepId: 'vm',
        steps: [{ id: 'vm', type: 'voicemail', voicemailBoxId: 'leasing', beep: true, maxLengthSeconds: 60 }],
      },
    });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: MESSAGES,
      sourceId: source.body.id,
      forwardTo: AGENT,
      callFlowId: flow.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const placed = await stack.sim.placeCall({
      from: PERSON,
      to: MESSAGES,
      caller: [{ hangup_after_s: 20 }],
    });
    const record = await eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${placed.call_session_id}`)).body.items[0],
      30_000,
    );
    assert.equal(record.outcome, 'voicemail');
    callId = record.id;
    await eventually(
      'voicemail copied',
      async () => {
        const items = (await stack.api('GET', `/v1/calls/${callId}/recordings`)).body.items as any[];
        return items.length > 0 && items.every((r) => r.status === 'stored') ? true : undefined;
      },
      60_000,
    );
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('exports the caller, refuses a bad number by its field, erases them, and audits both', async () => {
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, stack.apiKey, '/admin/calls');
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Privacy requests' })
      .click();
    await page.waitForURL(/\/admin\/privacy-requests$/);
    await page.getByRole('heading', { name: 'Privacy requests', level: 1 }).waitFor();
    await page.getByText('No erasure yet.').waitFor();

    // Before the erasure the export holds the call, with its voicemail recording.
    const before = await downloadExport(page, PERSON);
    assert.deepEqual(before.subject, { kind: 'phone', value: PERSON });
    assert.deepEqual(
      before.calls.map((c: any) => [c.id, c.from, c.outcome, c.recordings.length]),
      [[callId, PERSON, 'voicemail', 1]],
    );
    assert.equal(before.voicemails.length, 1);

    // A number that cannot be one: the api's 422 shows beside the field, and nothing is erased.
    const erase = page.getByRole('form', { name: 'Erase a person' });
    await erase.getByLabel('Phone number', { exact: true }).fill('12');
    await erase.getByRole('button', { name: 'Erase…' }).click();
    await erase.getByRole('button', { name: 'Yes, erase this person' }).click();
    const bad = erase.locator('[data-field="phone"] .field-error');
    await bad.waitFor();
    assert.equal(await bad.innerText(), 'must be a phone number, e.g. +14155550100');
    assert.equal(
      await erase.getByLabel('Phone number', { exact: true }).getAttribute('aria-invalid'),
      'true',
    );
    assert.equal((await stack.api('GET', '/v1/privacy/erasures')).body.total, 0);

    // The erasure says what it does before it is sent.
    await erase.getByLabel('Phone number', { exact: true }).fill('(612) 555-0177');
    await erase.getByRole('button', { name: 'Erase…' }).click();
    const confirm = erase.getByRole('group', { name: 'Confirm the erasure' });
    const said = await confirm.innerText();
    for (const words of [
      'recordings',
      'transcripts',
      'token',
      'cannot be undone',
      'Reports keep their counts',
    ])
      assert.ok(said.includes(words), `the confirmation says "${words}": ${said}`);
    await confirm.getByRole('button', { name: 'Yes, erase this person' }).click();
    await erase.getByText('Erasure of (612) 555-0177 started').waitFor();

    // The list refreshes itself until the erasure is done, then shows what it removed.
    const erasures = page.getByRole('table', { name: 'Erasures, newest first' });
    const row = erasures.locator('tbody tr');
    await row.getByText('Done', { exact: true }).waitFor({ timeout: 60_000 });
    assert.equal(await row.count(), 1);
    const line = await row.innerText();
    assert.match(line, /calls 1/);
    assert.match(line, /recordings 1/);
    assert.match(line, /call histories 1/);
    const token = (await row.locator('code').innerText()).trim();
    assert.match(token, /^erased-[0-9a-f]{20}$/);
    assert.ok(!line.includes('0177'), `the list never shows the number: ${line}`);
    await screenshot(page, 'privacy-requests');

    // After it, the export finds nothing by the number.
    const afterwards = await downloadExport(page, PERSON);
    assert.deepEqual(afterwards.subject, { kind: 'phone', value: PERSON });
    for (const list of EXPORT_LISTS) assert.deepEqual(afterwards[list], [], `${list} after the erasure`);

    // The audit log: both exports and the erasure, newest first, by the same token, never the number.
    const audit = page.getByRole('table', { name: 'Privacy requests, newest first' }).locator('tbody tr');
    await eventually('audit log lists three requests', async () =>
      (await audit.count()) === 3 ? true : undefined,
    );
    const rows = await audit.allInnerTexts();
    assert.deepEqual(
      rows.map((r) => /\b(Export|Erasure)\b/.exec(r)?.[1]),
      ['Export', 'Erasure', 'Export'],
      rows.join('\n'),
    );
    for (const r of rows) {
      assert.ok(r.includes(token), r);
      assert.ok(!r.includes('0177'), r);
    }
    assert.match(rows[2], /calls 1/);
    assert.match(rows[0], /calls 0/);
    tab.assertClean();
    await tab.close();
  });

  it('tells a read-only key why it may not, with no control, and shows the api refusing the lists', async () => {
    const ro = await stack.api('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    assert.equal(ro.status, 201, JSON.stringify(ro.body));
    const tab = await openConsole(browser, stack.apiUrl);
    const { page } = tab;
    await signIn(page, stack.apiUrl, ro.body.key, '/admin/privacy-requests');
    await page.getByText('needs a key that is neither read-only nor limited').waitFor();
    await page.getByText('Not allowed.').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Erase…' }).count(), 0);
    assert.equal(await page.getByRole('form', { name: "Export a person's data" }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
