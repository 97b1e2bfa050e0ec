import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { locateTemporalServer, startTemporalServer, type RunningTemporalServer } from '@switchboard/devstack';
import { http } from '../support/http';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestAccount, TEST_ADMIN_TOKEN, withKey } from '../support/accounts';
import { createTestDatabase, freePort, uniqueName } from '../support/test-env';

const DIST = path.join(__dirname, '..', '..');

/** A CA and certificates it signs, made with openssl for this run only. */
function makeCerts(dir: string) {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ca = (name: string) => {
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
    );
  };
  const leaf = (name: string, signer: string, san?: string) => {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    const ext = path.join(dir, `${name}.ext`);
    writeFileSync(ext, san ? `subjectAltName=${san}\n` : 'extendedKeyUsage=clientAuth\n');
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${signer}.pem`,
      '-CAkey',
      `${signer}.key`,
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      ext,
      '-out',
      `${name}.pem`,
    );
  };
  ca('ca');
  ca('other-ca');
  leaf('server', 'ca', 'DNS:temporal.test,IP:127.0.0.1');
  leaf('client', 'ca');
  leaf('stranger', 'other-ca');
  const f = (n: string) => path.join(dir, n);
  return {
    ca: f('ca.pem'),
    server: f('server.pem'),
    serverKey: f('server.key'),
    client: f('client.pem'),
    clientKey: f('client.key'),
    stranger: f('stranger.pem'),
    strangerKey: f('stranger.key'),
  };
}

/** The worker app as production runs it; resolves with how it went: polling, or exited with its output. */
function runWorker(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  outcome: Promise<{ polling: boolean; output: string }>;
} {
  const child = spawn(process.execPath, [path.join(DIST, 'apps', 'worker', 'src', 'main.js')], {
    env: { ...process.env, ...env, WORKER_METRICS_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const outcome = new Promise<{ polling: boolean; output: string }>((resolve) => {
    const seen = (c: Buffer) => {
      output += c.toString();
      if (output.includes('polling task queue')) resolve({ polling: true, output });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', () => resolve({ polling: false, output }));
  });
  return { child, outcome };
}

// TEMPORAL_ADDRESS with mTLS: the api's client and the worker's connection both read the settings in
// one place; a client without the cluster's certificate is refused, and the process says so.
describe('a Temporal cluster that requires mutual TLS', () => {
  let dir: string;
  let server: RunningTemporalServer;
  let sim: TelnyxSimulator;
  let app: INestApplication;
  let worker: ChildProcess | undefined;
  let drop: () => Promise<void>;
  let certs: ReturnType<typeof makeCerts>;
  let env: Record<string, string>;
  let apiUrl: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
    certs = makeCerts(dir);
    const binaries = await locateTemporalServer((m) => console.log(m));
    assert.ok(binaries, 'temporal-server is built by npm test (needs Go)');
    server = await startTemporalServer({
      binaries,
      workDir: dir,
      persistence: { kind: 'sqlite-memory' },
      historyShards: 1,
      tls: {
        certFile: certs.server,
        keyFile: certs.serverKey,
        clientCaFile: certs.ca,
        serverCaFile: certs.ca,
        serverName: 'temporal.test',
        systemWorkerCertFile: certs.client,
        systemWorkerKeyFile: certs.clientKey,
      },
    });
    const db = await createTestDatabase();
    drop = () => db.drop();
    sim = await startTelnyxSimulator({ apiKey: 'tls-test-key', connectionId: 'tls-conn' });
    const apiPort = await freePort();
    apiUrl = `http://127.0.0.1:${apiPort}`;
    env = {
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: uniqueName('tls'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.client,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKey,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
      TELNYX_API_KEY: 'tls-test-key',
      TELNYX_BASE_URL: sim.apiBaseUrl,
      TELNYX_PUBLIC_KEY: sim.publicKeyBase64,
      TELNYX_CONNECTION_ID: 'tls-conn',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PUBLIC_BASE_URL: apiUrl,
    };
    Object.assign(process.env, env);
    app = await createApiApp({ logger: false });
    await app.listen(apiPort, '127.0.0.1');
    sim.setWebhookUrl(`${apiUrl}/webhooks/telnyx`);
  });

  after(async () => {
    worker?.kill('SIGKILL');
    await app?.close();
    await sim?.close();
    await server?.stop();
    await drop?.();
    for (const k of Object.keys(env ?? {})) delete process.env[k];
    rmSync(dir, { recursive: true, force: true });
  });

  it('a worker without a client certificate is refused and stops saying why', async () => {
    const { outcome } = runWorker({
      ...env,
      TEMPORAL_TLS_CLIENT_CERT_PATH: '',
      TEMPORAL_TLS_CLIENT_KEY_PATH: '',
    });
    const r = await outcome;
    assert.equal(r.polling, false, r.output);
    assert.match(r.output, /tls|certificate|handshake|transport/i);
  });

  it('a worker whose certificate another CA signed is refused', async () => {
    const { outcome } = runWorker({
      ...env,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.stranger,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.strangerKey,
    });
    assert.equal((await outcome).polling, false);
  });

  it('the api and a worker with the certificate run a call end to end', async () => {
    const w = runWorker(env);
    worker = w.child;
    const started = await w.outcome;
    assert.equal(started.polling, true, started.output);

    const { apiKey } = await createTestAccount(apiUrl);
    const api = (method: string, p: string, body?: unknown) =>
      http(method, `${apiUrl}${p}`, body, withKey(apiKey));
    const property = await api('POST', '/v1/properties', { name: 'TLS Towers', timeZone: 'America/Chicago' });
    const source = await api('POST', `/v1/properties/${property.body.id}/sources`, { name: 'Zillow' });
    const number = await api('POST', `/v1/properties/${property.body.id}/tracking-numbers`, {
      number: '+13125550177',
      sourceId: source.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(number.status, 201, JSON.stringify(number.body));
    const call = await sim.placeCall({
      from: '+13125550100',
      to: '+13125550177',
      agents: { '+13125550111': { answer_after_s: 1 } },
      caller: [{ hangup_after_s: 5 }],
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = await api('GET', `/v1/calls?callSessionId=${encodeURIComponent(call.call_session_id)}`);
      if (page.body.items?.length) {
        assert.equal(page.body.items[0].outcome, 'answered');
        break;
      }
      assert.ok(Date.now() < deadline, 'the call was recorded through the TLS cluster');
      await new Promise((r) => setTimeout(r, 250));
    }
  });
});
