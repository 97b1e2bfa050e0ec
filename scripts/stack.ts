import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { startAdsSimulator, type AdsSimulator } from '@switchboard/ads-sim';
import { loadConfig, type CallEngine } from '@switchboard/config';
import {
  adminUrlOf,
  ensureDatabase,
  freePort,
  historyShardsSetting,
  locateTemporalCli,
  locateTemporalServer,
  locateTemporalUi,
  setupTemporalSchemas,
  temporalDatabasesAt,
  startEmbeddedPostgres,
  startTemporalServer,
  startTemporalUi,
  startSdkDownloadedDevServer,
  startTemporalDevServer,
  startEntryPoint,
  waitFor,
} from '@switchboard/devstack';
import { migrate } from '@switchboard/persistence';
import type { StackEndpoints } from '@switchboard/scenarios';
import { devAdminToken, devApiKey, devSecret } from './dev-account';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const DATA_DIR = path.join(REPO_ROOT, '.data');
export const STACK_FILE = path.join(DATA_DIR, 'stack.json');

export interface StackOptions {
  /** Throwaway stack (scenario runner, benchmark): random ports, temporary data, no stack.json. */
  ephemeral: boolean;
  log: (line: string) => void;
  /** Simulator time compression (1 = real time). */
  simTimeScale?: number;
  /** Inherit the children's logs (npm start) or keep them quiet (bench, scenarios). */
  childOutput?: 'inherit' | 'quiet';
  /** Where Temporal keeps history when no TEMPORAL_ADDRESS is set: the dev server's SQLite, or PostgreSQL. */
  temporalStore?: 'dev' | 'postgres';
  /** A throwaway stack's worker serves /metrics on this port (the soak reads its heap); default off. */
  workerMetricsPort?: number;
  /** api processes (default 1); with more, one local entry point in front of them is the api URL. */
  apis?: number;
  /** Worker processes (default 1), all polling the one task queue. */
  workers?: number;
  /** Embedded PostgreSQL flushes commits to disk (default: only a kept stack's; the benchmark asks). */
  durablePostgres?: boolean;
  /**
   * The engine new calls start on (CALL_ENGINE of the api processes, which choose it); default: the
   * environment's, else the api's own default. `npm run bench:engine` starts one stack per engine.
   */
  callEngine?: CallEngine;
}

/** Process ids of a running stack's parts (null: not started here), for per-process CPU figures. */
export interface StackProcesses {
  temporal: number | null;
  postgres: number | null;
  apis: number[];
  workers: number[];
}

