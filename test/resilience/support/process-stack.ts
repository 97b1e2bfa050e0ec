import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { freePort, waitFor } from '@switchboard/devstack';
import { applyBundle, type StackEndpoints } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { http } from '../../support/http';
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

/** api-1, api-2, …, worker-1, …: each a process of its own, named in its log lines. */
export type AppName = `api-${number}` | `worker-${number}`;

export interface AppProcess {
  readonly name: AppName;
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
  /**
   * api processes (default 1), each on a port of its own. The simulator's webhook URL is api-1's
   * and its failover URL api-2's, as a Call Control App's two URLs would be.
   */
  apis?: number;
  /** Worker processes (default 1), all polling the same task queue. */
  workers?: number;
}

/** `api` and `worker` stand for the first of each, as in the single-process scenarios. */
type AppRef = AppName | 'api' | 'worker';
const resolve = (ref: AppRef): AppName => (ref === 'api' ? 'api-1' : ref === 'worker' ? 'worker-1' : ref);

/**
 * The system as it runs in production, api and worker processes started from dist/ (so a SIGKILL
 * is real), on a database of its own, with the Telnyx simulator in the test process. Every line
 * the processes log is kept (prefixed with the process's name), so tests can check what was logged.
 */
export class ProcessStack {
  readonly sim: TelnyxSimulator;
  /** api-1's URL: where the test account and the requests go. */
  readonly apiUrl: string;
  /** Each api process's URL, by name. */
  readonly apiUrls: ReadonlyMap<AppName, string>;
  readonly telnyxApiKey: string;
  readonly taskQueue: string;
  /** Direct connection to the stack's database (not through any proxy). */
  readonly db: Pool;
  readonly dbUrl: string;
  readonly logs: string[] = [];
  /** Every process of the stack, in start order (apis first): what a rolling restart walks. */
  readonly names: readonly AppName[];
  apiKey = '';
  client!: Client;
  private readonly running = new Map<AppName, AppProcess>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly cleanups: (() => Promise<void>)[] = [];

  private constructor(init: {
    sim: TelnyxSimulator;
    apiUrls: Map<AppName, string>;
    workers: number;
    telnyxApiKey: string;
    taskQueue: string;
    db: Pool;
    dbUrl: string;
    env: NodeJS.ProcessEnv;
  }) {
    this.sim = init.sim;
    this.apiUrls = init.apiUrls;
    this.apiUrl = init.apiUrls.get('api-1')!;
    this.names = [
      ...init.apiUrls.keys(),
      ...Array.from({ length: init.workers }, (_, i): AppName => `worker-${i + 1}`),
    ];
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
    const apiUrls = new Map<AppName, string>();
    for (let i = 1; i <= (o.apis ?? 1); i++) apiUrls.set(`api-${i}`, `http://127.0.0.1:${await freePort()}`);
    const webhooks = (name: AppName) => {
      const url = apiUrls.get(name);
      return url && `${url}/webhooks/telnyx`;
    };
    const sim = await startTelnyxSimulator({
      apiKey: telnyxApiKey,
      connectionId: CONNECTION_ID,
      timeScale: o.timeScale,
      webhookRetryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
      failoverWebhookUrl: webhooks('api-2'),
    });
    sim.setWebhookUrl(webhooks('api-1')!);
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
      API_HOST: '127.0.0.1',
      // Shared by every api process, as a volume would be (docker/compose.yaml).
      MEDIA_DIR: mediaDir,
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    };
    const stack = new ProcessStack({
      sim,
      apiUrls,
      workers: o.workers ?? 1,
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
      for (const name of stack.names) await stack.startApp(name);
      stack.apiKey = (await createTestAccount(stack.apiUrl, 'Resilience')).apiKey;
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  /** api-1 while it runs. */
  get api(): AppProcess | null {
    return this.running.get('api-1') ?? null;
  }

  /** worker-1 while it runs. */
  get worker(): AppProcess | null {
    return this.running.get('worker-1') ?? null;
  }

  process(ref: AppRef): AppProcess | null {
    return this.running.get(resolve(ref)) ?? null;
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

  async startApi(ref: AppRef = 'api'): Promise<void> {
    const name = resolve(ref);
    const url = this.apiUrls.get(name);
    if (!name.startsWith('api-') || !url) throw new Error(`no api process named ${name}`);
    if (this.running.has(name)) throw new Error(`${name} already running`);
    const proc = this.spawnApp(name, 'dist/apps/api/src/main.js', { API_PORT: new URL(url).port });
    await waitFor(
      `${name} health`,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`${name} exited while starting`);
        return (await fetch(`${url}/health`)).ok;
      },
      120_000,
    );
  }

  async startWorker(ref: AppRef = 'worker'): Promise<void> {
    const name = resolve(ref);
    if (!name.startsWith('worker-')) throw new Error(`no worker process named ${name}`);
    if (this.running.has(name)) throw new Error(`${name} already running`);
    const proc = this.spawnApp(name, 'dist/apps/worker/src/main.js', {});
    // The worker logs this once its poller runs.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start polling in 120 s`)), 120_000);
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
        reject(new Error(`${name} exited while starting`));
      });
    });
  }

  /** Starts the named process and waits until it is ready (api: healthy; worker: polling). */
  startApp(ref: AppRef): Promise<void> {
    const name = resolve(ref);
    return name.startsWith('api-') ? this.startApi(name) : this.startWorker(name);
  }

  /** SIGKILL: no shutdown hooks, no draining, in-flight requests cut. */
  async kill(ref: AppRef): Promise<void> {
    const name = resolve(ref);
    const proc = this.running.get(name);
    if (!proc) return;
    this.running.delete(name);
    proc.child.kill('SIGKILL');
    await proc.exited;
  }

  /** SIGTERM, the way an orchestrator stops a process, then SIGKILL after 15 s. */
  async terminate(ref: AppRef): Promise<void> {
    const name = resolve(ref);
    const proc = this.running.get(name);
    if (!proc) return;
    this.running.delete(name);
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
    await proc.exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    // Workers first, then the apis: nothing is left to take a webhook's signal.
    for (const name of [...this.names].reverse()) await this.terminate(name);
    for (const c of this.cleanups.splice(0).reverse()) await c().catch(() => undefined);
  }

  private spawnApp(name: AppName, script: string, env: NodeJS.ProcessEnv): AppProcess {
    const child = spawn(process.execPath, [path.join(DIST, '..', script)], {
      env: { ...this.env, ...env },
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
    const proc = { name, child, exited };
    this.running.set(name, proc);
    // A process that dies on its own is no longer running (a test checks `stack.api` after faults).
    void exited.then(() => {
      if (this.running.get(name) === proc) this.running.delete(name);
    });
    return proc;
  }
}
