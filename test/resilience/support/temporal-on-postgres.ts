import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dropDatabase,
  locateTemporalServer,
  setupTemporalSchemas,
  startTemporalServer,
  type RunningTemporalServer,
  type TemporalDatabases,
  type TemporalServerBinaries,
} from '@switchboard/devstack';
import { testServers, uniqueName } from '../../support/test-env';

/**
 * `temporal-server` with its history and visibility in two PostgreSQL databases of the test's own
 * (on the test run's server, dropped by stop()), as production runs it. restart() stops it and
 * starts it again on the same databases and frontend port, so the apps' connections find it back.
 */
export class TemporalOnPostgres {
  private constructor(
    private readonly binaries: TemporalServerBinaries,
    private readonly databases: TemporalDatabases,
    private readonly workDir: string,
    private server: RunningTemporalServer,
  ) {}

  get address(): string {
    return this.server.address;
  }

  static async start(): Promise<TemporalOnPostgres> {
    const binaries = await locateTemporalServer(() => undefined);
    if (!binaries) throw new Error('this scenario needs temporal-server (npm test builds it, with Go)');
    const admin = new URL(testServers().pgAdminUrl);
    const database = uniqueName('temporal');
    const databases: TemporalDatabases = {
      host: admin.hostname,
      port: Number(admin.port || 5432),
      user: decodeURIComponent(admin.username),
      password: decodeURIComponent(admin.password),
      database,
      visibilityDatabase: `${database}_visibility`,
    };
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-resilience-temporal-pg-'));
    try {
      await setupTemporalSchemas(binaries, databases, () => undefined);
      const server = await startTemporalServer({
        binaries,
        workDir,
        persistence: { kind: 'postgres', ...databases },
      });
      return new TemporalOnPostgres(binaries, databases, workDir, server);
    } catch (err) {
      await dropDatabases(databases);
      rmSync(workDir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Stops the server (SIGTERM), waits `downMs`, starts it again on the same databases and port. */
  async restart(downMs: number): Promise<void> {
    const port = Number(this.server.address.split(':').at(-1));
    await this.server.stop();
    await new Promise((r) => setTimeout(r, downMs));
    this.server = await startTemporalServer({
      binaries: this.binaries,
      workDir: this.workDir,
      persistence: { kind: 'postgres', ...this.databases },
      port,
    });
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await dropDatabases(this.databases);
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

async function dropDatabases(d: TemporalDatabases): Promise<void> {
  const admin = testServers().pgAdminUrl;
  await dropDatabase(admin, d.database).catch(() => undefined);
  await dropDatabase(admin, d.visibilityDatabase).catch(() => undefined);
}