export interface RunningStack {
  /** Where requests and webhooks go: the api, or the entry point in front of several. */
  apiUrl: string;
  /** Each api process's own URL. */
  apiUrls: string[];
  processes: StackProcesses;
  /** The Telnyx simulator's base URL, or null when pointed at real Telnyx. */
  simUrl: string | null;
  sim: TelnyxSimulator | null;
  /** The ad platforms' fake (apps/ads-sim), or null when all three platform URLs are configured. */
  adsSimUrl: string | null;
  adsSim: AdsSimulator | null;
  temporalAddress: string;
  temporalUiUrl: string | null;
  databaseUrl: string;
  /** The platform operator's token (creates accounts). */
  adminToken: string;
  /** A key of the stack's "Dev account", for scenarios, the benchmark and curl. */
  apiKey: string;
  /** What `POST /webhooks/email` requests are signed with (EMAIL_WEBHOOK_SECRET). */
  emailWebhookSecret: string;
  /** Where forwarded email goes: the simulator's mail sink unless SMTP_URL names a server. */
  smtpUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole system the way it runs in production (api and worker as their own processes) on
 * local defaults: Temporal dev server, PostgreSQL, migrations, the Telnyx simulator unless
 * TELNYX_API_KEY names a real account, the api and the worker.
 */
export async function startStack(o: StackOptions): Promise<RunningStack> {
  const cfg = loadConfig();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse())
      await s().catch((e: unknown) => o.log(`stop failed: ${String(e)}`));
  };
  stopOnEveryExit(stopAll, o.log);
  try {
    const tmp = o.ephemeral ? mkdtempSync(path.join(os.tmpdir(), 'switchboard-stack-')) : null;
    if (tmp) stops.push(async () => rmSync(tmp, { recursive: true, force: true }));
    const dataDir = tmp ?? DATA_DIR;
    keepPrivate(dataDir);

    // PostgreSQL (first: Temporal may keep its history there too)
    let databaseUrl = cfg.databaseUrl;
    let pgAdminUrl: string;
    const processes: StackProcesses = { temporal: null, postgres: null, apis: [], workers: [] };
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port: o.ephemeral ? undefined : Number(process.env.EMBEDDED_PG_PORT ?? 5488),
        temporary: o.ephemeral,
        durable: o.durablePostgres,
      });
      processes.postgres = pg.pid;
      if (pg.dataDir !== path.join(dataDir, 'postgres')) o.log(`embedded PostgreSQL data in ${pg.dataDir}`);
      stops.push(() => pg.stop());
      pgAdminUrl = pg.adminUrl;
      databaseUrl = await ensureDatabase(pg.adminUrl, 'switchboard');
    } else {
      pgAdminUrl = adminUrlOf(databaseUrl);
      await ensureDatabase(pgAdminUrl, new URL(databaseUrl).pathname.slice(1) || 'switchboard');
    }
    const ran = await migrate(databaseUrl);
    if (ran.length) o.log(`migrations applied: ${ran.join(', ')}`);

    // Temporal: an external cluster, else the dev server (SQLite) or temporal-server on PostgreSQL
    let temporalAddress = cfg.temporal.address;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      const ports = { port: o.ephemeral ? undefined : 7233, uiPort: o.ephemeral ? await freePort() : 8233 };
      const started =
        (o.temporalStore ?? 'dev') === 'postgres'
          ? await startTemporalOnPostgres(o, dataDir, pgAdminUrl, ports)
          : await startDevServer(o, dataDir, ports);
      stops.push(...started.stops);
      processes.temporal = started.pid;
      temporalAddress = started.address;
      temporalUiUrl = started.uiUrl;
    }

    // The api processes, and one entry point in front of them when there are several (it takes the
    // configured port, the processes take free ones behind it).
    const apiCount = o.apis ?? 1;
    const workerCount = o.workers ?? 1;
    const entryPort = o.ephemeral ? await freePort() : cfg.api.port;
    const apiPorts =
      apiCount === 1 ? [entryPort] : await Promise.all(Array.from({ length: apiCount }, () => freePort()));
    const apiUrls = apiPorts.map((p) => `http://127.0.0.1:${p}`);
    const apiUrl = apiCount === 1 ? apiUrls[0] : `http://127.0.0.1:${entryPort}`;

    // Telnyx: the simulator unless a real account is configured
    let sim: TelnyxSimulator | null = null;
    const telnyxEnv: Record<string, string> = {};
    // Forwarded email goes to the simulator's mail sink (read at /sim/mail) unless SMTP_URL names
    // a real server: the default SMTP_URL's port is the sink's.
    const mailToSink = !process.env.SMTP_URL;
    if (!cfg.telnyx.apiKey) {
      sim = await startTelnyxSimulator({
        apiKey: 'sim-key',
        connectionId: cfg.telnyx.connectionId,
        port: o.ephemeral ? 0 : Number(process.env.SIM_PORT ?? 8790),
        webhookUrl: `${apiUrl}/webhooks/telnyx`,
        // As a Call Control App's failover URL: an api process directly, should the entry point fail.
        failoverWebhookUrl: apiCount > 1 ? `${apiUrls[apiCount - 1]}/webhooks/telnyx` : undefined,
        timeScale: o.simTimeScale ?? Number(process.env.SIM_TIME_SCALE ?? 1),
        mailSinkPort: !mailToSink ? undefined : o.ephemeral ? 0 : Number(process.env.SIM_MAIL_PORT ?? 2525),
      });
      const s = sim;
      stops.push(() => s.close());
      Object.assign(telnyxEnv, {
        TELNYX_API_KEY: 'sim-key',
        TELNYX_BASE_URL: sim.apiBaseUrl,
        TELNYX_PUBLIC_KEY: sim.publicKeyBase64,
        // The /agent page drives the simulator's legs instead of a WebRTC media connection.
        AGENT_TELEPHONY: process.env.AGENT_TELEPHONY ?? 'simulator',
      });
    }

    // Ad platforms: the fake of each one whose URL is not configured (conversions never leave the
    // machine by accident in development).
    const adsEnv: Record<string, string> = {};
    const adsUrls = ['GOOGLE_ADS_API_URL', 'GA4_MP_URL', 'META_GRAPH_URL'].filter((n) => !process.env[n]);
    let adsSim: AdsSimulator | null = null;
    if (adsUrls.length > 0) {
      adsSim = await startAdsSimulator({
        port: o.ephemeral ? 0 : Number(process.env.ADS_SIM_PORT ?? 8791),
      });
      const a = adsSim;
      stops.push(() => a.stop());
      for (const n of adsUrls) adsEnv[n] = adsSim.url;
    }

    const adminToken = devAdminToken(tmp ? null : dataDir, cfg.admin.token);
    const emailWebhookSecret =
      cfg.email.webhookSecret ?? devSecret(tmp ? null : dataDir, 'email-webhook-secret');
    const smtpUrl = sim?.smtpUrl ?? cfg.email.smtpUrl;
    const childEnv = {
      ...process.env,
      ...telnyxEnv,
      ...adsEnv,
      ADMIN_TOKEN: adminToken,
      MEDIA_SIGNING_SECRET:
        cfg.media.signingSecret ?? devSecret(tmp ? null : dataDir, 'media-signing-secret'),
      EMAIL_WEBHOOK_SECRET: emailWebhookSecret,
      SMTP_URL: smtpUrl,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      // The console links calls to their workflows in the UI this stack serves, if it serves one.
      ...(temporalUiUrl && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: temporalUiUrl } : {}),
      API_HOST: '127.0.0.1',
      // Uploaded audio next to the stack's other data (a throwaway stack's goes with it).
      MEDIA_DIR: process.env.MEDIA_DIR || path.join(dataDir, 'media'),
      // A developer's receivers (and the demo's) listen on this machine.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? 'true',
      // Scenario visitors are told apart by X-Forwarded-For from this machine (each a client).
      TRUSTED_PROXIES: process.env.TRUSTED_PROXIES ?? 'loopback',
      // A throwaway stack's worker must not take (or fight over) the running stack's metrics port.
      ...(o.ephemeral ? { WORKER_METRICS_PORT: String(o.workerMetricsPort ?? 0) } : {}),
    };
    const quiet = o.childOutput === 'quiet';
    const name = (kind: string, i: number, n: number) => (n === 1 ? kind : `${kind}-${i + 1}`);
    const apis = apiPorts.map((port, i) =>
      startChild(
        name('api', i, apiCount),
        path.join(REPO_ROOT, 'dist/apps/api/src/main.js'),
        { ...childEnv, API_PORT: String(port), ...(o.callEngine ? { CALL_ENGINE: o.callEngine } : {}) },
        quiet,
      ),
    );
    for (const api of apis) stops.push(() => stopChild(api));
    processes.apis = apis.map((a) => a.pid!);
    for (const url of apiUrls) await waitFor(url, async () => (await fetch(`${url}/health`)).ok, 60_000);
    if (apiCount > 1) {
      const entry = await startEntryPoint({ upstreams: apiUrls, port: entryPort });
      stops.push(() => entry.stop());
    }
    const apiKey = await devApiKey(apiUrl, tmp ? null : dataDir, adminToken);
    const workers = Array.from({ length: workerCount }, (_, i) =>
      startChild(
        name('worker', i, workerCount),
        path.join(REPO_ROOT, 'dist/apps/worker/src/main.js'),
        // Only one worker can serve /metrics on the configured port; the others serve none.
        i === 0 ? childEnv : { ...childEnv, WORKER_METRICS_PORT: '0' },
        quiet,
      ),
    );
    for (const w of workers) stops.push(() => stopChild(w.child));
    processes.workers = workers.map((w) => w.pid!);
    await Promise.all(workers.map((w) => w.ready));

    const stack: RunningStack = {
      apiUrl,
      apiUrls,
      processes,
      simUrl: sim?.url ?? null,
      sim,
      adsSimUrl: adsSim?.url ?? null,
      adsSim,
      temporalAddress,
      temporalUiUrl,
      databaseUrl,
      adminToken,
      apiKey,
      emailWebhookSecret,
      smtpUrl,
      stop: stopAll,
    };
    if (!o.ephemeral) {
      writeFileSync(
        STACK_FILE,
        JSON.stringify(
          {
            apiUrl,
            simUrl: stack.simUrl,
            apiKey,
            adminToken,
            temporalAddress,
            temporalUiUrl,
            ...(stack.adsSimUrl ? { adsSimUrl: stack.adsSimUrl } : {}),
          },
          null,
          2,
        ),
      );
      stops.push(async () => rmSync(STACK_FILE, { force: true }));
    }
    return stack;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

