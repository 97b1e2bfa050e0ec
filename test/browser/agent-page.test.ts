import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { http } from '../support/http';
import type { SessionTimeline } from '@switchboard/telnyx-sim';
import { createLeasingDesk } from '../support/agent-desk';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';
import { launchChromium } from './chromium';

const ANN = 'sip:ann-desk@sip.telnyx.com';
const MAIN_NUMBER = '+16175550150';
const SECOND_NUMBER = '+16175550151';
/** A number whose flow records the conversation (after a disclosure). */
const RECORDED_NUMBER = '+16175550152';
const CALLER = '+16175550101';
const CALLEE = '+16175550177';
/** A colleague on a desk phone in the same ring group. */
const BOB = '+16175550122';
/** Numbers of a DNI pool: a visitor from a Google Ads click is shown one and calls it. */
const POOL = ['+16175550160', '+16175550161', '+16175550162', '+16175550163'];
const SITE = 'https://birch-court.example';
/** Set to write docs/images/agent-page-*.png from this run (docs/agents.md). */
const SCREENSHOTS = process.env.AGENT_PAGE_SCREENSHOTS === '1';
const IMAGES = path.join(__dirname, '..', '..', '..', 'docs', 'images');

/**
 * The /agent page in headless Chromium against the whole stack, the simulator standing in for
 * Telnyx: the page's simulator adapter plays the agent's WebRTC client through /sim/legs, so what
 * the simulator records is what Telnyx would have seen from the browser.
 */
