import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { wavFile } from '../../support/audio';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * The visual call-flow editor: an admin builds a flow on the canvas and in the step forms (a
 * schedule, a menu leading to a second menu, a ring group), sees the problem on the step that has
 * it, fixes it, saves a new version and finds the flow again after a reload. A read-only key sees
 * the canvas without the controls that change it.
 */
describe('admin console: the visual call-flow editor', () => {
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
  let readOnlyKey: string;
  let flowUrl: string;

  const ok = async (method: string, path: string, body?: object) => {
    const r = await api.request(method, path, body);
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    propertyId = (await ok('POST', '/v1/properties', { name: 'Cedar Point', timeZone: 'America/Chicago' }))
      .id;
    const base = `/v1/properties/${propertyId}`;
    await ok('POST', `${base}/schedules`, {
      id: 'office',
      name: 'Office hours',
      weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
    });
    await ok('POST', `${base}/agents`, {
      id: 'ann',
      name: 'Ann',
      endpoint: { kind: 'phone', number: '+13125550111' },
    });
    await ok('POST', `${base}/agents`, {
      id: 'bob',
      name: 'Bob',
      endpoint: { kind: 'phone', number: '+13125550112' },
    });
    await ok('POST', `${base}/ring-groups`, {
      id: 'leasing',
      name: 'Leasing team',
      strategy: 'round_robin',
      members: [{ agentId: 'ann' }, { agentId: 'bob' }],
      agentRingTimeoutSeconds: 15,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    });
    await ok('POST', `${base}/audio`, {
      id: 'welcome',
      name: 'Welcome recording',
      contentType: 'audio/wav',
      contentBase64: wavFile().toString('base64'),
    });
    readOnlyKey = (await ok('POST', '/v1/api-keys', { name: 'viewer', readOnly: true })).key;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
  const editStep = (page: Page, id: string) =>
    page.getByRole('button', { name: `Edit ${id}`, exact: true }).click();

  it('builds a flow with a schedule, two menus and a ring group, shows a problem on its step, saves and reloads', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/flows`);
    await page.getByRole('heading', { name: 'Call flows' }).waitFor();
    await page.getByLabel('Flow name').fill('Main line');
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByRole('heading', { name: 'Main line' }).waitFor();
    flowUrl = page.url();
    await node(page, 'Start').waitFor();
    await node(page, 'Hang up: goodbye').waitFor();
    await page.getByText('Version 1', { exact: true }).waitFor();

    // The steps, from the palette.
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await node(page, 'Schedule: schedule').waitFor();
    await page.getByRole('button', { name: 'Add schedule branch' }).click();
    assert.equal(await page.getByLabel('Schedule 1').inputValue(), 'office');
    await page.getByRole('button', { name: 'Start calls here' }).click();
    await page.getByRole('button', { name: 'Add menu' }).click();
    await page.getByRole('button', { name: 'Add menu' }).click();
    await page.getByRole('button', { name: 'Add ring group' }).click();
    await page.getByLabel('Ring group', { exact: true }).selectOption('leasing');
    await node(page, 'Ring group: ring_group').getByText('Ring group: Leasing team, round robin').waitFor();
    assert.equal(await page.getByText('Unsaved changes').count(), 1);

    // Links, through the forms: office hours → menu, otherwise → goodbye.
    await editStep(page, 'schedule');
    await page.getByLabel('Office hours open: go to').selectOption('menu');
    await page.getByLabel('Closed/otherwise: go to').selectOption('goodbye');
    // The first menu: 1 → the second menu, fallback → goodbye.
    await editStep(page, 'menu');
    await page.getByLabel('Step id').fill('main_menu');
    await page.getByLabel('Step id').press('Enter');
    await node(page, 'Menu: main_menu').waitFor();
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByLabel('Press 1: go to').selectOption('menu_2');
    await page.getByLabel('Timeout/invalid → fallback: go to').selectOption('goodbye');
    // The second menu plays the property's recording; 1 → the ring group.
    await editStep(page, 'menu_2');
    await page.getByLabel('Label', { exact: true }).fill('Leasing menu');
    await node(page, 'Menu: Leasing menu').waitFor();
    await page.getByLabel('Menu prompt: plays').selectOption('audio');
    await page.getByLabel('Menu prompt: audio file').selectOption('welcome');
    await page.getByRole('button', { name: 'Add key' }).click();
    await page.getByLabel('Press 1: go to').selectOption('ring_group');
    await page.getByLabel('Timeout/invalid → fallback: go to').selectOption('main_menu');

    // The ring group's "no answer", drawn on the canvas from its handle to the goodbye step.
    await page.getByRole('button', { name: 'Fit View' }).click();
    const from = page.locator(
      '.react-flow__node[data-id="ring_group"] .react-flow__handle[data-handleid="noAnswer"]',
    );
    const to = page.locator('.react-flow__node[data-id="goodbye"] .react-flow__handle.target');
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    assert.ok(a && b);
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await page
      .getByRole('row')
      .filter({ hasText: 'Edit ring_group' })
      .getByText('no answer: goodbye')
      .waitFor();

    // A key leading nowhere is flagged on its menu's node and beside its field…
    await editStep(page, 'main_menu');
    await page.getByRole('button', { name: 'Add key' }).click();
    const problem = 'Step "main_menu" has no options.2: it needs the id of the step to go to next.';
    await node(page, 'Menu: main_menu').getByText(problem).waitFor();
    await node(page, 'Menu: main_menu').getByLabel('1 problem').waitFor();
    await page.locator('.step-form').getByText(problem).waitFor();
    await page.getByRole('heading', { name: 'Problems' }).waitFor();
    await screenshot(page, 'flow-editor-problem');
    // …and gone once the key leads somewhere.
    await page.getByLabel('Press 2: go to').selectOption('ring_group');
    await page.getByText('None: the flow can be saved.').waitFor();
    assert.equal(await node(page, 'Menu: main_menu').getByText(problem).count(), 0);

    await page.getByRole('button', { name: 'Save flow' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await page.getByText('Version 2', { exact: true }).waitFor();
    assert.equal(await page.getByText('Unsaved changes').count(), 0);

    await page.reload();
    await page.getByRole('heading', { name: 'Main line' }).waitFor();
    for (const name of [
      'Schedule: schedule',
      'Menu: main_menu',
      'Menu: Leasing menu',
      'Ring group: ring_group',
      'Hang up: goodbye',
    ])
      await node(page, name).waitFor();
    await page.getByText('Version 2', { exact: true }).waitFor();
    await node(page, 'Menu: Leasing menu').getByText('Menu: audio welcome').waitFor();
    await screenshot(page, 'flow-editor-saved');

    const saved = await ok(
      'GET',
      flowUrl.replace(/^.*\/p\/([^/]+)\/flows\/([^/]+)$/, '/v1/properties/$1/call-flows/$2'),
    );
    assert.equal(saved.definition.initialStepId, 'schedule');
    assert.deepEqual(saved.definition.steps.find((s: { id: string }) => s.id === 'main_menu').options, {
      '1': 'menu_2',
      '2': 'ring_group',
    });
    assert.equal(
      saved.definition.steps.find((s: { id: string }) => s.id === 'ring_group').noAnswer,
      'goodbye',
    );

    // The list shows it at version 2; as the default routing it cannot be deleted (409 on its row).
    const flowId = flowUrl.split('/').pop() as string;
    await ok('PUT', `/v1/properties/${propertyId}/default-routing`, { callFlowId: flowId });
    await page.getByRole('link', { name: 'All call flows' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Main line' });
    await row.getByText('2', { exact: true }).waitFor();
    await row.getByText('default', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Delete Main line' }).click();
    await row.getByText(/in use by default routing/).waitFor();
    tab.assertClean();
    await tab.close();
  });

  it("places the api's refusal on the step it names", async () => {
    // A ring group that exists when the editor loads, deleted before the save.
    await ok('POST', `/v1/properties/${propertyId}/ring-groups`, {
      id: 'sales',
      name: 'Sales',
      strategy: 'simultaneous',
      members: [{ agentId: 'ann' }],
      agentRingTimeoutSeconds: 15,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    });
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, new URL(flowUrl).pathname);
    // By keyboard: a link (edge) is focused, selected with Enter and cleared with Delete.
    const noAnswer = page.getByRole('group', { name: 'ring_group (no answer) to goodbye' });
    await noAnswer.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await page
      .getByRole('row')
      .filter({ hasText: 'Edit ring_group' })
      .getByText('no answer: call ends')
      .waitFor();
    // A node is focused and opened with Enter.
    await node(page, 'Ring group: ring_group').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ring group: ring_group' }).waitFor();
    await page.getByLabel('Ring group', { exact: true }).selectOption('sales');
    await ok('DELETE', `/v1/properties/${propertyId}/ring-groups/sales`);
    await page.getByRole('button', { name: 'Save flow' }).click();
    const refusal = 'Step "ring_group" rings group "sales", which does not exist.';
    await node(page, 'Ring group: ring_group').getByText(refusal).waitFor();
    await page.locator('.step-form').getByText(refusal).waitFor();
    await page.getByText('Unsaved changes').waitFor();
    // Choosing another ring group is the fix: the refusal leaves the step.
    await page.getByLabel('Ring group', { exact: true }).selectOption('leasing');
    assert.equal(await node(page, 'Ring group: ring_group').getByText(refusal).count(), 0);
    const flowId = flowUrl.split('/').pop() as string;
    assert.equal((await ok('GET', `/v1/properties/${propertyId}/call-flows/${flowId}`)).currentVersion, 2);

    // Every kind from the palette opens its form; a few fields of the ones not used above.
    for (const [button, name] of [
      ['Add greeting', 'Greeting: greeting'],
      ['Add route', 'Route: route'],
      ['Add forward', 'Forward: forward'],
      ['Add voicemail', 'Voicemail: voicemail'],
      ['Add hang up', 'Hang up: hangup'],
    ]) {
      await page.getByRole('button', { name: button }).click();
      await node(page, name).waitFor();
      await page.getByRole('heading', { name }).waitFor();
    }
    await page.getByLabel('Goodbye message: plays').selectOption('none');
    await editStep(page, 'route');
    await page.getByRole('button', { name: 'Add branch' }).click();
    await page.getByLabel('Criterion 1', { exact: true }).selectOption('keyword');
    await page.getByLabel('Criterion 1: value').fill('2 bedroom');
    await node(page, 'Route: route').getByText('Route: 1 branch').waitFor();
    await editStep(page, 'forward');
    await page.getByLabel('Forward to').fill('555-0100');
    await node(page, 'Forward: forward').getByText('which is not an E.164 number').waitFor();
    // A spoken front desk: a route on a value of its field, linked like any other link.
    await page.getByRole('button', { name: 'Add spoken front desk' }).click();
    await node(page, 'Spoken front desk: ask').waitFor();
    await page.getByRole('heading', { name: 'Spoken front desk: ask' }).waitFor();
    await page.getByRole('button', { name: 'Add answer route' }).click();
    await page.getByLabel('Route 1: intent').selectOption('maintenance');
    await page.getByLabel('Said intent=maintenance: go to').selectOption('forward');
    await page.getByLabel('Field 1 values').fill('leasing, maintenance, emergency');
    await page.getByLabel('Route 1: intent').selectOption('emergency');
    await page.getByLabel('Said intent=emergency: go to').waitFor();
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key the canvas without Save or Add controls', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, new URL(flowUrl).pathname);
    await node(page, 'Menu: main_menu').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save flow' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Add / }).count(), 0);
    await page.getByRole('button', { name: 'Edit main_menu', exact: true }).click();
    assert.equal(await page.getByLabel('Step id').isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Delete step' }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
