import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { adPlatformAdapters, createCallWorker } from '../../apps/worker/src/call-worker';
import type { StackEndpoints } from '@switchboard/scenarios';
import { http } from './http';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { startAdsSimulator, type AdsSimulator } from '@switchboard/ads-sim';
import { FilesystemBlobStore, openDataSource } from '@switchboard/persistence';
import { loadConfig, mediaSigningSecret } from '@switchboard/config';
import { TelnyxRecordings, TelnyxTelephony } from '@switchboard/telephony';
import { createTestAccount, TEST_ADMIN_TOKEN, withKey } from './accounts';
import { checkedResponse } from './openapi-responses';
import { createTestDatabase, freePort, testServers, uniqueName } from './test-env';
import { sharedBundle } from './workflow-bundle';

let runtimeInstalled = false;

export interface TestStack {
  apiUrl: string;
  sim: TelnyxSimulator;
  /** The ad platforms' fake: GOOGLE_ADS_API_URL, GA4_MP_URL and META_GRAPH_URL point at it. */
  adsSim: AdsSimulator;
  client: Client;
  dataSource: DataSource;
  taskQueue: string;
  /** The test account's key, which `api` sends. */
  apiKey: string;
  /** What the scenario runner and applyBundle need to reach this stack. */
  endpoints: StackEndpoints;
  /** JSON request against the api; returns status and parsed body. */
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

const API_KEY = 'test-telnyx-key';
const CONNECTION_ID = 'test-connection';

/**
 * The real system in one process: the Nest api on a random port, a Temporal worker with the real
 * activities on its own task queue, its own migrated database, and the Telnyx simulator (the only
 * stand-in) sending signed webhooks to the api. Temporal and PostgreSQL are the run's real servers.
 */
export async function startTestStack(
  o: {
    timeScale?: number;
    ringTimeoutSecs?: number;
    /** Another Temporal than the run's dev server (a temporal-server on PostgreSQL, say). */
    temporalAddress?: string;
  } = {},
): Promise<TestStack> {
  const temporalAddress = o.temporalAddress ?? testServers().temporalAddress;
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const db = await createTestDatabase();
  const sim = await startTelnyxSimulator({
    apiKey: API_KEY,
    connectionId: CONNECTION_ID,
    timeScale: o.timeScale ?? 0.1,
  });
  const adsSim = await startAdsSimulator();
  const taskQueue = uniqueName('calls');
  // Known before listening, so the links the api signs (recordings, audio) point at this api.
  const apiPort = await freePort();
  Object.assign(process.env, {
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    TELNYX_API_KEY: API_KEY,
    TELNYX_BASE_URL: sim.apiBaseUrl,
    TELNYX_PUBLIC_KEY: sim.publicKeyBase64,
    TELNYX_CONNECTION_ID: CONNECTION_ID,
    GOOGLE_ADS_API_URL: adsSim.url,
    GA4_MP_URL: adsSim.url,
    META_GRAPH_URL: adsSim.url,
    RING_TIMEOUT_SECS: String(o.ringTimeoutSecs ?? 20),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    AGENT_TELEPHONY: 'simulator',
    // Outbound webhooks retry within seconds here, not the production minutes.
    WEBHOOK_RETRY_INITIAL_SECS: '1',
    WEBHOOK_RETRY_MAX_INTERVAL_SECS: '2',
    WEBHOOK_GIVE_UP_AFTER_SECS: '60',
    WEBHOOK_ATTEMPT_TIMEOUT_SECS: '5',
    // Conversion deliveries likewise.
    CONVERSION_RETRY_INITIAL_SECS: '1',
    CONVERSION_RETRY_MAX_SECS: '2',
    CONVERSION_GIVE_UP_AFTER_SECS: '60',
    CONVERSION_ATTEMPT_TIMEOUT_SECS: '5',
    // The tests' receivers listen on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // Scenario visitors come "through a proxy" on this host, each named in X-Forwarded-For.
    TRUSTED_PROXIES: 'loopback',
  });
  const cfg = loadConfig();

  const app: INestApplication = await createApiApp({ logger: false });
  await app.listen(apiPort, '127.0.0.1');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  sim.setWebhookUrl(`${apiUrl}/webhooks/telnyx`);
  const { apiKey } = await createTestAccount(apiUrl);

  const dataSource = await openDataSource(db.url, 5);
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const worker: Worker = await createCallWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    dataSource,
    telephony: new TelnyxTelephony({ apiKey: API_KEY, baseUrl: sim.apiBaseUrl, connectionId: CONNECTION_ID }),
    recordings: {
      blobs: new FilesystemBlobStore(cfg.media.dir),
      carrier: new TelnyxRecordings({ apiKey: API_KEY, baseUrl: sim.apiBaseUrl, allowPrivateNetworks: true }),
    },
    settings: {
      ringTimeoutSecs: o.ringTimeoutSecs ?? 20,
      defaultVoice: 'female',
      publicBaseUrl: apiUrl,
      mediaSigningSecret: mediaSigningSecret(cfg),
      allowPrivateReceivers: cfg.webhooks.allowPrivateNetworks,
    },
    webhooks: cfg.webhooks,
    conversions: cfg.conversions,
    adPlatforms: adPlatformAdapters(cfg.adPlatforms),
    bundle: await sharedBundle(),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace: 'default' });

  return {
    apiUrl,
    sim,
    adsSim,
    client,
    dataSource,
    taskQueue,
    apiKey,
    endpoints: { apiUrl, simUrl: sim.url, apiKey, adminToken: TEST_ADMIN_TOKEN, adsSimUrl: adsSim.url },
    // Every JSON 2xx answer is checked against docs/openapi.json (openapi-responses.ts).
    api: (method, path, body) =>
      checkedResponse(method, path, http(method, `${apiUrl}${path}`, body, withKey(apiKey))),
    async stop() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await app.close();
      await sim.close();
      await adsSim.stop();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Polls until `fn` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
