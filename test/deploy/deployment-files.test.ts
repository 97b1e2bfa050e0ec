import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';

const REPO = path.join(__dirname, '..', '..', '..');
const DIST = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'compose-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const REQUIRED = {
  POSTGRES_PASSWORD: 'pw',
  MEDIA_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
  ADMIN_TOKEN: 'operator-token',
  PUBLIC_BASE_URL: 'https://calls.example',
  TELNYX_API_KEY: 'KEY',
  TELNYX_PUBLIC_KEY: 'PUB',
  TELNYX_CONNECTION_ID: '123',
};

/** `docker-compose config`: the file as the engine would run it, checked without an engine. */
function composeConfig(env: Record<string, string>): { status: number | null; out: string; err: string } {
  const envFile = path.join(dir, `${Object.keys(env).length}.env`);
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const r = spawnSync(
    'docker-compose',
    ['-f', path.join(REPO, 'docker', 'compose.yaml'), '--env-file', envFile, 'config'],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    },
  );
  assert.notEqual(
    r.error?.message.includes('ENOENT'),
    true,
    'docker-compose is installed by npm test (scripts/ensure-test-tools.sh)',
  );
  return { status: r.status, out: r.stdout, err: r.stderr };
}

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: unknown[];
}

describe('the deployment files', () => {
  const r = composeConfig(REQUIRED);
  const services = r.status === 0 ? (parse(r.out) as { services: Record<string, Service> }).services : {};

  it('compose.yaml is valid with the documented settings', () => {
    assert.equal(r.status, 0, r.err);
  });

  it('a missing secret stops compose naming it', () => {
    const { MEDIA_SIGNING_SECRET: _, ...rest } = REQUIRED;
    const missing = composeConfig(rest);
    assert.notEqual(missing.status, 0);
    assert.match(missing.err, /MEDIA_SIGNING_SECRET/);
  });

  it('two api replicas behind the proxy, two workers, one migration before either', () => {
    const apis = Object.keys(services).filter((s) => /^api-\d$/.test(s));
    const workers = Object.keys(services).filter((s) => /^worker-\d$/.test(s));
    assert.deepEqual(apis, ['api-1', 'api-2']);
    assert.deepEqual(workers, ['worker-1', 'worker-2']);
    const nginx = readFileSync(path.join(REPO, 'docker', 'nginx.conf'), 'utf8');
    for (const api of apis)
      assert.match(nginx, new RegExp(`server ${api}:3000`), `the proxy sends to ${api}`);
    for (const s of [...apis, ...workers]) {
      assert.equal(services[s].depends_on?.migrate?.condition, 'service_completed_successfully', s);
      assert.equal(
        services[s].depends_on?.['temporal-namespace']?.condition,
        'service_completed_successfully',
        s,
      );
    }
    assert.deepEqual(services['worker-1'].command, ['node', 'dist/apps/worker/src/main.js']);
    assert.deepEqual(services.migrate.command, ['node', 'dist/scripts/migrate.js']);
  });

  it("every process's command and every setting it is given exist in the built app", () => {
    for (const s of ['api-1', 'worker-1', 'migrate']) {
      const script = services[s].command?.[1] ?? 'dist/apps/api/src/main.js';
      assert.ok(existsSync(path.join(DIST, script.replace(/^dist\//, ''))), `${s}: ${script} is built`);
    }
    // The api and the workers sign and verify media with one secret, and share the media volume.
    const secrets = new Set(
      ['api-1', 'api-2', 'worker-1', 'worker-2'].map((s) => services[s].environment?.MEDIA_SIGNING_SECRET),
    );
    assert.deepEqual([...secrets], [REQUIRED.MEDIA_SIGNING_SECRET]);
    for (const s of ['api-1', 'worker-1'])
      assert.ok(JSON.stringify(services[s].volumes).includes('/media'), s);
    const settings = readFileSync(path.join(REPO, 'libs', 'config', 'src', 'env.ts'), 'utf8');
    for (const name of Object.keys(services['api-1'].environment ?? {}))
      assert.match(settings, new RegExp(`'${name}'`), `${name} is a setting the app reads`);
  });

  it('Temporal: schema job before the server, the server before the namespace job', () => {
    assert.equal(
      services.temporal.depends_on?.['temporal-schema']?.condition,
      'service_completed_successfully',
    );
    assert.equal(services['temporal-namespace'].depends_on?.temporal?.condition, 'service_healthy');
    assert.match(services.temporal.image ?? '', /:1\.29\.1$/, 'the server release the dev tooling uses');
  });

  it('the image is built in stages and runs as an unprivileged user', () => {
    const dockerfile = readFileSync(path.join(REPO, 'docker', 'Dockerfile'), 'utf8');
    const stages = dockerfile.match(/^FROM /gm) ?? [];
    assert.ok(stages.length >= 2, 'multi-stage');
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    assert.match(final, /^USER node$/m);
    assert.doesNotMatch(final, /COPY (apps|libs|test|scripts) /, 'the final stage holds the built app only');
    const engines = (
      JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    const major = /FROM node:(\d+)/.exec(dockerfile)?.[1];
    assert.ok(major && engines.includes(`^${major}.`), `node:${major} is a supported major (${engines})`);
  });
});
