import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goBinary, goInstall, toolCacheDir } from './go-install';
import { StartFailed, waitFor } from './ports';

/** The Web UI release the Temporal CLI v1.5.1 embeds: operators see the same UI with either server. */
export const TEMPORAL_UI_VERSION = '2.42.1';

export function temporalUiCacheDir(): string {
  return toolCacheDir('temporal-ui', TEMPORAL_UI_VERSION);
}

/** The UI server (its module carries the built pages): the cache, else built with Go into it. */
export async function locateTemporalUi(log: (msg: string) => void = console.log): Promise<string | null> {
  const binary = path.join(temporalUiCacheDir(), 'server');
  if (existsSync(binary)) return binary;
  if (!goBinary()) return null;
  log(
    `building the Temporal Web UI v${TEMPORAL_UI_VERSION} with Go into ${temporalUiCacheDir()} (first run only)`,
  );
  await goInstall(temporalUiCacheDir(), [
    `github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_VERSION}`,
  ]);
  return existsSync(binary) ? binary : null;
}

export interface RunningTemporalUi {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The Web UI on loopback in front of the given frontend. */
export async function startTemporalUi(o: {
  binary: string;
  workDir: string;
  temporalAddress: string;
  port: number;
  namespace?: string;
}): Promise<RunningTemporalUi> {
  const configDir = path.join(o.workDir, 'config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    path.join(configDir, 'development.yaml'),
    `temporalGrpcAddress: ${JSON.stringify(o.temporalAddress)}
host: "127.0.0.1"
port: ${o.port}
enableUi: true
defaultNamespace: ${JSON.stringify(o.namespace ?? 'default')}
notifyOnNewVersion: false
refreshInterval: 1m
cors:
  cookieInsecure: true
  allowOrigins: []
`,
  );
  const child = spawn(
    o.binary,
    ['--root', o.workDir, '--config', 'config', '--env', 'development', 'start'],
    {
      stdio: ['ignore', 'ignore', 2],
    },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${o.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  try {
    await waitFor(
      'Temporal Web UI',
      async () => {
        if (exited) throw new StartFailed('the Temporal Web UI exited during start-up');
        return (await fetch(url)).ok;
      },
      30_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, process: child, stop };
}
