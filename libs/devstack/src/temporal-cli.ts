import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { goBinary, goInstall, onPath, toolCacheDir } from './go-install';

export const TEMPORAL_CLI_VERSION = '1.5.1';

/** Outside the checkout, so every clone (and CI, on the same machine) reuses one build. */
export function temporalCliCacheDir(): string {
  return toolCacheDir('temporal-cli', TEMPORAL_CLI_VERSION);
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
  if (!goBinary()) return null;
  log(
    `building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${temporalCliCacheDir()} (first run only, a few minutes)`,
  );
  await goInstall(temporalCliCacheDir(), [
    '-ldflags',
    `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
    `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
  ]);
  if (!existsSync(cached)) return null;
  log(`built ${execFileSync(cached, ['--version']).toString().trim()}`);
  return cached;
}
