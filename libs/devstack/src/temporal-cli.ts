import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.5.1';

/** Outside the checkout, so every clone (and CI, on the same machine) reuses one build. */
export function temporalCliCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'switchboard', 'temporal-cli', `v${TEMPORAL_CLI_VERSION}`);
}

function onPath(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

export function goBinary(): string | null {
  return onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
}

/**
 * Finds the Temporal CLI (dev server + Web UI): TEMPORAL_CLI, then `temporal` on PATH, then the cache,
 * then builds it with Go into the cache. Returns null when none of these is possible; callers may then
 * fall back to the SDK's own download on a machine with internet.
 */
export async function locateTemporalCli(log: (msg: string) => void = console.log): Promise<string | null> {
  const explicit = process.env.TEMPORAL_CLI;
  if (explicit && existsSync(explicit)) return explicit;
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const cached = path.join(temporalCliCacheDir(), 'temporal');
  if (existsSync(cached)) return cached;
  const go = goBinary();
  if (!go) return null;
  log(
    `building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${temporalCliCacheDir()} (first run only, a few minutes)`,
  );
  mkdirSync(temporalCliCacheDir(), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      go,
      [
        'install',
        '-ldflags',
        `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
        `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
      ],
      // GOTOOLCHAIN=local: never try to download another Go toolchain (no internet here).
      {
        env: { ...process.env, GOBIN: temporalCliCacheDir(), GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`go install exited with ${code}`)),
    );
  });
  if (!existsSync(cached)) return null;
  log(`built ${execFileSync(cached, ['--version']).toString().trim()}`);
  return cached;
}
