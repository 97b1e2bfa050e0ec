import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig, temporalConnectionOptions } from '../env';

const dir = mkdtempSync(path.join(os.tmpdir(), 'temporal-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const pem = (name: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, `-----BEGIN ${name}-----\n`);
  return p;
};

/** The message a process would stop with, or null when the settings load. */
function refusal(env: NodeJS.ProcessEnv): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
}

describe('settings for reaching any Temporal', () => {
  it('links to the Web UI only when TEMPORAL_UI_URL says where it is', () => {
    assert.equal(loadConfig({}).temporal.uiUrl, undefined);
    assert.equal(
      loadConfig({ TEMPORAL_UI_URL: 'http://127.0.0.1:8233/' }).temporal.uiUrl,
      'http://127.0.0.1:8233',
    );
  });

  it('a plain address needs no TLS (the dev server, a cluster on a private network)', () => {
    const cfg = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'calls-prod' });
    assert.deepEqual(temporalConnectionOptions(cfg), { address: 'temporal.internal:7233' });
    assert.equal(cfg.temporal.namespace, 'calls-prod');
  });

  it('mTLS reads the CA, the client pair and the server name', () => {
    const cfg = loadConfig({
      TEMPORAL_ADDRESS: '10.0.0.5:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: pem('ca'),
      TEMPORAL_TLS_CLIENT_CERT_PATH: pem('crt'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: pem('key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.example',
    });
    const o = temporalConnectionOptions(cfg);
    assert.equal(o.tls?.serverNameOverride, 'temporal.example');
    assert.equal(o.tls?.serverRootCACertificate?.toString(), '-----BEGIN ca-----\n');
    assert.equal(o.tls?.clientCertPair?.crt.toString(), '-----BEGIN crt-----\n');
    assert.equal(o.tls?.clientCertPair?.key.toString(), '-----BEGIN key-----\n');
  });

  it('a Temporal Cloud API key turns TLS on with the system roots', () => {
    const o = temporalConnectionOptions(
      loadConfig({ TEMPORAL_ADDRESS: 'us-east-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'k' }),
    );
    assert.deepEqual(o, { address: 'us-east-1.aws.api.temporal.io:7233', tls: {}, apiKey: 'k' });
  });

  it('bad values stop the process naming the setting', () => {
    assert.match(
      refusal({ TEMPORAL_ADDRESS: 'http://localhost:7233' }) ?? '',
      /^TEMPORAL_ADDRESS must be host:port/,
    );
    assert.match(
      refusal({ TEMPORAL_TLS_CLIENT_CERT_PATH: pem('crt2') }) ?? '',
      /^TEMPORAL_TLS_CLIENT_KEY_PATH is not set/,
    );
    assert.match(
      refusal({ TEMPORAL_TLS_CLIENT_KEY_PATH: pem('key2') }) ?? '',
      /^TEMPORAL_TLS_CLIENT_CERT_PATH is not set/,
    );
    assert.match(
      refusal({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'missing.pem') }) ?? '',
      /^TEMPORAL_TLS_SERVER_CA_CERT_PATH names a file that cannot be read/,
    );
    assert.match(refusal({ TEMPORAL_TLS: 'yes' }) ?? '', /^TEMPORAL_TLS must be one of true, false/);
    assert.match(refusal({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }) ?? '', /^TEMPORAL_TLS is false/);
    assert.equal(refusal({ TEMPORAL_ADDRESS: '[::1]:7233', TEMPORAL_TLS: 'true' }), null);
  });
});
