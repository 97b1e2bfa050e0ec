import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.join(__dirname, '..', '..', '..');

/** `ensure-built.sh --check` against a stamp of the given age: what `npm run scenario` would decide. */
function check(stampAgeSecs: number): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stamp-'));
  try {
    const stamp = path.join(dir, 'built');
    writeFileSync(stamp, '');
    const t = Date.now() / 1000 - stampAgeSecs;
    utimesSync(stamp, t, t);
    const r = spawnSync('bash', ['scripts/ensure-built.sh', '--check'], {
      cwd: REPO,
      env: { ...process.env, BUILD_STAMP: stamp },
      encoding: 'utf8',
    });
    return { status: r.status, out: r.stdout.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run scenario` and `npm run bench` used to recompile the whole project on every run (1–3 min
// on two cores); now a build newer than every source is reused.
describe('the compiled scripts reuse an up-to-date build', () => {
  it('builds nothing when no source is newer than the last build', () => {
    assert.deepEqual(check(-60), { status: 0, out: 'up to date' });
  });

  it('builds again when a source changed after the last build', () => {
    // A stamp older than the checkout's files: every source counts as changed since.
    assert.deepEqual(check(50 * 365 * 24 * 3600), { status: 1, out: 'build due' });
  });
});
