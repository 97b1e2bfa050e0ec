import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_WEBHOOK_DELIVERY } from '@switchboard/config';
import { WebhookPublisher } from '@switchboard/temporal';
import type { DataSource } from 'typeorm';
import { createWebhookActivities } from '../../activities/src/webhook.activities';
import { isPrivateAddress, postToReceiver, ReceiverRefused } from '../../activities/src/receiver-post';
import { CallRecordRepository, openDataSource, WebhookRepository } from '@switchboard/persistence';
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
