import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { freePort, waitFor } from '@switchboard/devstack';
import { applyBundle, http, type Bundle, type StackEndpoints } from '@switchboard/scenarios';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { createTestAccount, TEST_ADMIN_TOKEN, withKey } from '../../support/accounts';
import { createTestDatabase, testServers, uniqueName } from '../../support/test-env';

const DIST = path.join(__dirname, '..', '..', '..');
const CONNECTION_ID = 'resilience-connection';

/**
 * Real Telnyx retries a webhook for minutes; the simulator's default (4 attempts within 3.5 s) is
 * shorter than a process restart. These waits (about 45 s in all) cover an api restart, a Temporal
 * restart and a 10 s database outage, as Telnyx's own schedule would.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000];

export interface AppProcess {
  readonly name: 'api' | 'worker';
  child: ChildProcess;
  /** Resolves when the process exits (whatever the cause). */
  exited: Promise<void>;
}

export interface ProcessStackOptions {
  /** Temporal frontend the apps use; default: the test run's dev server. */
  temporalAddress?: string;
  /** PostgreSQL URL the apps use instead of the database's own (a proxy in front of it). */
  appDatabaseUrl?: (directUrl: string) => string;
  /** Simulator time compression (real ms per scenario ms). */
  timeScale: number;
}

/**
 * The system as it runs in production, api and worker as their own processes started from dist/
 * (so a SIGKILL is real), on a database of its own, with the Telnyx simulator in the test process.
 * Every line the two processes log is kept, so tests can check what was logged.
 */
export class ProcessStack {
  readonly sim: TelnyxSimulator;
  readonly apiUrl: string;
  readonly telnyxApiKey: string;
  readonly taskQueue: string;
  /** Direct connection to the stack's database (not through any proxy). */
  readonly db: Pool;
  readonly dbUrl: string;
  readonly logs: string[] = [];
  apiKey = '';
  client!: Client;
  api: AppProcess | null = null;
  worker: AppProcess | null = null;
  private readonly env: NodeJS.ProcessEnv;
  private readonly cleanups: (() => Promise<void>)[] = [];

  private constructor(init: {
    sim: TelnyxSimulator;
    apiUrl: string;
    telnyxApiKey: string;
    taskQueue: string;
    db: Pool;
    dbUrl: string;
    env: NodeJS.ProcessEnv;
  }) {
    this.sim = init.sim;
    this.apiUrl = init.apiUrl;
    this.telnyxApiKey = init.telnyxApiKey;
    this.taskQueue = init.taskQueue;
    this.db = init.db;
    this.dbUrl = init.dbUrl;
    this.env = init.env;
  }

  static async start(o: ProcessStackOptions): Promise<ProcessStack> {
    const temporalAddress = o.temporalAddress ?? testServers().temporalAddress;
    const database = await createTestDatabase();
    // A key no test would type: any log line containing it is a leak.
    const telnyxApiKey = `KEY-resilience-${randomBytes(12).toString('hex')}`;
    const sim = await startTelnyxSimulator({
      apiKey: telnyxApiKey,
      connectionId: CONNECTION_ID,
      timeScale: o.timeScale,
      webhookRetryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
    });
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    sim.setWebhookUrl(`${apiUrl}/webhooks/telnyx`);
    const taskQueue = uniqueName('resilience');
    const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-resilience-media-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: o.appDatabaseUrl ? o.appDatabaseUrl(database.url) : database.url,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TELNYX_API_KEY: telnyxApiKey,
      TELNYX_BASE_URL: sim.apiBaseUrl,
      TELNYX_PUBLIC_KEY: sim.publicKeyBase64,
      TELNYX_CONNECTION_ID: CONNECTION_ID,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      MEDIA_DIR: mediaDir,
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    };
    const stack = new ProcessStack({
      sim,
      apiUrl,
      telnyxApiKey,
      taskQueue,
      db: new Pool({ connectionString: database.url, max: 3 }),
      dbUrl: database.url,
      env,
    });
    stack.cleanups.push(async () => rmSync(mediaDir, { recursive: true, force: true }));
    stack.cleanups.push(() => database.drop());
    stack.cleanups.push(() => stack.db.end());
    stack.cleanups.push(() => sim.close());
    try {
      stack.client = new Client({ connection: await Connection.connect({ address: temporalAddress }) });
      stack.cleanups.push(() => stack.client.connection.close());
      await stack.startApi();
      await stack.startWorker();
      stack.apiKey = (await createTestAccount(apiUrl, 'Resilience')).apiKey;
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  get endpoints(): StackEndpoints {
    return { apiUrl: this.apiUrl, simUrl: this.sim.url, apiKey: this.apiKey, adminToken: TEST_ADMIN_TOKEN };
  }

  /** JSON request against the api with the test account's key. */
  request<T = any>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    return http(method, `${this.apiUrl}${p}`, body, withKey(this.apiKey));
  }

  applyBundle(b: Bundle): Promise<{ propertyId: string }> {
    return applyBundle(this.endpoints, b);
  }

  async startApi(): Promise<void> {
    if (this.api) throw new Error('api already running');
    this.api = this.spawnApp('api', 'dist/apps/api/src/main.js');
    const proc = this.api;
    await waitFor(
      'api health',
      async () => {
        if (proc.child.exitCode !== null) throw new Error('api exited while starting');
        return (await fetch(`${this.apiUrl}/health`)).ok;
      },
      120_000,
    );
  }

  async startWorker(): Promise<void> {
    if (this.worker) throw new Error('worker already running');
    const proc = this.spawnApp('worker', 'dist/apps/worker/src/main.js');
    this.worker = proc;
    // The worker logs this once its poller runs.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('worker did not start polling in 120 s')), 120_000);
      const onData = (c: Buffer) => {
        if (c.toString().includes('polling task queue')) {
          clearTimeout(timer);
          proc.child.stdout?.off('data', onData);
          resolve();
        }
      };
      proc.child.stdout?.on('data', onData);
      void proc.exited.then(() => {
        clearTimeout(timer);
        reject(new Error('worker exited while starting'));
      });
    });
  }

  /** SIGKILL: no shutdown hooks, no draining, in-flight requests cut. */
  async kill(name: 'api' | 'worker'): Promise<void> {
    const proc = this[name];
    if (!proc) return;
    this[name] = null;
    proc.child.kill('SIGKILL');
    await proc.exited;
  }

  /** SIGTERM, the way an orchestrator stops a process, then SIGKILL after 15 s. */
  private async terminate(name: 'api' | 'worker'): Promise<void> {
    const proc = this[name];
    if (!proc) return;
    this[name] = null;
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
    await proc.exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    await this.terminate('worker');
    await this.terminate('api');
    for (const c of this.cleanups.splice(0).reverse()) await c().catch(() => undefined);
  }

  private spawnApp(name: 'api' | 'worker', script: string): AppProcess {
    const child = spawn(process.execPath, [path.join(DIST, '..', script)], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => {
      for (const line of c.toString().split('\n')) if (line.trim()) this.logs.push(`[${name}] ${line}`);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      child.once('exit', () => resolve());
    });
    return { name, child, exited };
  }
}
