import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const MAIN = join(__dirname, '..', '..', 'apps', 'telnyx-sim', 'src', 'main.js');

interface Started {
  child: ChildProcess;
  info: { url: string; apiBaseUrl: string; publicKey: string };
}

function startMain(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n'))
        resolve({ child, info: (JSON.parse(line) as { telnyxSim: Started['info'] }).telnyxSim });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited early (${code}): ${err}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('standalone process (main.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'telnyx-sim-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its URLs as one JSON line, serves the API, keeps its key across restarts, exits 0 on SIGTERM', async () => {
    const keyFile = join(dir, 'keys', 'sim.pem');
    const env = {
      SIM_PORT: '0',
      TELNYX_API_KEY: 'standalone-key',
      SIM_PRIVATE_KEY_FILE: keyFile,
      SIM_TIME_SCALE: '0.1',
    };
    const first = await startMain(env);
    assert.match(first.info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(first.info.apiBaseUrl, `${first.info.url}/v2`);
    assert.equal(Buffer.from(first.info.publicKey, 'base64').length, 32);
    assert.ok(existsSync(keyFile), 'a missing key file is created');

    const health = await fetch(`${first.info.url}/sim/health`).then(
      (r) => r.json() as Promise<{ status: string }>,
    );
    assert.equal(health.status, 'ok');
    const published = await fetch(`${first.info.url}/sim/public-key`).then(
      (r) => r.json() as Promise<{ public_key: string }>,
    );
    assert.equal(published.public_key, first.info.publicKey);
    const placed = await fetch(`${first.info.url}/sim/calls`, {
      method: 'POST',
      body: JSON.stringify({ from: '+15125550142', to: '+17375550100', caller: [{ hangup_at_s: 1 }] }),
    });
    assert.equal(placed.status, 201);
    const bad = await fetch(`${first.info.url}/sim/calls`, {
      method: 'POST',
      body: JSON.stringify({ from: '+1', to: '+2', caller: [{ press: 'x' }] }),
    });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /caller\[0\]\.press/);
    const unauthorised = await fetch(`${first.info.apiBaseUrl}/calls`, { method: 'POST', body: '{}' });
    assert.equal(unauthorised.status, 401);
    assert.equal(await stop(first.child), 0);

    const second = await startMain(env);
    assert.equal(
      second.info.publicKey,
      first.info.publicKey,
      'restart keeps the key from SIM_PRIVATE_KEY_FILE',
    );
    assert.equal(await stop(second.child), 0);
  });
});
