import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import {
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '@switchboard/devstack';
import { migrate, openDataSource } from '@switchboard/persistence';

/**
 * A migrated database of its own for a benchmark: a new one on DATABASE_URL's server, or on a
 * throwaway embedded PostgreSQL when that is unset. Dropped (and the server stopped) after `work`.
 */
export async function withBenchDatabase<T>(
  name: string,
  log: (m: string) => void,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  let pg: RunningPostgres | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(os.tmpdir(), `sb-bench-${name}-`));
    log('starting a throwaway embedded PostgreSQL');
    pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), temporary: true });
    adminUrl = pg.adminUrl;
  }
  const dbName = `sb_bench_${name}_${Date.now()}`;
  let ds: DataSource | undefined;
  try {
    const url = await ensureDatabase(adminUrl, dbName);
    await migrate(url);
    ds = await openDataSource(url, 4);
    return await work(ds);
  } finally {
    await ds?.destroy();
    await dropDatabase(adminUrl, dbName).catch(() => undefined);
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The machine a benchmark ran on, for its JSON line. */
export const benchMachine = (): string =>
  `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model}, node ${process.version}`;
