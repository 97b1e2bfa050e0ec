import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { ALL_CALL_SEARCH_ATTRIBUTES } from '@switchboard/contracts';
import { searchAttributeFlags } from '@switchboard/temporal';
import { StartFailed, freePort, waitFor } from './ports';

export interface DevServerOptions {
  cli: string;
  port?: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file that keeps history across restarts; omit for an in-memory server. */
  dbFile?: string;
  namespace?: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with our search attributes and waits until it answers.
 *
 * The dev server picks its inner services' ports itself, from the same kernel pool as ours, so now
 * and then one of them takes the port we chose a moment before and the start dies ("address already
 * in use"). Such a start is tried again on fresh ports; a port the caller fixed stays as it is.
 */
export async function startTemporalDevServer(o: DevServerOptions): Promise<RunningDevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(o);
    } catch (err) {
      if (!(err instanceof StartFailed) || attempt === 3) throw err;
      console.error(`${err.message}; starting it again (attempt ${attempt + 1} of 3)`);
    }
  }
}

async function startOnce(o: DevServerOptions): Promise<RunningDevServer> {
  const port = o.port ?? (await freePort());
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--log-level',
    'error',
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    // start-dev forces a search-attribute cache refresh on every read, which makes every workflow
    // start and upsert read the schema from SQLite; with our attributes registered up front it is
    // needless work that dominated the server's CPU in the benchmark.
    '--dynamic-config-value',
    'system.forceSearchAttributesCacheRefreshOnRead=false',
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=OFF',
    ...searchAttributeFlags(ALL_CALL_SEARCH_ATTRIBUTES),
  ];
  if (o.namespace && o.namespace !== 'default') args.push('--namespace', o.namespace);
  if (o.dbFile) args.push('--db-filename', o.dbFile);
  if (o.uiPort) args.push('--ui-port', String(o.uiPort));
  else args.push('--headless');

  const child = spawn(o.cli, args, {
    // Its banner goes to stderr so that stdout stays machine-readable (bench --json, scenario lines).
    stdio: ['ignore', 2, 2],
    env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
  });
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = String(code ?? signal)));
  const address = `127.0.0.1:${port}`;
  try {
    await waitFor(
      'Temporal dev server',
      async () => {
        if (exited) throw new StartFailed(`temporal server exited during start-up (${exited})`);
        const c = await Connection.connect({ address, connectTimeout: 1000 });
        try {
          await c.workflowService.getSystemInfo({});
          return true;
        } finally {
          await c.close();
        }
      },
      60_000,
    );
  } catch (err) {
    // A server that never answered must not outlive the start that gave up on it.
    if (!exited) child.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    uiUrl: o.uiPort ? `http://127.0.0.1:${o.uiPort}` : null,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