describe('the agent page in Chromium: sign-in, presence, screen pop, answer, hang up, click-to-call', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dniKey: string;
  const pageErrors: string[] = [];
  const requested: string[] = [];

  before(async () => {
    // Half speed: the ring timeouts below stay long enough for a person (here, the test) to click.
    stack = await startTestStack({ timeScale: 0.5, ringTimeoutSecs: 60 });
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/New_York',
    });
    base = `/v1/properties/${p.body.id}`;
    const zillow = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const google = await stack.api('POST', `${base}/sources`, {
      name: 'Google Ads',
      priority: 1,
      dniRules: [{ kind: 'query_param', param: 'utm_source', values: ['google'] }],
    });
    const flowId = await createLeasingDesk(stack, base, {
      ann: { name: 'Ann Lee', username: 'ann-desk' },
      bobNumber: BOB,
      ringTimeoutSeconds: 60,
    });
    const numberIds: Record<string, string> = {};
    for (const [number, sourceId] of [
      [MAIN_NUMBER, zillow.body.id],
      [SECOND_NUMBER, google.body.id],
      ...POOL.map((n) => [n, google.body.id]),
    ]) {
      const n = await stack.api('POST', `${base}/tracking-numbers`, {
        number,
        sourceId,
        forwardTo: '+16175550122',
        callFlowId: flowId,
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
      numberIds[number] = n.body.id;
    }
    // The leasing desk again, recorded: the agent can pause the recording.
    const recorded = await stack.api('POST', `${base}/call-flows`, {
      name: 'Main, recorded',
      definition: {
        initialStepId: 'leasing',
        recording: true,
        recordingDisclosure: { kind: 'tts', text: 'This call may be recorded.' },
        steps: [{ id: 'leasing', type: 'ring_group', ringGroupId: 'leasing' }],
      },
    });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    const recordedNumber = await stack.api('POST', `${base}/tracking-numbers`, {
      number: RECORDED_NUMBER,
      sourceId: zillow.body.id,
      forwardTo: BOB,
      callFlowId: recorded.body.id,
    });
    assert.equal(recordedNumber.status, 201, JSON.stringify(recordedNumber.body));
    const dni = await stack.api('PATCH', `${base}/dni`, {
      allowedOrigins: [SITE],
      swapNumbers: [MAIN_NUMBER],
    });
    assert.equal(dni.status, 200, JSON.stringify(dni.body));
    dniKey = dni.body.dniKey;
    const pool = await stack.api('POST', `${base}/pools`, {
      sourceId: google.body.id,
      trackingNumberIds: POOL.map((n) => numberIds[n]),
      exhaustionPolicy: 'main_number',
    });
    assert.equal(pool.status, 201, JSON.stringify(pool.body));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 960, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => requested.push(r.url()));
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const text = (selector: string) => page.locator(selector).first().innerText();
  const waitText = (selector: string, expected: string, timeout = 20_000) =>
    page.locator(selector).filter({ hasText: expected }).first().waitFor({ state: 'visible', timeout });
  // In-page code is kept as strings: the test program is compiled without the DOM's types.
  const token = () => page.evaluate<string | null>("localStorage.getItem('switchboard.agentToken')");
  const agentApi = async (method: string, p: string, body?: unknown) =>
    http(method, `${stack.apiUrl}${p}`, body, { authorization: `Bearer ${await token()}` });
  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(IMAGES, { recursive: true });
    await page.screenshot({ path: path.join(IMAGES, `agent-page-${name}.png`), fullPage: true });
  };
  const legTo = (s: SessionTimeline | undefined, to: string) => s?.legs.find((l) => l.to === to);

  it('refuses a bad sign-in link and signs in with a good one', async () => {
    await page.goto(`${stack.apiUrl}/agent?code=sbc_not-a-code`);
    await waitText('#signed-out-message', 'invalid, used or expired');
    assert.equal(await token(), null);

    const link = await stack.api('POST', `${base}/agents/ann/sign-in-links`);
    assert.equal(link.status, 201, JSON.stringify(link.body));
    await page.goto(`${stack.apiUrl}${link.body.path}`);
    await waitText('#agent-name', 'Ann Lee');
    assert.equal(await text('#property-name'), 'Birch Court');
    await waitText('#presence-now', 'Available');
    assert.equal(new URL(page.url()).search, '', 'the one-time code leaves the address bar');
    assert.match((await token()) ?? '', /^sba_/);
    await waitText('#phone-status', 'simulator');
    assert.deepEqual(
      requested.filter((u) => u.includes('/agent/vendor/')),
      [],
      'the WebRTC SDK is loaded only in telnyx mode',
    );
    const callerIds = await page.locator('#caller-id option').allInnerTexts();
    assert.ok(callerIds.includes('(617) 555-0151 · Google Ads'), callerIds.join());
    assert.ok(callerIds.includes('(617) 555-0150 · Zillow'), callerIds.join());
  });

  it('switches presence, and the api agrees', async () => {
    await page.click('#presence button.presence-away');
    await waitText('#presence-now', 'Away');
    assert.equal((await agentApi('GET', '/v1/agent/me')).body.agent.presence, 'away');
    assert.equal(await page.getAttribute('#presence button.presence-away', 'aria-pressed'), 'true');
    await page.click('#presence button.presence-available');
    await waitText('#presence-now', 'Available');
    assert.equal((await agentApi('GET', '/v1/agent/me')).body.agent.presence, 'available');
  });

  it('shows a ringing call with its attribution, answers it, sends a tone, hangs up', async () => {
    // The caller clicked a Google ad, landed on the site, was shown a pool number and called it.
    const landing = `${SITE}/apartments?utm_source=google&utm_campaign=spring-lease&utm_term=2br+apartments`;
    const visit = await http(
      'POST',
      `${stack.apiUrl}/dni/${dniKey}/visits`,
      { landingUrl: landing, pageUrl: landing },
      { origin: SITE },
    );
    assert.equal(visit.status, 200, JSON.stringify(visit.body));
    const shown: string = visit.body.swaps[0].replacement;
    assert.ok(POOL.includes(shown), shown);
    const call = await stack.sim.placeCall({
      from: CALLER,
      to: shown,
      caller: [{ press: '2' }, { hangup_after_s: 120 }],
    });
    await waitText('.incoming-card', '(617) 555-0101');
    const labels = await page.locator('.incoming-card .screen-pop dt').allInnerTexts();
    const values = await page.locator('.incoming-card .screen-pop dd').allInnerTexts();
    const pop = Object.fromEntries(labels.map((label, i) => [label, values[i]]));
    assert.deepEqual(pop, {
      Source: 'Google Ads',
      Campaign: 'spring-lease',
      Keyword: '2br apartments',
      'Landing page': pop['Landing page'],
      'Tracking number': `(617) 555-${shown.slice(-4)}`,
      Caller: 'First-time caller',
      'Menu path': 'pressed 2: Leasing',
    });
    assert.match(pop['Landing page'] ?? '', /birch-court\.example\/apartments/);
    await screenshot('incoming');

    await page.click('.incoming-card button.answer');
    await waitText('#in-call', 'On a call with (617) 555-0101');
    await waitText('#presence-now', 'On a call');
    // The pop stays for the whole conversation; presence and the dialer wait for its end.
    const duringLabels = await page.locator('#in-call .screen-pop dt').allInnerTexts();
    const duringValues = await page.locator('#in-call .screen-pop dd').allInnerTexts();
    const during = Object.fromEntries(duringLabels.map((label, i) => [label, duringValues[i]]));
    assert.deepEqual(during, {
      Source: 'Google Ads',
      Campaign: 'spring-lease',
      Caller: 'First-time caller',
    });
    assert.equal(await text('#presence button[aria-pressed="true"]'), 'On a call');
    for (const b of await page.locator('#presence button').all()) assert.ok(await b.isDisabled());
    assert.ok(await page.isDisabled('#dial'), 'the dialer waits for the call to end');
    assert.equal(await page.locator('#in-call .recording-control').count(), 0, 'this flow does not record');
    const inbound = call.call_control_id;
    const agentLeg = await eventually('the agent leg bridged', async () => {
      const leg = legTo(stack.sim.session(call.call_session_id), ANN);
      return leg?.bridged_with === inbound ? leg : undefined;
    });
    assert.equal(agentLeg.direction, 'outgoing');

    await page.click('#in-call button:has-text("Mute")');
    await waitText('#in-call', 'Unmute');
    await page.click('#in-call .keypad button:has-text("5")');
    assert.equal(await text('#dtmf-sent'), '5');
    await eventually('the tone reaches Telnyx', async () =>
      stack.sim
        .session(call.call_session_id)
        ?.webhooks.find(
          (w) => w.event_type === 'call.dtmf.received' && w.call_control_id === agentLeg.call_control_id,
        ),
    );
    await screenshot('in-call');

    await page.click('#in-call button.hangup');
    await page.locator('#in-call').waitFor({ state: 'hidden' });
    await waitText('#presence-now', 'Available');
    assert.equal(await text('#presence button[aria-pressed="true"]'), 'Available');
    assert.ok(!(await page.isDisabled('#presence button.presence-away')));
    assert.ok(!(await page.isDisabled('#dial')));
    const ended = legTo(stack.sim.session(call.call_session_id), ANN);
    assert.deepEqual(
      [ended?.state, ended?.hangup_source, ended?.hangup_cause],
      ['hangup', 'callee', 'normal_clearing'],
    );
    await waitText('#recent-body tr:first-child', '(617) 555-0101');
    assert.equal(await text('#recent thead th:nth-child(2)'), 'Direction');
    assert.equal(await text('#recent-body tr:first-child .direction'), 'In');
    assert.equal(await text('#recent-body tr:first-child .source'), 'Google Ads');
    assert.equal(await text('#recent-body tr:first-child .outcome'), 'answered');
  });

  it('pauses and resumes the recording of a recorded call; the call’s record keeps the pause', async () => {
    const call = await stack.sim.placeCall({
      from: '+16175550109',
      to: RECORDED_NUMBER,
      caller: [{ press: '2' }, { hangup_after_s: 120 }],
    });
    await waitText('.incoming-card', '(617) 555-0109');
    await page.click('.incoming-card button.answer');
    await waitText('#in-call', 'On a call with (617) 555-0109');
    await waitText('#in-call .recording-state', 'This call is recorded');
    // The recording starts just after the bridge the page was told of.
    await eventually('record_start reaches Telnyx', async () =>
      stack.sim
        .session(call.call_session_id)
        ?.commands.find((c) => c.action === 'record_start' && c.status === 200),
    );
    await page.click('#in-call button.recording-control');
    await waitText('#in-call .recording-state', 'Recording paused');
    assert.equal(await text('#in-call button.recording-control'), 'Resume recording');
    await screenshot('recording-paused');
    await page.click('#in-call button.recording-control');
    await waitText('#in-call .recording-state', 'This call is recorded');
    assert.equal(await text('#in-call button.recording-control'), 'Pause recording');
    await page.click('#in-call button.hangup');
    await page.locator('#in-call').waitFor({ state: 'hidden' });

    const record = await eventually('the call record', async () => {
      const r = await stack.api('GET', `/v1/calls?callSessionId=${call.call_session_id}`);
      return r.body.items[0];
    });
    assert.equal(record.recordingPauses.length, 1, JSON.stringify(record.recordingPauses));
    assert.equal(record.recordingPauses[0].agentName, 'Ann Lee');
    assert.notEqual(record.recordingPauses[0].resumedAt, null);
    const recording = stack.sim.session(call.call_session_id)?.legs[0].recordings[0];
    assert.equal(recording?.paused.length, 1, 'the carrier paused its recording once');
  });

  it('declines a repeat caller, whose card shows the earlier call', async () => {
    const call = await stack.sim.placeCall({
      from: CALLER,
      to: MAIN_NUMBER,
      caller: [{ press: '2' }, { hangup_at_s: 10 }],
    });
    await waitText('.incoming-card', 'Repeat caller · 1 prior call');
    assert.match(await text('.incoming-card'), /Previous call\s+Not scored/);
    await page.click('.incoming-card button.decline');
    await page.locator('.incoming-card').waitFor({ state: 'detached' });
    const leg = await eventually('the agent leg declined', async () => {
      const l = legTo(stack.sim.session(call.call_session_id), ANN);
      return l?.state === 'hangup' ? l : undefined;
    });
    assert.deepEqual([leg.hangup_cause, leg.hangup_source], ['call_rejected', 'callee']);
  });

  it('takes the card away when a colleague answers first', async () => {
    const call = await stack.sim.placeCall({
      from: '+16175550133',
      to: MAIN_NUMBER,
      caller: [{ press: '2' }, { hangup_after_s: 8 }],
      agents: { [BOB]: { answer_after_s: 2 } },
    });
    await waitText('.incoming-card', '(617) 555-0133');
    await page.locator('.incoming-card').waitFor({ state: 'detached', timeout: 20_000 });
    const session = stack.sim.session(call.call_session_id);
    assert.equal(legTo(session, BOB)?.bridged_with, call.call_control_id, 'Bob took it');
    assert.equal(legTo(session, ANN)?.answered_at, null, 'Ann never answered');
    assert.equal(await page.locator('#in-call').isVisible(), false);
  });

  it('calls out from the chosen tracking number; the call lands in recent calls', async () => {
    stack.sim.setDefaultAgents({ [CALLEE]: { answer_after_s: 1 } });
    await page.fill('#dial-to', '(617) 555-0177');
    await page.selectOption('#caller-id', SECOND_NUMBER);
    await page.click('#dial');
    // The browser rings first and the page answers it (the agent just clicked Call), then the callee.
    await waitText('#in-call', 'On a call with (617) 555-0177', 30_000);
    const session = stack.sim.sessions().find((s) => legTo(s, CALLEE));
    const calleeLeg = legTo(session, CALLEE);
    const agentLeg = legTo(session, ANN);
    assert.equal(calleeLeg?.from, SECOND_NUMBER, 'the callee sees the chosen caller ID');
    assert.equal(calleeLeg?.bridged_with, agentLeg?.call_control_id);

    await page.click('#in-call button.hangup');
    await page.locator('#in-call').waitFor({ state: 'hidden' });
    await waitText('#recent-body tr:first-child', '(617) 555-0177');
    assert.equal(await text('#recent-body tr:first-child .direction'), 'Out');
    assert.equal(await text('#recent-body tr:first-child .tracking'), '(617) 555-0151');
    // The caller ID's source is where inbound calls to it come from, not where this call came from.
    assert.equal(await text('#recent-body tr:first-child .source'), '');
    stack.sim.setDefaultAgents({});
  });

  it('signs out: the session is gone and the page says so', async () => {
    const before = await token();
    await page.click('#sign-out');
    await waitText('#signed-out-message', 'Signed out.');
    assert.equal(await token(), null);
    const me = await http('GET', `${stack.apiUrl}/v1/agent/me`, undefined, {
      authorization: `Bearer ${before}`,
    });
    assert.equal(me.status, 401);
    assert.deepEqual(pageErrors, []);
  });
});