interface StartedTemporal {
  address: string;
  uiUrl: string | null;
  /** null when the SDK runs the dev server inside this process. */
  pid: number | null;
  stops: (() => Promise<void>)[];
}

/** `temporal server start-dev`: one SQLite file (`.data/temporal.sqlite`), one history shard. */
async function startDevServer(
  o: StackOptions,
  dataDir: string,
  ports: { port?: number; uiPort: number },
): Promise<StartedTemporal> {
  const cli = await locateTemporalCli(o.log);
  const serverOptions = {
    port: ports.port,
    uiPort: o.ephemeral ? undefined : ports.uiPort,
    // A throwaway stack's file goes with its folder; it is on disk all the same, so that the
    // benchmark measures the server npm start runs.
    dbFile: path.join(dataDir, 'temporal.sqlite'),
  };
  if (!cli) o.log('no Temporal CLI and no Go: letting the Temporal SDK download the dev server');
  const server = cli
    ? await startTemporalDevServer({ cli, ...serverOptions })
    : { ...(await startSdkDownloadedDevServer(serverOptions)), process: null };
  return {
    address: server.address,
    uiUrl: server.uiUrl,
    pid: server.process?.pid ?? null,
    stops: [() => server.stop()],
  };
}

/**
 * `temporal-server` with its history and visibility in PostgreSQL (the app's server unless
 * TEMPORAL_DATABASE_URL names another), schemas set up or upgraded on every start, and the same
 * Web UI as the dev server's.
 */
