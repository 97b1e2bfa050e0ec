import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ALL_CALL_SEARCH_ATTRIBUTES } from '@switchboard/contracts';
import { ensureSearchAttributes } from '@switchboard/temporal';
import { goBinary, goInstall, toolCacheDir } from './go-install';
import { StartFailed, freeLowPort, freePort, waitFor } from './ports';

/** The server release the Temporal CLI v1.5.1 embeds; its module ships the PostgreSQL v12 schemas. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';

/** Outside the checkout, beside the CLI, so every clone (and CI on the same machine) reuses one build. */
export function temporalServerCacheDir(): string {
  return toolCacheDir('temporal-server', TEMPORAL_SERVER_VERSION);
}

export interface TemporalServerBinaries {
  /** `temporal-server` (built from go.temporal.io/server/cmd/server). */
  server: string;
  /** `temporal-sql-tool` (go.temporal.io/server/cmd/tools/sql): schema set-up and upgrades. */
  sqlTool: string;
}

/**
 * The server and its SQL tool: TEMPORAL_SERVER_BIN_DIR, else the cache, else built with Go into the
 * cache (`GOTOOLCHAIN=local`: no other toolchain is downloaded). Null when neither is possible.
 */
export async function locateTemporalServer(
  log: (msg: string) => void = console.log,
): Promise<TemporalServerBinaries | null> {
  const dir = process.env.TEMPORAL_SERVER_BIN_DIR || temporalServerCacheDir();
  const found = { server: path.join(dir, 'server'), sqlTool: path.join(dir, 'sql') };
  if (existsSync(found.server) && existsSync(found.sqlTool)) return found;
  if (!goBinary() || process.env.TEMPORAL_SERVER_BIN_DIR) return null;
  log(
    `building temporal-server and temporal-sql-tool v${TEMPORAL_SERVER_VERSION} with Go into ${dir} (first run only, several minutes)`,
  );
  await goInstall(dir, [
    `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
    `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
  ]);
  return existsSync(found.server) && existsSync(found.sqlTool) ? found : null;
}

export type TemporalPersistence =
  /** Nothing kept: tests. */
  | { kind: 'sqlite-memory' }
  /** History and visibility databases on a PostgreSQL server whose schemas are set up already. */
  | ({ kind: 'postgres' } & TemporalDatabases);

/** The frontend's TLS: its certificate, and (mTLS) the CA its clients' certificates must chain to. */
export interface TemporalServerTls {
  certFile: string;
  keyFile: string;
  /** Clients must present a certificate signed by this CA. */
  clientCaFile: string;
  /** The CA of the server's own certificate, and the name in it (the server's own workers connect too). */
  serverCaFile: string;
  serverName: string;
  /** The certificate the server's system worker presents to its own frontend. */
  systemWorkerCertFile: string;
  systemWorkerKeyFile: string;
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  /** Where the server's configuration is written. */
  workDir: string;
  persistence: TemporalPersistence;
  /** The frontend's gRPC port; free one when omitted. */
  port?: number;
  /** Fixed when the cluster is created: history shards can never change afterwards. */
  historyShards?: number;
  tls?: TemporalServerTls;
  namespace?: string;
}

