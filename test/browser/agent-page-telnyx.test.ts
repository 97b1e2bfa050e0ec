import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import Telnyx from 'telnyx';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { launchChromium } from './chromium';

const TELNYX_KEY = 'telnyx-mode-key';
const CREDENTIAL_CONNECTION = '1684641123236054244';

/**
 * The page in telnyx mode, up to the network boundary: the api makes the agent's telephony
 * credential through Telnyx's API (the simulator here), hands the page a login token, and the page
 * loads @telnyx/webrtc and dials out to Telnyx's WebRTC gateway, which this machine cannot reach.
 * The media leg itself needs real Telnyx credentials (docs/agents.md, "What needs real Telnyx credentials").
 */
describe('the agent page in telnyx mode', () => {
  let sim: TelnyxSimulator;
  let api: ApiOnly;
  let browser: Browser;
  let propertyId: string;

  before(async () => {
    sim = await startTelnyxSimulator({ apiKey: TELNYX_KEY });
    api = await startApiOnly({
      AGENT_TELEPHONY: 'telnyx',
      TELNYX_API_KEY: TELNYX_KEY,
      TELNYX_BASE_URL: sim.apiBaseUrl,
      TELNYX_CONNECTION_ID: sim.connectionId,
      TELNYX_CREDENTIAL_CONNECTION_ID: CREDENTIAL_CONNECTION,
    });
    const p = await api.request('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/New_York',
    });
    propertyId = p.body.id;
    const agent = await api.request('POST', `/v1/properties/${propertyId}/agents`, {
      id: 'ann',
      name: 'Ann Lee',
      endpoint: { kind: 'webrtc', username: 'ann-desk' },
    });
    assert.equal(agent.status, 201, JSON.stringify(agent.body));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
    await sim?.close();
    // startApiOnly sets these for the whole process; the next test file builds its own.
    delete process.env.AGENT_TELEPHONY;
    delete process.env.TELNYX_CREDENTIAL_CONNECTION_ID;
  });

  it('logs @telnyx/webrtc in with a token of the credential the api made through Telnyx', async () => {
    const link = await api.request('POST', `/v1/properties/${propertyId}/agents/ann/sign-in-links`);
    assert.equal(link.status, 201, JSON.stringify(link.body));
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const telephonyReply = page.waitForResponse((r) => r.url().endsWith('/v1/agent/telephony'));
    const vendor = page.waitForResponse((r) => r.url().endsWith('/agent/vendor/telnyx-webrtc.js'));
    await page.goto(`${api.url}${link.body.path}`);

    const telephony = (await (await telephonyReply).json()) as {
      mode: string;
      loginToken: string;
      sipUsername: string;
    };
    assert.equal(telephony.mode, 'telnyx');
    const client = new Telnyx({ apiKey: TELNYX_KEY, baseURL: sim.apiBaseUrl, maxRetries: 0 });
    const credentials = (await client.telephonyCredentials.list()).data;
    assert.equal(credentials.length, 1, 'one credential, made on first use');
    const [credential] = credentials;
    assert.equal((credential as { connection_id?: string }).connection_id, CREDENTIAL_CONNECTION);
    assert.equal(telephony.sipUsername, credential.sip_username);
    const claims = JSON.parse(
      Buffer.from(telephony.loginToken.split('.')[1], 'base64url').toString('utf8'),
    ) as {
      sub: string;
    };
    assert.equal(claims.sub, credential.id, 'the token is for that credential');

    const script = await vendor;
    assert.equal(script.status(), 200);
    assert.match(script.headers()['content-type'] ?? '', /javascript/);
    assert.equal(await page.evaluate<string>('typeof TelnyxWebRTC.TelnyxRTC'), 'function');
    await page.waitForFunction('document.getElementById("phone-status").textContent !== ""');
    // The SDK goes for Telnyx's gateway (unreachable here), not the simulator.
    await page.waitForEvent('websocket', { timeout: 10_000 }).catch(() => undefined);
    assert.ok(
      sockets.some((u) => /^wss:\/\/[^/]*telnyx\.com/.test(u)),
      `a WebSocket to Telnyx's WebRTC gateway: ${sockets.join(', ')}`,
    );
    assert.deepEqual(pageErrors, []);

    // A second login reuses the credential and gets a fresh token.
    const again = await fetch(`${api.url}/v1/agent/telephony`, {
      headers: {
        authorization: `Bearer ${await page.evaluate<string>("localStorage.getItem('switchboard.agentToken')")}`,
      },
    });
    const second = (await again.json()) as { loginToken: string; sipUsername: string };
    assert.equal(second.sipUsername, credential.sip_username);
    assert.notEqual(second.loginToken, telephony.loginToken);
    assert.equal((await client.telephonyCredentials.list()).data.length, 1);
    await page.close();
  });
});