async function startTemporalOnPostgres(
  o: StackOptions,
  dataDir: string,
  pgAdminUrl: string,
  ports: { port?: number; uiPort: number },
): Promise<StartedTemporal> {
  const historyShards = historyShardsSetting();
  const binaries = await locateTemporalServer(o.log);
  if (!binaries)
    throw new Error(
      'Temporal on PostgreSQL needs temporal-server: install Go (it is built once) or set TEMPORAL_SERVER_BIN_DIR',
    );
  // TEMPORAL_DATABASE_URL names the server and the history database; else the app's server.
  const own = process.env.TEMPORAL_DATABASE_URL;
  const db = temporalDatabasesAt(own || pgAdminUrl, (own && new URL(own).pathname.slice(1)) || 'temporal');
  await setupTemporalSchemas(binaries, db, o.log);
  const stops: (() => Promise<void>)[] = [];
  try {
    const server = await startTemporalServer({
      binaries,
      workDir: path.join(dataDir, 'temporal-server'),
      persistence: { kind: 'postgres', ...db },
      port: ports.port,
      historyShards,
    });
    stops.push(() => server.stop());
    let uiUrl: string | null = null;
    const ui = await locateTemporalUi(o.log);
    if (ui) {
      const started = await startTemporalUi({
        binary: ui,
        workDir: path.join(dataDir, 'temporal-ui'),
        temporalAddress: server.address,
        port: ports.uiPort,
      });
      stops.push(() => started.stop());
      uiUrl = started.url;
    } else o.log('no Go to build the Temporal Web UI: running without it');
    return { address: server.address, uiUrl, pid: server.process.pid!, stops };
  } catch (err) {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    throw err;
  }
}

