import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { applyBundle } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { launchChromium } from '../test/browser/chromium';
import { ADMIN_OUT } from './build-admin';
import { startStack } from './stack';

/**
 * `npm run bench:admin -- [--loads N] [--json]`: what the admin console costs a browser. Prints the
 * size of what its first page loads (raw and gzipped, as the api serves it) and, against a throwaway
 * stack, the time from navigation to the first screen drawn with data (the flows list of a property),
 * over N loads with an empty cache and N with a warm one, in Debian's headless Chromium.
 */
interface Args {
  loads: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { loads: 10, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--loads') a.loads = Number(argv[++i]);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!(a.loads > 0)) throw new Error('--loads must be positive');
  return a;
}

const BUNDLE: Bundle = {
  property: { name: 'Console bench', time_zone: 'America/Chicago' },
  sources: [{ name: 'Zillow' }, { name: 'Google Ads' }],
  numbers: [],
};

/** The files index.html loads before the first screen: its scripts, preloads and stylesheets. */
export function firstPageFiles(dir = ADMIN_OUT): { file: string; bytes: number; gzipped: number }[] {
  const html = readFileSync(path.join(dir, 'index.html'));
  const refs = [...html.toString('utf8').matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+)"/g)].map(
    (m) => m[1],
  );
  return [
    { file: 'index.html', body: html },
    ...refs.map((f) => ({ file: f, body: readFileSync(path.join(dir, f)) })),
  ].map(({ file, body }) => ({ file, bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length }));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  const files = firstPageFiles();
  log('starting a throwaway stack (Temporal dev server, embedded PostgreSQL, api, worker, simulator)');
  const stack = await startStack({ ephemeral: true, log, simTimeScale: 1, childOutput: 'quiet' });
  const browser = await launchChromium();
  try {
    const { propertyId } = await applyBundle(
      { apiUrl: stack.apiUrl, simUrl: stack.simUrl!, apiKey: stack.apiKey },
      BUNDLE,
    );
    const url = `${stack.apiUrl}/admin/p/${propertyId}/sources`;
    const measure = async (warm: boolean): Promise<number[]> => {
      const times: number[] = [];
      const context = await browser.newContext();
      // Signed in already (the key is kept per tab), so a load goes straight to the data.
      await context.addInitScript((key) => sessionStorage.setItem('switchboard.apiKey', key), stack.apiKey);
      const page = await context.newPage();
      if (warm) await page.goto(url);
      for (let i = 0; i < args.loads; i++) {
        if (!warm) await context.clearCookies();
        const cdp = await context.newCDPSession(page);
        if (!warm) await cdp.send('Network.clearBrowserCache');
        const t0 = performance.now();
        await page.goto(url);
        await page.getByRole('cell', { name: 'Google Ads' }).waitFor();
        times.push(performance.now() - t0);
        await cdp.detach();
      }
      await context.close();
      return times;
    };
    const cold = await measure(false);
    const warm = await measure(true);
    const total = files.reduce((s, f) => ({ bytes: s.bytes + f.bytes, gzipped: s.gzipped + f.gzipped }), {
      bytes: 0,
      gzipped: 0,
    });
    const result = {
      bench: 'admin',
      machine: `${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, node ${process.version}`,
      files,
      firstPageBytes: total.bytes,
      firstPageGzipped: total.gzipped,
      loads: args.loads,
      coldMs: { median: Math.round(median(cold)), p90: Math.round(p90(cold)) },
      warmMs: { median: Math.round(median(warm)), p90: Math.round(p90(warm)) },
    };
    if (args.json) console.log(JSON.stringify(result));
    else {
      for (const f of files)
        console.log(
          `${f.file.padEnd(34)} ${String(f.bytes).padStart(9)} B  ${String(f.gzipped).padStart(8)} B gzipped`,
        );
      console.log(
        `${'first page in all'.padEnd(34)} ${String(total.bytes).padStart(9)} B  ${String(total.gzipped).padStart(8)} B gzipped`,
      );
      console.log(
        `load to first data (${args.loads} loads each): empty cache median ${result.coldMs.median} ms, p90 ${result.coldMs.p90} ms; ` +
          `warm cache median ${result.warmMs.median} ms, p90 ${result.warmMs.p90} ms`,
      );
      console.log(JSON.stringify(result));
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
