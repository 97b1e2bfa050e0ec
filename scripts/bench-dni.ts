import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { applyBundle, http } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { startStack } from './stack';

/**
 * `npm run bench:dni -- [--requests N] [--concurrency C] [--json]`: the DNI figure. Starts a
 * throwaway stack (its own rate limit raised: one address sends everything), then posts N new
 * visits (each a session classified to a pooled source and given a pool number) with C in flight,
 * and prints visits/s and latency percentiles, and the script's size as served and gzipped (what
 * every page of the customer's site loads). The pool's policy is `reuse_lru`; its visitors are
 * all still on the site, so past the 50th a visit tries the takeover and is shown no number.
 */
interface Args {
  requests: number;
  concurrency: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { requests: 2000, concurrency: 50, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--requests') a.requests = Number(argv[++i]);
    else if (k === '--concurrency') a.concurrency = Number(argv[++i]);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!(a.requests > 0 && a.concurrency > 0))
    throw new Error('--requests and --concurrency must be positive');
  return a;
}

const ORIGIN = 'https://bench.example';
const POOL = Array.from({ length: 50 }, (_, i) => `+1206555${String(1000 + i)}`);

const BUNDLE: Bundle = {
  property: { name: 'DNI bench', time_zone: 'America/Los_Angeles' },
  sources: [
    { name: 'Google Ads', dniRules: [{ kind: 'query_param', param: 'gclid' }], priority: 10 },
    { name: 'Website', dniRules: [{ kind: 'any_visit' }], priority: 90 },
  ],
  dni: { allowed_origins: [ORIGIN], swap_numbers: ['+12065550100'] },
  pools: [{ source: 'Google Ads', numbers: POOL, exhaustion_policy: 'reuse_lru' }],
  numbers: POOL.map((number) => ({ number, source: 'Google Ads', forward_to: '+12065550111' })),
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  process.env.DNI_RATE_LIMIT_BURST = '100000000';
  process.env.DNI_RATE_LIMIT_PER_MINUTE = '100000000';
  // Every visit comes from this one address: lift the cap on the numbers one client may hold.
  process.env.DNI_MAX_HOLDS_PER_CLIENT = '0';
  log('starting a throwaway stack (Temporal dev server, embedded PostgreSQL, api, worker, simulator)');
  const stack = await startStack({ ephemeral: true, log, simTimeScale: 1, childOutput: 'quiet' });
  try {
    const endpoints = { apiUrl: stack.apiUrl, simUrl: stack.simUrl!, apiKey: stack.apiKey };
    const { dni } = await applyBundle(endpoints, BUNDLE);
    if (!dni) throw new Error('the bench bundle has no DNI settings');
    const script = Buffer.from(await (await fetch(`${stack.apiUrl}/dni/${dni.dniKey}.js`)).arrayBuffer());
    const url = `${stack.apiUrl}/dni/${dni.dniKey}/visits`;
    const one = async (i: number) => {
      const t0 = performance.now();
      const r = await http(
        'POST',
        url,
        { landingUrl: `${ORIGIN}/?gclid=b${i}`, pageUrl: `${ORIGIN}/` },
        { origin: ORIGIN },
      );
      const ms = performance.now() - t0;
      const assigned = r.status === 200 && (r.body as { swaps: unknown[] }).swaps.length === 1;
      return { ms, ok: assigned };
    };
    // Warm up connections and the JIT without counting it.
    await Promise.all(Array.from({ length: 20 }, (_, i) => one(-i - 1)));
    const latencies: number[] = [];
    let failed = 0;
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: args.concurrency }, async () => {
        while (next < args.requests) {
          const r = await one(next++);
          latencies.push(r.ms);
          if (!r.ok) failed++;
        }
      }),
    );
    const wallS = (performance.now() - start) / 1000;
    const s = latencies.sort((x, y) => x - y);
    const r1 = (n: number) => Math.round(n * 10) / 10;
    const summary = {
      requests: args.requests,
      concurrency: args.concurrency,
      failed,
      per_second: Math.round(args.requests / wallS),
      p50_ms: r1(percentile(s, 50)),
      p99_ms: r1(percentile(s, 99)),
      max_ms: r1(s[s.length - 1] ?? NaN),
      script_bytes: script.length,
      script_gzipped_bytes: gzipSync(script).length,
      machine: `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    };
    if (args.json) console.log(JSON.stringify(summary));
    else
      console.log(
        `DNI visits (session + pool number): ${summary.per_second}/s at ${summary.concurrency} in flight; ` +
          `p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms, max ${summary.max_ms} ms; ${failed} without a number\n` +
          `DNI script: ${summary.script_bytes} bytes, ${summary.script_gzipped_bytes} gzipped`,
      );
    if (failed > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