export interface RunningTemporalServer {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const q = (s: string) => JSON.stringify(s);

function datastore(p: TemporalPersistence, visibility: boolean): string {
  if (p.kind === 'sqlite-memory')
    return `      sql:
        pluginName: "sqlite"
        databaseName: ${q(visibility ? 'visibility' : 'default')}
        connectAddr: "localhost"
        connectProtocol: "tcp"
        connectAttributes: { mode: "memory", cache: "private" }
        maxConns: 1
        maxIdleConns: 1
        maxConnLifetime: "1h"`;
  return `      sql:
        pluginName: "postgres12"
        databaseName: ${q(visibility ? p.visibilityDatabase : p.database)}
        connectAddr: ${q(`${p.host}:${p.port}`)}
        connectProtocol: "tcp"
        user: ${q(p.user)}
        password: ${q(p.password)}
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: "1h"`;
}

function tlsSection(t: TemporalServerTls | undefined): string {
  if (!t) return '';
  return `  tls:
    frontend:
      server:
        certFile: ${q(t.certFile)}
        keyFile: ${q(t.keyFile)}
        requireClientAuth: true
        clientCaFiles: [${q(t.clientCaFile)}]
      client:
        serverName: ${q(t.serverName)}
        rootCaFiles: [${q(t.serverCaFile)}]
    systemWorker:
      certFile: ${q(t.systemWorkerCertFile)}
      keyFile: ${q(t.systemWorkerKeyFile)}
      client:
        serverName: ${q(t.serverName)}
        rootCaFiles: [${q(t.serverCaFile)}]
`;
}

/** `temporal-server start` on a configuration of ours, bound to loopback on free ports. */
export async function startTemporalServer(o: TemporalServerOptions): Promise<RunningTemporalServer> {
  const port = o.port ?? (await freeLowPort());
  // Membership (and, alike, gRPC) ports go into a smallint column: below 32768.
  const ports = {
    frontendMembership: await freeLowPort(),
    frontendHttp: await freePort(),
    history: await freeLowPort(),
    historyMembership: await freeLowPort(),
    matching: await freeLowPort(),
    matchingMembership: await freeLowPort(),
    worker: await freeLowPort(),
    workerMembership: await freeLowPort(),
  };
  const configDir = path.join(o.workDir, 'config');
  mkdirSync(configDir, { recursive: true });
  const service = (grpc: number, membership: number, extra = '') =>
    `    rpc:\n      grpcPort: ${grpc}\n      membershipPort: ${membership}\n      bindOnIP: "127.0.0.1"\n${extra}`;
  writeFileSync(
    path.join(configDir, 'dynamicconfig.yaml'),
    'frontend.enableServerVersionCheck:\n  - value: false\n',
  );
  writeFileSync(
    path.join(configDir, 'development.yaml'),
    `log:
  stdout: true
  level: error
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${o.historyShards ?? 4}
  datastores:
    default:
${datastore(o.persistence, false)}
    visibility:
${datastore(o.persistence, true)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
${tlsSection(o.tls)}services:
  frontend:
${service(port, ports.frontendMembership, `      httpPort: ${ports.frontendHttp}\n`)}  history:
${service(ports.history, ports.historyMembership)}  matching:
${service(ports.matching, ports.matchingMembership)}  worker:
${service(ports.worker, ports.workerMembership)}clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${port}"
      httpAddress: "127.0.0.1:${ports.frontendHttp}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: ${q(path.join(configDir, 'dynamicconfig.yaml'))}
  pollInterval: "10s"
`,
  );
  // The server logs to a file of its own: while its services find each other it logs errors that
  // are part of a normal start ("Not enough hosts to serve the request"), which would bury the
  // stack's own lines. A start that fails, or a server that dies later, shows the file's end. Each
  // start begins the file afresh, so it cannot grow without bound.
  const logFile = path.join(o.workDir, 'temporal-server.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn(
    o.binaries.server,
    ['--root', o.workDir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  let exited = false;
  let stopping = false;
  child.on('exit', (code, signal) => {
    exited = true;
    if (!stopping)
      console.error(
        `temporal-server exited (${code ?? signal}); the end of ${logFile}:\n${logTail(logFile)}`,
      );
  });
  const address = `127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  try {
    const tls = o.tls
      ? {
          serverNameOverride: o.tls.serverName,
          serverRootCACertificate: readFileSync(o.tls.serverCaFile),
          clientCertPair: {
            crt: readFileSync(o.tls.systemWorkerCertFile),
            key: readFileSync(o.tls.systemWorkerKeyFile),
          },
        }
      : undefined;
    const namespace = o.namespace ?? 'default';
    await waitFor(
      'temporal-server',
      async () => {
        if (exited) throw new StartFailed('temporal-server exited during start-up');
        const c = await Connection.connect({ address, tls, connectTimeout: 1000 });
        try {
          await c.workflowService.getSystemInfo({});
          // A new cluster has no namespace: register ours (an existing one answers "already exists").
          await c.workflowService
            .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') })
            .catch((e: unknown) => {
              if (!/already exists/i.test(String(e))) throw e;
            });
          await c.workflowService.describeNamespace({ namespace });
          await ensureSearchAttributes(c, namespace, ALL_CALL_SEARCH_ATTRIBUTES);
          return true;
        } finally {
          await c.close();
        }
      },
      120_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, process: child, stop };
}

/** The last lines of a log file (what a failed start shows). */
function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * TEMPORAL_HISTORY_SHARDS for a new Temporal-on-PostgreSQL cluster (default 4). Fixed at creation:
 * a cluster keeps the count it was made with, so changing it later needs a new cluster.
 */
export function historyShardsSetting(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TEMPORAL_HISTORY_SHARDS;
  if (raw === undefined || raw === '') return 4;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16384)
    throw new Error(`TEMPORAL_HISTORY_SHARDS must be a whole number from 1 to 16384, got "${raw}"`);
  return n;
}

export interface TemporalDatabases {
  host: string;
  port: number;
  user: string;
  password: string;
  /** History (the default store) and visibility databases, created when missing. */
  database: string;
  visibilityDatabase: string;
}

/** Temporal's two databases on the server a PostgreSQL URL names: `<database>` and `<database>_visibility`. */
export function temporalDatabasesAt(serverUrl: string, database: string): TemporalDatabases {
  const url = new URL(serverUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    visibilityDatabase: `${database}_visibility`,
  };
}

/**
 * Creates the history and visibility databases when missing and brings their schemas to the
 * version this server release embeds (`temporal-sql-tool`, the PostgreSQL v12 schemas). Safe on
 * every start: an up-to-date schema is left as it is, an older one is upgraded in place.
 */
export async function setupTemporalSchemas(
  binaries: TemporalServerBinaries,
  db: TemporalDatabases,
  log: (msg: string) => void = console.log,
): Promise<void> {
  for (const [database, schema] of [
    [db.database, 'postgresql/v12/temporal'],
    [db.visibilityDatabase, 'postgresql/v12/visibility'],
  ] as const) {
    const tool = (...args: string[]) =>
      runTool(binaries.sqlTool, [
        '--plugin',
        'postgres12',
        '--endpoint',
        db.host,
        '--port',
        String(db.port),
        '--user',
        db.user,
        '--password',
        db.password,
        '--database',
        database,
        ...args,
      ]);
    const created = await tool('create-database').then(
      () => true,
      (e: Error) => {
        if (/already exists/i.test(e.message)) return false;
        throw e;
      },
    );
    // A new database gets the versioning tables first; then every versioned step not yet applied.
    if (created) await tool('setup-schema', '-v', '0.0');
    await tool('update-schema', '--schema-name', schema);
    log(`temporal schema ${schema} on ${database}: ${created ? 'created' : 'up to date or upgraded'}`);
  }
}

function runTool(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `temporal-sql-tool ${args.slice(10).join(' ')} failed (${code}): ${output.trim().slice(-600)}`,
            ),
          ),
    );
  });
}
