import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { devSecret } from '../../scripts/dev-account';

const DIST = path.join(__dirname, '..', '..');

/** Starts a compiled app with the given media secret and returns how it ended. */
function start(app: 'api' | 'worker', secret: string | undefined): { status: number | null; stderr: string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Nothing to reach: the app must stop before it tries.
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    API_PORT: '0',
  };
  delete env.MEDIA_SIGNING_SECRET;
  if (secret !== undefined) env.MEDIA_SIGNING_SECRET = secret;
  const r = spawnSync(process.execPath, [path.join(DIST, 'apps', app, 'src', 'main.js')], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr };
}

// MEDIA_SIGNING_SECRET used to default to a value in the source, and URLs signed with it served
// another tenant's recording.
describe('no signing secret ships with the source', () => {
  for (const app of ['api', 'worker'] as const) {
    it(`the ${app} refuses to start without MEDIA_SIGNING_SECRET, naming it`, () => {
      const r = start(app, undefined);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /MEDIA_SIGNING_SECRET is not set/);
    });

    it(`the ${app} refuses a short MEDIA_SIGNING_SECRET, naming it`, () => {
      const r = start(app, 'short');
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /MEDIA_SIGNING_SECRET must be at least 32 characters/);
    });
  }

  it('npm start generates a secret per install, kept for its owner only', () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'install-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'install-b-'));
    try {
      const first = devSecret(a, 'media-signing-secret');
      assert.ok(first.length >= 32);
      assert.equal(devSecret(a, 'media-signing-secret'), first, 'kept across restarts');
      assert.notEqual(devSecret(b, 'media-signing-secret'), first, 'no two installs share one');
      assert.equal(statSync(path.join(a, 'media-signing-secret')).mode & 0o777, 0o600);
      assert.notEqual(devSecret(null, 'media-signing-secret'), devSecret(null, 'media-signing-secret'));
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});

// `.data/stack.json` (admin token, dev key), recordings and the Temporal database were world-readable.
describe("the stack's data folder", () => {
  it('is closed to other users, and so is every file the stack and its children write there', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'data-'));
    try {
      const data = path.join(dir, '.data');
      // As an earlier version left it: open folder, default mask.
      spawnSync('mkdir', ['-m', '0755', data]);
      const script = `
        require(${JSON.stringify(path.join(DIST, 'scripts', 'stack.js'))}).keepPrivate(${JSON.stringify(data)});
        require('node:fs').writeFileSync(${JSON.stringify(path.join(data, 'stack.json'))}, '{}');
        require('node:child_process').execFileSync('touch', [${JSON.stringify(path.join(data, 'temporal.sqlite'))}]);`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(statSync(data).mode & 0o777, 0o700);
      assert.equal(statSync(path.join(data, 'stack.json')).mode & 0o777, 0o600);
      assert.equal(statSync(path.join(data, 'temporal.sqlite')).mode & 0o777, 0o600, "a child's file too");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
