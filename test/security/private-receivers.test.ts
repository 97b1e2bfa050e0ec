import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_WEBHOOK_DELIVERY, type SwitchboardConfig } from '@switchboard/config';
import { WebhookPublisher } from '@switchboard/temporal';
import type { DataSource } from 'typeorm';
import { createWebhookActivities } from '../../activities/src/webhook.activities';
import { isPrivateAddress, postToReceiver, ReceiverRefused } from '@switchboard/outbound';
import {
  CallRecordRepository,
  CallRoutingRepository,
  NotificationSecretRepository,
  openDataSource,
  PropertyResourcesRepository,
  TextNotificationRepository,
  WebhookRepository,
} from '@switchboard/persistence';
import { createCallDataActivities } from '../../activities/src/call-data.activities';
import { CONFIG } from '../../apps/api/src/common/tokens';
import { TextNotifier } from '../../apps/api/src/messaging/text-notifier';
import { withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { testServers } from '../support/test-env';

/** A receiver on this machine, as an attacker would point a subscription at an internal service. */
async function startInternalService(): Promise<{ port: number; hits: number; server: Server }> {
  const state = { port: 0, hits: 0, server: createServer() };
  state.server.on('request', (req, res) => {
    state.hits++;
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => state.server.listen(0, '127.0.0.1', r));
  state.port = (state.server.address() as AddressInfo).port;
  return state;
}

const post = (url: string, allowPrivateNetworks: boolean) =>
  postToReceiver(url, {
    headers: { 'content-type': 'application/json' },
    body: '{}',
    timeoutMs: 2000,
    allowPrivateNetworks,
  });

describe('customers’ webhook URLs cannot reach our own network (SSRF)', () => {
  let internal: Awaited<ReturnType<typeof startInternalService>>;
  before(async () => {
    internal = await startInternalService();
  });
  after(() => {
    internal?.server.close();
  });

  it('knows private, loopback, link-local and reserved addresses from public ones', () => {
    const cases: [string, boolean][] = [
      ['10.1.2.3', true],
      ['172.16.0.1', true],
      ['172.31.255.255', true],
      ['172.32.0.1', false],
      ['192.168.1.10', true],
      ['127.0.0.1', true],
      ['169.254.169.254', true],
      ['100.64.0.1', true],
      ['0.0.0.0', true],
      ['224.0.0.1', true],
      ['255.255.255.255', true],
      ['8.8.8.8', false],
      ['52.12.1.1', false],
      ['::1', true],
      ['::', true],
      ['fd00::1', true],
      ['fe80::1', true],
      ['::ffff:10.0.0.1', true],
      ['::ffff:8.8.8.8', false],
      // IPv4 inside IPv6: judged by the IPv4 address they carry.
      ['::ffff:7f00:1', true],
      ['::127.0.0.1', true],
      ['::a9fe:a9fe', true],
      ['::8.8.8.8', false],
      ['64:ff9b::7f00:1', true],
      ['64:ff9b::10.0.0.1', true],
      ['64:ff9b::a9fe:a9fe', true],
      ['64:ff9b::808:808', false],
      ['64:ff9b:1::a00:1', true],
      ['2002:7f00:1::1', true],
      ['2002:a9fe:a9fe::', true],
      ['2002:c0a8:101::1', true],
      ['2002:808:808::1', false],
      ['2606:4700:4700::1111', false],
      ['not an address', true],
    ];
    for (const [address, expected] of cases) assert.equal(isPrivateAddress(address), expected, address);
  });

  it('refuses a receiver on a private address before sending a byte, by address or by name', async () => {
    const refusedUrls = [
      `http://127.0.0.1:${internal.port}/hook`,
      `http://localhost:${internal.port}/hook`,
      `http://[::1]:${internal.port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
    ];
    for (const url of refusedUrls) await assert.rejects(post(url, false), ReceiverRefused, url);
    assert.equal(internal.hits, 0, 'the internal service saw nothing');
    // Allowed (development, tests), the same receiver is reached.
    assert.equal(await post(`http://127.0.0.1:${internal.port}/hook`, true), 204);
    assert.equal(internal.hits, 1);
  });

  describe('a subscription pointed inside', () => {
    let api: ApiOnly;
    let ds: DataSource;
    before(async () => {
      api = await startApiOnly();
      ds = await openDataSource(api.dbUrl, 2);
    });
    after(async () => {
      await ds?.destroy();
      await api?.stop();
    });

    it('fails its delivery at once, without retries, and the delivery log says why', async () => {
      const p = await api.request('POST', '/v1/properties', {
        name: 'Aspen Yard',
        timeZone: 'America/Chicago',
      });
      const sub = await api.request('POST', `/v1/properties/${p.body.id}/webhooks`, {
        url: `http://localhost:${internal.port}/steal`,
        events: ['call.completed'],
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      const webhooks = new WebhookRepository(ds);
      const [deliveryId] = await webhooks.createDeliveries({
        id: 'evt-ssrf-1',
        type: 'call.completed',
        createdAt: new Date().toISOString(),
        propertyId: p.body.id,
        data: { callId: 'x' },
      });
      // The worker's webhook activities as production builds them, with the production default.
      const connection = await Connection.connect({ address: testServers().temporalAddress });
      const client = new Client({ connection });
      const activities = createWebhookActivities(
        webhooks,
        new CallRecordRepository(ds),
        new WebhookPublisher(client, api.taskQueue, webhooks, DEFAULT_WEBHOOK_DELIVERY),
        'https://switchboard.example',
        { allowPrivateNetworks: DEFAULT_WEBHOOK_DELIVERY.allowPrivateNetworks },
      );
      after(() => connection.close());
      const hitsBefore = internal.hits;
      await assert.rejects(activities.attemptWebhookDelivery(deliveryId, false, 2000), (err: unknown) => {
        assert.ok(err instanceof ApplicationFailure);
        assert.equal(err.nonRetryable, true);
        assert.equal(err.type, 'WebhookRefused');
        return true;
      });
      assert.equal(internal.hits, hitsBefore);
      const shown = await api.request('GET', `/v1/properties/${p.body.id}/webhook-deliveries/${deliveryId}`);
      assert.equal(shown.status, 200);
      assert.equal(shown.body.attemptLog.length, 1);
      assert.match(
        shown.body.attemptLog[0].error,
        /^refused: localhost resolves to (127\.0\.0\.1|::1), a private address$/,
      );
    });
  });
});

/** A receiver keeping what it got; `redirectTo` makes it answer 302 there instead. */
async function startNotificationReceiver(redirectTo?: string) {
  const got: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (redirectTo) res.writeHead(302, { location: redirectTo }).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/notify`, got, close: () => server.close() };
}

/** Checks a notification's signature as a receiver would (docs/webhooks.md, "Notifications"). */
function assertSigned(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  secret: string,
  event: string,
): void {
  assert.equal(headers['switchboard-event'], event);
  const timestamp = String(headers['switchboard-timestamp']);
  assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 60, `timestamp ${timestamp}`);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  assert.equal(headers['switchboard-signature'], expected);
}

describe('voicemail and text notifications go through the guarded sender, signed', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let internal: Awaited<ReturnType<typeof startInternalService>>;
  let receiver: Awaited<ReturnType<typeof startNotificationReceiver>>;
  let propertyId: string;
  let secret: string;

  before(async () => {
    internal = await startInternalService();
    receiver = await startNotificationReceiver();
    api = await startApiOnly({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    ds = await openDataSource(api.dbUrl, 2);
    const p = await api.request('POST', '/v1/properties', {
      name: 'Cedar Court',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    const rotated = await api.request('POST', `/v1/properties/${propertyId}/notification-secret`);
    assert.equal(rotated.status, 201, JSON.stringify(rotated.body));
    secret = rotated.body.secret;
    assert.match(secret, /^[A-Za-z0-9_-]{40,}$/);
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
    internal?.server.close();
    receiver?.close();
  });

  it('rotates the secret: the new one is shown once and differs', async () => {
    const again = await api.request('POST', `/v1/properties/${propertyId}/notification-secret`);
    assert.equal(again.status, 201);
    assert.notEqual(again.body.secret, secret);
    secret = again.body.secret;
    const readOnly = await api.request('POST', '/v1/api-keys', { name: 'viewer', readOnly: true });
    const refused = await api.request(
      'POST',
      `/v1/properties/${propertyId}/notification-secret`,
      undefined,
      withKey(readOnly.body.key),
    );
    assert.equal(refused.status, 403);
  });

  it('signs a voicemail notification with the property’s notification secret', async () => {
    const box = await api.request('PUT', `/v1/properties/${propertyId}/voicemail-boxes/front`, {
      name: 'Front desk',
      notifyWebhookUrl: receiver.url,
    });
    assert.equal(box.status, 200, JSON.stringify(box.body));
    const activities = createCallDataActivities(
      new CallRoutingRepository(ds),
      new CallRecordRepository(ds),
      new PropertyResourcesRepository(ds),
      new NotificationSecretRepository(ds),
      {
        ringTimeoutSecs: 20,
        defaultVoice: 'female',
        publicBaseUrl: 'https://switchboard.example',
        mediaSigningSecret: process.env.MEDIA_SIGNING_SECRET!,
        allowPrivateReceivers: true,
      },
    );
    const sent = await activities.notifyVoicemail({
      propertyId,
      voicemailBoxId: 'front',
      callSessionId: 'session-vm-1',
      from: '+13125550100',
      to: '+13125550199',
      sourceName: 'Zillow',
      startedAt: new Date().toISOString(),
      recordingUrl: 'https://carrier.example/r.mp3',
    });
    assert.equal(sent, 'sent');
    const [note] = receiver.got.splice(0);
    assertSigned(note.headers, note.body, secret, 'voicemail.received');
    assert.equal(note.headers['switchboard-delivery'], 'session-vm-1/voicemail');
  });

  it('refuses a text notification to a private address, follows no redirect, and signs what it sends', async () => {
    const cfg = api.app.get<SwitchboardConfig>(CONFIG);
    const event = { type: 'text.received', id: 'msg-1', text: 'Is the 2BR free?' };
    // The api as configured (private networks refused): the internal service sees nothing.
    const notifier = api.app.get(TextNotifier);
    assert.equal(
      await notifier.notify(propertyId, `http://localhost:${internal.port}/steal`, 'msg-1', event),
      'refused',
    );
    assert.equal(internal.hits, 0);

    // Allowed on this machine (development): delivered and signed like webhook subscriptions.
    const local = new TextNotifier(
      { ...cfg, webhooks: { ...cfg.webhooks, allowPrivateNetworks: true } },
      new NotificationSecretRepository(ds),
      new TextNotificationRepository(ds),
    );
    assert.equal(await local.notify(propertyId, receiver.url, 'msg-1', event), 'delivered');
    const [note] = receiver.got.splice(0);
    assertSigned(note.headers, note.body, secret, 'text.received');
    assert.equal(note.headers['switchboard-delivery'], 'msg-1');
    assert.deepEqual(JSON.parse(note.body), event);

    // A receiver answering 302 to an internal address: a failed delivery, the redirect not taken.
    const redirecting = await startNotificationReceiver(`http://127.0.0.1:${internal.port}/steal`);
    after(() => redirecting.close());
    assert.equal(await local.notify(propertyId, redirecting.url, 'msg-2', event), 'failed');
    assert.equal(redirecting.got.length, 1, 'tried once: a 3xx is not retried');
    assert.equal(internal.hits, 0, 'the redirect was not followed');
    await local.onModuleDestroy();
  });
});
