import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { launchChromium } from '../chromium';
import { openConsole, screenshot, signIn } from './console';

/**
 * Agents and ring groups in /admin: an admin adds agents (phone and browser), sees their presence,
 * mints a browser agent's sign-in link, builds a round-robin ring group and reorders its members
 * from the keyboard, and is told which ring group still uses an agent they try to delete.
 */
describe('admin console: agents and ring groups', () => {
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;
  let readOnlyKey: string;
  let base: string;

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    const ro = await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    readOnlyKey = ro.body.key;
    const carol = await api.request('POST', `${base}/agents`, {
      id: 'carol',
      name: 'Carol',
      endpoint: { kind: 'sip', uri: 'sip:carol@pbx.example.com' },
    });
    assert.equal(carol.status, 201, JSON.stringify(carol.body));
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('adds agents, shows their presence, and mints a sign-in link for a browser agent', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/agents`);
    await page.getByRole('heading', { name: 'Agents' }).waitFor();

    // A bad number: the api's 422 beside the input.
    const add = page.getByRole('region', { name: 'Add an agent' });
    await add.getByLabel('Name').fill('Alice');
    await add.getByLabel('Phone number').fill('12');
    await add.getByRole('button', { name: 'Add agent' }).click();
    const numberField = add.locator('[data-field="endpoint.number"]');
    assert.match(await numberField.getByRole('alert').innerText(), /E\.164/);
    await add.getByLabel('Phone number').fill('+1 (312) 555-0101');
    await add.getByRole('button', { name: 'Add agent' }).click();
    const alice = page.getByRole('row', { name: /Alice/ });
    await alice.waitFor();
    assert.match(await alice.innerText(), /Phone: \+13125550101/);

    await add.getByLabel('Name').fill('Bob');
    await add.getByLabel('Reached by').selectOption('webrtc');
    await add.getByLabel('Browser login').fill('bob.front');
    await add.getByRole('button', { name: 'Add agent' }).click();
    const bob = page.getByRole('row', { name: /Bob/ });
    await bob.waitFor();
    // Live presence: a phone agent would ring; a browser agent not until their page is open.
    await alice.getByText('would ring').waitFor();
    await bob.getByText('page closed').waitFor();
    assert.match(await bob.innerText(), /not rung/);

    await bob.getByRole('button', { name: 'Sign-in link for Bob' }).click();
    const link = await bob.getByLabel('Sign-in link for Bob').inputValue();
    assert.match(link, /\/agent\?code=sbc_/);
    assert.equal(await alice.getByRole('button', { name: /Sign-in link/ }).count(), 0);

    // Presence follows the agent: Bob signs in with the link (the /agent page's api) and shows up
    // available within a poll.
    const code = decodeURIComponent(new URL(link).searchParams.get('code')!);
    const session = await api.request('POST', '/v1/agent/sessions', { code });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    await api.request(
      'PUT',
      '/v1/agent/presence',
      { presence: 'away' },
      { authorization: `Bearer ${session.body.token}` },
    );
    await bob.getByText('Away').waitFor({ timeout: 10_000 });
    const presence = await api.request('GET', `${base}/agent-presence`);
    assert.deepEqual(
      presence.body.items.find((i: { agentId: string }) => i.agentId === 'bob'),
      // Signed in but no /agent page open (no push channel): not rung.
      { agentId: 'bob', presence: 'away', pageOpen: false, ringable: false },
    );

    // Edit: Alice becomes unavailable.
    await alice.getByRole('button', { name: 'Edit Alice' }).click();
    const edit = page.getByRole('region', { name: 'Edit Alice' });
    await edit.getByLabel(/^Available/).uncheck();
    await edit.getByRole('button', { name: 'Save agent' }).click();
    await edit.waitFor({ state: 'detached' });
    assert.equal((await api.request('GET', `${base}/agents/alice`)).body.available, false);
    await screenshot(page, 'agents');
    tab.assertClean();
    await tab.close();
  });

  it('builds a round-robin ring group, reorders members from the keyboard, and names it in a 409', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin/p/${propertyId}/ring-groups`);
    await page.getByRole('link', { name: 'New ring group' }).click();
    await page.getByRole('heading', { name: 'New ring group' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Leasing team');
    await page.getByLabel('Id', { exact: true }).fill('leasing');
    await page.getByRole('radio', { name: /Round robin/ }).check();
    for (const name of ['Alice', 'Bob', 'Carol']) {
      await page.getByLabel('Agent to add').selectOption({ label: name });
      await page.getByRole('button', { name: 'Add member' }).click();
    }
    await page.getByLabel('Ring timeout (s) for Bob').fill('30');
    // Carol to the top, from the keyboard: focus stays on her Up button while she climbs.
    await page.getByRole('button', { name: 'Move Carol up' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const members = page.getByRole('list', { name: 'Members in ringing order' }).getByRole('listitem');
    assert.match(await members.nth(0).innerText(), /1\. Carol/);
    assert.match(await members.nth(2).innerText(), /3\. Bob/);
    await page.getByLabel('Ring each member for (seconds)').fill('15');
    await page.getByRole('button', { name: 'Create ring group' }).click();
    await page.getByRole('heading', { name: 'Ring group: Leasing team' }).waitFor();

    const saved = (await api.request('GET', `${base}/ring-groups/leasing`)).body;
    assert.equal(saved.strategy, 'round_robin');
    assert.deepEqual(saved.members, [
      { agentId: 'carol' },
      { agentId: 'alice' },
      { agentId: 'bob', ringTimeoutSeconds: 30 },
    ]);
    assert.equal(saved.agentRingTimeoutSeconds, 15);

    // Down with the mouse, saved again; a zero timeout is refused beside its input.
    await page.getByRole('button', { name: 'Move Carol down' }).click();
    await page.getByLabel('Ring each member for (seconds)').fill('0');
    await page.getByRole('button', { name: 'Save ring group' }).click();
    const timeout = page.locator('[data-field="agentRingTimeoutSeconds"]');
    await timeout.getByRole('alert').waitFor();
    await page.getByLabel('Ring each member for (seconds)').fill('20');
    await page.getByRole('button', { name: 'Save ring group' }).click();
    await page.getByText('Saved.').waitFor();
    const again = (await api.request('GET', `${base}/ring-groups/leasing`)).body;
    assert.deepEqual(
      again.members.map((m: { agentId: string }) => m.agentId),
      ['alice', 'carol', 'bob'],
    );

    // The list shows the group with its members' presence.
    await page.getByRole('link', { name: 'All ring groups' }).click();
    const row = page.getByRole('row', { name: /Leasing team/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Round robin/);
    await row.getByText('Away').waitFor();
    await screenshot(page, 'ring-groups');

    // Carol is a member: deleting her is refused, naming the group, beside her row.
    await page.getByRole('link', { name: 'Agents' }).click();
    const carol = page.getByRole('row', { name: /Carol/ });
    await carol.getByRole('button', { name: 'Delete agent Carol' }).click();
    await carol.getByRole('button', { name: 'Yes, delete agent Carol' }).click();
    assert.match(await carol.getByRole('alert').innerText(), /used by ring group "leasing"/);
    tab.assertClean();
    await tab.close();
  });

  it('shows a read-only key agents and ring groups without controls that change them', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, readOnlyKey, `/admin/p/${propertyId}/agents`);
    await page.getByRole('row', { name: /Alice/ }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Add an agent' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Edit|Delete|Sign-in link/ }).count(), 0);
    await page.getByRole('link', { name: 'Ring groups' }).click();
    await page.getByRole('link', { name: 'Leasing team' }).click();
    await page.getByRole('heading', { name: 'Ring group: Leasing team' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Move|Add member|Save|Delete/ }).count(), 0);
    tab.assertClean();
    await tab.close();
  });
});
