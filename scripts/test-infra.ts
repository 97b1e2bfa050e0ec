import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  adminUrlOf,
  locateTemporalCli,
  locateTemporalServer,
  locateTemporalUi,
  startEmbeddedPostgres,
  startSdkDownloadedDevServer,
  startTemporalDevServer,
} from '@switchboard/devstack';

export interface TestInfra {
  temporalAddress: string;
  pgAdminUrl: string;
  stop(): Promise<void>;
}

/**
 * The shared servers of one test run: a fresh in-memory Temporal dev server, and PostgreSQL (the
 * server behind DATABASE_URL when set, else an embedded one in a temporary folder). Test files create
 * their own databases and task queues on them, so they never touch a developer's running stack.
 */
export async function startTestInfra(log: (m: string) => void): Promise<TestInfra> {
  const cli = await locateTemporalCli(log);
  // Built up front (once per machine), not inside a test's time: the TLS and PostgreSQL-persistence
  // tests run a real temporal-server, and npm start's stack on it runs the Web UI too.
  await locateTemporalServer(log);
  await locateTemporalUi(log);
  if (!cli) log('no Temporal CLI and no Go: letting the Temporal SDK download the dev server');
  const stops: (() => Promise<void>)[] = [];
  try {
    const temporal = cli ? await startTemporalDevServer({ cli }) : await startSdkDownloadedDevServer({});
    stops.push(() => temporal.stop());
    let pgAdminUrl: string;
    if (process.env.DATABASE_URL) {
      pgAdminUrl = adminUrlOf(process.env.DATABASE_URL);
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-pg-'));
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), temporary: true });
      stops.push(async () => {
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      });
      pgAdminUrl = pg.adminUrl;
    }
    log(`temporal ${temporal.address}, postgres ${new URL(pgAdminUrl).host}`);
    return {
      temporalAddress: temporal.address,
      pgAdminUrl,
      stop: async () => {
        for (const s of stops.reverse()) await s().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    throw err;
  }
}
