import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const SIM_BUILD = join(__dirname, '..', '..', 'apps', 'telnyx-sim', 'src');
const MAIN = join(SIM_BUILD, 'main.js');

/** Killed after the tests, so a failed assertion leaves no simulator behind. */
const children = new Set<ChildProcess>();

interface Started {
  child: ChildProcess;
  info: { url: string; apiBaseUrl: string; publicKey: string };
  /** Everything the process wrote to stderr so far. */
  stderr: () => string;
}

function startMain(
  env: Record<string, string | undefined>,
  where: { main?: string; cwd?: string } = {},
): Promise<Started> {
  const child = spawn(process.execPath, [where.main ?? MAIN], {
    env: { ...process.env, ...env },
    cwd: where.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        const info = (JSON.parse(line) as { telnyxSim: Started['info'] }).telnyxSim;
        resolve({ child, info, stderr: () => err });
      }
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
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

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

  it('validates commands with its own schemas when run outside the repo, with no Telnyx spec anywhere', async () => {
    // A copy of the built simulator in a temporary folder: no ../shared beside it, nor above it.
    const alone = join(dir, 'sim');
    cpSync(SIM_BUILD, alone, { recursive: true });
    const sim = await startMain(
      {
        SIM_PORT: '0',
        TELNYX_API_KEY: 'alone-key',
        SIM_TIME_SCALE: '0.1',
        TELNYX_OPENAPI_SPEC: undefined,
        NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules'),
      },
      { main: join(alone, 'main.js'), cwd: dir },
    );
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${sim.info.apiBaseUrl}${path}`, {
        method,
        headers: { authorization: 'Bearer alone-key', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { errors?: any[] } }));
    const placed = (await fetch(`${sim.info.url}/sim/calls`, {
      method: 'POST',
      body: JSON.stringify({ from: '+15125550142', to: '+17375550100' }),
    }).then((r) => r.json())) as { call_control_id: string };
    const id = encodeURIComponent(placed.call_control_id);
    assert.equal((await call('POST', `/calls/${id}/actions/answer`, {})).status, 200);

    const noVoice = await call('POST', `/calls/${id}/actions/speak`, { payload: 'Hello' });
    assert.deepEqual(
      [noVoice.status, noVoice.body.errors?.[0].code, noVoice.body.errors?.[0].source.pointer],
      [422, '10004', '/voice'],
    );
    const badAmd = await call('POST', '/calls', {
      connection_id: '2890001112223334445',
      from: '+17375550100',
      to: '+15125550111',
      answering_machine_detection: 'guess',
    });
    assert.deepEqual(
      [badAmd.status, badAmd.body.errors?.[0].code, badAmd.body.errors?.[0].source.pointer],
      [422, '10032', '/answering_machine_detection'],
    );
    const unknown = await call('POST', `/calls/${id}/actions/teleport`, {});
    assert.deepEqual([unknown.status, unknown.body.errors?.[0].code], [404, '10005']);

    assert.equal(await stop(sim.child), 0);
    assert.equal(sim.stderr(), '', 'nothing to warn about');
  });
});