/**
 * The stack's files (admin token, dev key, secrets, stack.json, recordings, Temporal's history) are
 * its owner's alone: the folder is closed (also one made by an earlier version with the default
 * mask), and this process and the children it starts create files with mode 0600 from now on.
 */
export function keepPrivate(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o700);
}

/**
 * Every way this process can end stops what the stack started so far, newest first: Ctrl-C or a
 * kill (also while it is still starting), an uncaught error anywhere, a failed start-up. Without
 * this a Temporal server started before a failure would keep its ports and trip the next start.
 */
function stopOnEveryExit(stopAll: () => Promise<void>, log: (line: string) => void): void {
  let ending = false;
  const end = (code: number) => {
    if (ending) return;
    ending = true;
    void stopAll().finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      log('stopping…');
      end(0);
    });
  }
  const crash = (err: unknown) => {
    console.error(err);
    end(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

function startChild(name: string, script: string, env: NodeJS.ProcessEnv, quiet: boolean) {
  // PROFILE_DIR=/some/dir writes a V8 CPU profile of each child on exit (for `npm run bench`).
  const profile = env.PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${env.PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  const prefix = (chunk: Buffer, out: NodeJS.WriteStream) => {
    const text = chunk.toString();
    // The worker logs this once its poller runs: the stack is usable from then on.
    if (text.includes('polling task queue')) resolveReady();
    if (!quiet || /error|fatal/i.test(text)) {
      for (const line of text.split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout.on('data', (c: Buffer) => prefix(c, process.stdout));
  child.stderr.on('data', (c: Buffer) => prefix(c, process.stderr));
  child.on('exit', (code, signal) => rejectReady(new Error(`${name} exited (${code ?? signal})`)));
  // Only the worker's readiness is awaited; an api exiting at shutdown must not be an unhandled rejection.
  ready.catch(() => undefined);
  return Object.assign(child, { child, ready });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** What `runningStack` finds: the endpoints, and the stack's Temporal when it is known. */
export type RunningEndpoints = StackEndpoints & { temporalAddress?: string };

/**
 * Endpoints of a running stack: env first (with TEMPORAL_ADDRESS, if set), then the one `npm start`
 * wrote, if it answers.
 */
export async function runningStack(): Promise<RunningEndpoints | null> {
  let candidate: Partial<RunningEndpoints> | null = null;
  if (process.env.SWITCHBOARD_API_URL && process.env.TELNYX_SIM_URL) {
    candidate = {
      apiUrl: process.env.SWITCHBOARD_API_URL,
      simUrl: process.env.TELNYX_SIM_URL,
      apiKey: process.env.SWITCHBOARD_API_KEY,
      adminToken: process.env.ADMIN_TOKEN,
      temporalAddress: process.env.TEMPORAL_ADDRESS,
    };
  } else if (existsSync(STACK_FILE)) {
    candidate = JSON.parse(readFileSync(STACK_FILE, 'utf8')) as Partial<RunningEndpoints>;
  }
  if (!candidate?.apiUrl || !candidate.simUrl) return null;
  try {
    const ok =
      (await fetch(`${candidate.apiUrl}/health`)).ok && (await fetch(`${candidate.simUrl}/sim/health`)).ok;
    return ok ? { ...candidate, apiUrl: candidate.apiUrl, simUrl: candidate.simUrl } : null;
  } catch {
    return null;
  }
}
