import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startApiOnly, type ApiOnly } from '../../support/api-app';
import { wavFile } from '../../support/audio';
import { launchChromium } from '../chromium';
import { openConsole, signIn } from './console';

/**
 * Recording disclosures in the console: the property's default disclosure and its requirement in
 * Property settings (the api's refusal shown beside the switch), and a flow's own disclosure next
 * to its recording toggle, with the warning while it has none, and in the dry run.
 */
describe('admin console: recording disclosure', () => {
  let api: ApiOnly;
  let browser: Browser;
  let base: string;
  let flowId: string;

  const ok = async (method: string, path: string, body?: object) => {
    const r = await api.request(method, path, body);
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  before(async () => {
    api = await startApiOnly();
    browser = await launchChromium();
    base = `/v1/properties/${(await ok('POST', '/v1/properties', { name: 'Alder Court', timeZone: 'America/Chicago' })).id}`;
    await ok('POST', `${base}/audio`, {
      id: 'notice',
      name: 'Recording notice',
      contentType: 'audio/wav',
      contentBase64: wavFile().toString('base64'),
    });
    flowId = (
      await ok('POST', `${base}/call-flows`, {
        name: 'Front desk',
        definition: {
          initialStepId: 'desk',
          recording: true,
          steps: [
            { id: 'desk', type: 'forward', to: '+13125550111', timeoutSeconds: 20, callerId: 'caller' },
          ],
        },
      })
    ).id;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('sets the property’s default disclosure and requirement, and shows why dropping the default is refused', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin${base.replace('/v1/properties', '/p')}/settings`);
    const section = page.getByRole('region', { name: 'Recording disclosure' });
    await section
      .getByText('No default: recording flows without their own disclosure tell callers nothing.')
      .waitFor();
    await section.getByLabel('Default recording disclosure: plays').selectOption('tts');
    await section.getByLabel('Default recording disclosure: text').fill('Calls to Alder Court are recorded.');
    await section.getByLabel('Require a disclosure for every flow that records').check();
    await section.getByRole('button', { name: 'Save disclosure' }).click();
    await section.getByText('Recording flows without their own disclosure play this one first.').waitFor();
    const saved = await ok('GET', base);
    assert.deepEqual(
      [saved.recordingDisclosure, saved.requireRecordingDisclosure],
      [{ kind: 'tts', text: 'Calls to Alder Court are recorded.' }, true],
    );

    // "Front desk" records with no disclosure of its own: the default cannot go while it is required.
    await section.getByLabel('Default recording disclosure: plays').selectOption('none');
    await section.getByRole('button', { name: 'Save disclosure' }).click();
    await section
      .locator('[data-field="recordingDisclosure"] .field-error')
      .getByText(/"Front desk"/)
      .waitFor();
    assert.deepEqual((await ok('GET', base)).recordingDisclosure, {
      kind: 'tts',
      text: 'Calls to Alder Court are recorded.',
    });
    tab.assertClean();
    await tab.close();
  });

  it('gives a flow its own disclosure next to its recording toggle; the warning goes, the dry run names it', async () => {
    const tab = await openConsole(browser, api.url);
    const { page } = tab;
    await signIn(page, api.url, api.apiKey, `/admin${base.replace('/v1/properties', '/p')}/flows/${flowId}`);
    const settings = page.getByRole('form', { name: 'Flow settings' });
    await settings.getByText('Without one, callers hear the property’s default disclosure.').waitFor();
    const warning =
      "The flow records calls but has no recording disclosure of its own: callers hear the property's default disclosure.";
    await page.getByRole('region', { name: 'Problems' }).getByText(warning).waitFor();

    await settings.getByLabel('Recording disclosure: plays').selectOption('audio');
    await settings.getByLabel('Recording disclosure: audio file').selectOption('notice');
    await page.getByText('None: the flow can be saved.').waitFor();
    await page.getByRole('button', { name: 'Save flow' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    const flow = await ok('GET', `${base}/call-flows/${flowId}`);
    assert.deepEqual(flow.definition.recordingDisclosure, { kind: 'audio', audioId: 'notice' });

    await page.getByRole('tab', { name: 'Try it' }).click();
    const tryIt = page.getByRole('region', { name: 'Try it' });
    await tryIt.getByRole('button', { name: 'Run' }).click();
    await tryIt.getByText('First the recording disclosure (the flow’s own): audio notice').waitFor();

    // Turning recording off leaves the disclosure unused: said so until it is removed.
    await page.getByRole('tab', { name: 'Step' }).click();
    await settings.getByLabel('Record calls').uncheck();
    await page
      .getByRole('region', { name: 'Problems' })
      .getByText('The flow has a recording disclosure but does not record calls: it is not played.')
      .waitFor();
    await settings.getByLabel('Recording disclosure: plays').selectOption('none');
    await page.getByText('None: the flow can be saved.').waitFor();
    assert.equal(await settings.getByLabel('Recording disclosure: plays').count(), 0, 'hidden once unused');
    tab.assertClean();
    await tab.close();
  });
});
