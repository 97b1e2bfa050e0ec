import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { announceNodeVersion } from '@switchboard/devstack';
import { startTestInfra } from './test-infra';

const DIST = path.join(__dirname, '..');

/** Every compiled *.test.js under the given folders of dist/. */
function testFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.js')) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(DIST, d));
  return out.sort();
}

/** The heavy fault-injection suite: `npm run test:resilience`, not `npm test`. */
const RESILIENCE_DIR = path.join(DIST, 'test', 'resilience') + path.sep;

async function main(): Promise<void> {
  const log = (m: string) => console.log(`› ${m}`);
  // The test files run on this same Node (process.execPath); CI runs them on every supported major.
  announceNodeVersion(log);
  const args = process.argv.slice(2);
  const resilience = args.includes('--resilience');
  // Filters name sources or compiled files alike (`test/e2e/calls.test.ts` finds its .js).
  const only = args.filter((a) => a !== '--resilience').map((a) => a.replace(/\.ts$/, '.js'));
  const files = testFiles(resilience ? ['test/resilience'] : ['libs', 'apps', 'test']).filter(
    (f) =>
      (resilience || !f.startsWith(RESILIENCE_DIR)) && (only.length === 0 || only.some((o) => f.includes(o))),
  );
  // `node --test` with no file runs every test it finds, resilience included: never that by mistake.
  if (files.length === 0) {
    console.error(`no test file matches ${only.join(' ')}`);
    process.exit(2);
  }
  const infra = await startTestInfra(log);
  // Uploaded audio of every test goes to a folder of the run's own, not the checkout's .data/media.
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-media-'));
  let code = 1;
  try {
    code = await new Promise<number>((resolve) => {
      // Resilience scenarios each load the two cores fully: one file at a time.
      const serial = resilience ? ['--test-concurrency=1'] : [];
      const child = spawn(process.execPath, ['--test', ...serial, '--test-reporter=spec', ...files], {
        stdio: 'inherit',
        env: {
          ...process.env,
          TEST_TEMPORAL_ADDRESS: infra.temporalAddress,
          TEST_PG_ADMIN_URL: infra.pgAdminUrl,
          MEDIA_DIR: mediaDir,
          // The api and worker refuse to start without one; each run makes its own.
          MEDIA_SIGNING_SECRET: process.env.MEDIA_SIGNING_SECRET ?? randomBytes(24).toString('hex'),
        },
      });
      child.on('exit', (c) => resolve(c ?? 1));
    });
  } finally {
    await infra.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
