import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `~/.cache/switchboard/<name>/v<version>`: outside the checkout, so every clone reuses one build. */
export function toolCacheDir(name: string, version: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'switchboard', name, `v${version}`);
}

/** A command's path when it is on PATH. */
export function onPath(cmd: string): string | null {
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
 * `go install` of Go packages (modules through the Go module proxy) into `gobin`, printing Go's own
 * progress. GOTOOLCHAIN=local: never download another Go toolchain; CGO off: static binaries.
 * False when there is no Go; throws when the build fails.
 */
export async function goInstall(gobin: string, args: string[]): Promise<boolean> {
  const go = goBinary();
  if (!go) return false;
  mkdirSync(gobin, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(go, ['install', ...args], {
      env: { ...process.env, GOBIN: gobin, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`go install exited with ${code}`)),
    );
  });
  return true;
}
