import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { ErasureRepository, RetentionPurgeRepository } from '@switchboard/persistence';
import { benchMachine, withBenchDatabase } from './bench-database';
import { seedCalls } from './seed-calls';

/**
 * `npm run bench:privacy -- [--calls N] [--properties P] [--person-calls M] [--batch B] [--json]`:
 * what retention and erasure cost on a big account. Uses DATABASE_URL's server (a new database on
 * it, dropped after) or a throwaway embedded PostgreSQL, seeds N calls over 365 days
 * (scripts/seed-calls.ts) and gives one caller M of them, then times, with the repositories'
 * own SQL:
 * - the dry run's count of call records whose caller data is past 30 days, over every property;
 * - the real strip of those, batch by batch (B rows each, as the retention workflow runs them):
 *   rows per second and each batch's p50/p95;
 * - a second pass, which must find nothing (idempotence, and what an idle daily run costs);
 * - one person's erasure among the remaining calls: finding their recordings and tokenising their
 *   calls, with the plan's index use.
 */
interface Args {
  calls: number;
  properties: number;
  personCalls: number;
  batch: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { calls: 200_000, properties: 10, personCalls: 50, batch: 500, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--calls') a.calls = Number(argv[++i]);
    else if (k === '--properties') a.properties = Number(argv[++i]);
    else if (k === '--person-calls') a.personCalls = Number(argv[++i]);
    else if (k === '--batch') a.batch = Number(argv[++i]);
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (t: number) => +(performance.now() - t).toFixed(1);

/** The indexes a statement's plan reads calls through (EXPLAIN without ANALYZE: nothing changes). */
async function callIndexes(ds: DataSource, sql: string, params: unknown[]): Promise<string> {
  const [row]: { 'QUERY PLAN': unknown[] }[] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const found = new Set<string>();
  const walk = (n: Record<string, unknown>) => {
    const index = typeof n['Index Name'] === 'string' ? n['Index Name'] : '';
    if (n['Relation Name'] === 'calls' || /^ix_calls/.test(index))
      found.add(`${String(n['Node Type'])}${index ? ` ${index}` : ''}`);
    for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
  };
  walk((row['QUERY PLAN'][0] as { Plan: Record<string, unknown> }).Plan);
  return [...found].join('; ');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  await withBenchDatabase('privacy', log, async (ds) => {
    const seeded = await seedCalls(ds, { calls: args.calls, properties: args.properties, days: 365, log });
    // One person: M calls of the first property, all within the last 30 days (kept by the policy).
    const person = '+13125550000';
    await ds.query(
      `UPDATE calls SET from_number = $2, started_at = now() - interval '1 day' * (random() * 29)
        WHERE id IN (SELECT id FROM calls WHERE property_id = $1 LIMIT $3)`,
      [seeded.propertyIds[0], person, args.personCalls],
    );
    await ds.query(`VACUUM ANALYZE calls`);
    const purge = new RetentionPurgeRepository(ds);
    const cutoff = new Date(Date.now() - 30 * 86_400_000).toISOString();

    let t = performance.now();
    let expired = 0;
    for (const p of seeded.propertyIds) expired += await purge.count('callerData', p, cutoff);
    const dryRunMs = ms(t);
    log(`dry run: ${expired} call records past 30 days, counted in ${dryRunMs} ms`);

    const batches: number[] = [];
    let stripped = 0;
    t = performance.now();
    for (const p of seeded.propertyIds) {
      for (let more = true; more;) {
        const b = performance.now();
        const r = await purge.strip('callerData', p, cutoff, args.batch);
        batches.push(performance.now() - b);
        stripped += r.removed;
        more = r.more;
      }
    }
    const stripMs = ms(t);
    batches.sort((a, b) => a - b);
    log(
      `real run: ${stripped} call records in ${(stripMs / 1000).toFixed(1)} s ` +
        `(${Math.round(stripped / (stripMs / 1000))} rows/s), ${batches.length} batches, ` +
        `p50 ${pct(batches, 50).toFixed(1)} ms, p95 ${pct(batches, 95).toFixed(1)} ms`,
    );

    t = performance.now();
    let again = 0;
    for (const p of seeded.propertyIds)
      again += (await purge.strip('callerData', p, cutoff, args.batch)).removed;
    const idleMs = ms(t);
    log(`second run: ${again} stripped in ${idleMs} ms`);

    const erasure = new ErasureRepository(ds);
    const [{ token }]: { token: string }[] = await ds.query(
      `SELECT privacy_token(privacy_key, $2) AS token FROM accounts WHERE id = $1`,
      [seeded.accountId, person],
    );
    const subject = { accountId: seeded.accountId, kind: 'phone' as const, value: person, token };
    t = performance.now();
    await erasure.recordingIds(subject);
    const findMs = ms(t);
    const plan = await callIndexes(
      ds,
      `SELECT c.id FROM calls c JOIN properties p ON p.id = c.property_id
        WHERE p.account_id = $1 AND (c.from_number IN ($2, $3) OR (c.direction = 'outbound' AND c.to_number IN ($2, $3)))`,
      [seeded.accountId, person, token],
    );
    t = performance.now();
    const erased = await erasure.eraseCalls(subject);
    const eraseMs = ms(t);
    log(
      `erasure of one person (${args.personCalls} calls among ${args.calls}): recordings found in ${findMs} ms, ` +
        `${erased} calls tokenised in ${eraseMs} ms — ${plan}`,
    );

    console.log(
      JSON.stringify({
        calls: args.calls,
        properties: args.properties,
        batch: args.batch,
        retention: {
          dry_run_ms: dryRunMs,
          expired,
          stripped,
          strip_s: +(stripMs / 1000).toFixed(1),
          rows_per_s: Math.round(stripped / (stripMs / 1000)),
          batch_p50_ms: +pct(batches, 50).toFixed(1),
          batch_p95_ms: +pct(batches, 95).toFixed(1),
          second_run_stripped: again,
          second_run_ms: idleMs,
        },
        erasure: { person_calls: args.personCalls, find_ms: findMs, erased, erase_ms: eraseMs, plan },
        machine: benchMachine(),
      }),
    );
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
