import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  CallEntity,
  callLogCountQuery,
  callLogQuery,
  readThroughCursor,
  summaryQuery,
} from '@switchboard/persistence';
import { streamCsv } from '../apps/api/src/reports/csv-stream';
import { benchMachine, withBenchDatabase } from './bench-database';
import { seedCalls } from './seed-calls';

/**
 * `npm run bench:reports -- [--calls N] [--properties P] [--runs R] [--json]`: the reports figure.
 * Uses DATABASE_URL's server (a new database on it, dropped after) or a throwaway embedded
 * PostgreSQL, seeds N calls (scripts/seed-calls.ts), and times the statements the report endpoints
 * run (the same query builders; the api adds the key lookup and JSON encoding) R times each, after
 * one warm-up run. Prints p50/p95/max and the plan's index use for each.
 */
interface Args {
  calls: number;
  properties: number;
  runs: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { calls: 1_000_000, properties: 10, runs: 10, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--calls') a.calls = Number(argv[++i]);
    else if (k === '--properties') a.properties = Number(argv[++i]);
    else if (k === '--runs') a.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Local days `n` days before today (UTC; good enough for choosing a range). */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Index names the plan uses and whether the heap is read, from EXPLAIN (ANALYZE, FORMAT JSON). */
async function planNotes(ds: DataSource, q: { sql: string; params: unknown[] }): Promise<string> {
  const [row]: { 'QUERY PLAN': unknown[] }[] = await ds.query(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`,
    q.params,
  );
  const notes = new Set<string>();
  const walk = (n: Record<string, unknown>) => {
    const t = n['Node Type'] as string;
    const index = typeof n['Index Name'] === 'string' ? n['Index Name'] : '';
    // A bitmap heap scan names the table, its bitmap index scan child the index.
    const table = n['Relation Name'];
    if (
      /Scan/.test(t) &&
      (table === 'calls' ||
        /^call_rollup/.test(String(table)) ||
        /^ix_calls|^calls_|^uq_call_rollup/.test(index))
    ) {
      const on = /^call_rollup/.test(String(table)) ? ` ${String(table)}` : '';
      const heap = t === 'Index Only Scan' ? ` (heap fetches ${Number(n['Heap Fetches'])})` : '';
      notes.add(`${t}${on}${index ? ` ${index}` : ''}${heap}`);
    }
    for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
  };
  walk((row['QUERY PLAN'][0] as { Plan: Record<string, unknown> }).Plan);
  return [...notes].join('; ');
}

/**
 * The call log's CSV of every call through the endpoint's own streaming code, into a sink that
 * counts bytes (a stand-in for the socket): wall time and how far the process' RSS rose meanwhile.
 */
async function csvExport(ds: DataSource, q: { sql: string; params: unknown[] }, columns: string[]) {
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const res = Object.assign(sink, { status: () => res, setHeader: () => res, headersSent: false });
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  await streamCsv(
    res as unknown as Response,
    (consume) => readThroughCursor(ds, q, consume),
    columns,
    'calls.csv',
  );
  clearInterval(sampler);
  return {
    seconds: +((performance.now() - t) / 1000).toFixed(1),
    mb: +(bytes / 2 ** 20).toFixed(1),
    rss_rise_mb: +((peak - rss0) / 2 ** 20).toFixed(1),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  await withBenchDatabase('reports', log, async (ds) => {
    const t0 = performance.now();
    const seeded = await seedCalls(ds, { calls: args.calls, properties: args.properties, days: 365, log });
    const seedSecs = (performance.now() - t0) / 1000;
    log(`seeded ${args.calls} calls in ${seedSecs.toFixed(1)} s; VACUUM ANALYZE`);
    await ds.query(`VACUUM ANALYZE calls, call_rollup, call_rollup_hourly`);
    const one = seeded.propertyIds.slice(0, 1);
    const list = seeded.propertyIds.slice(0, Math.ceil(seeded.propertyIds.length / 2));
    const logColumns = ds
      .getMetadata(CallEntity)
      .columns.map((c) => ({ column: c.databaseName, name: c.propertyName }));
    // Every stored call: 365 days back from today in every zone, and tomorrow (zones ahead of UTC).
    const all = { propertyIds: seeded.propertyIds, from: daysAgo(366), to: daysAgo(-1) };
    const cases: { name: string; queries: { sql: string; params: unknown[] }[] }[] = [
      {
        name: 'summary by source, 30 days, one property',
        queries: [
          summaryQuery({ propertyIds: one, from: daysAgo(30), to: daysAgo(1), groupBy: 'source' }, true),
        ],
      },
      {
        name: `summary by day, 90 days, property list of ${list.length}`,
        queries: [
          summaryQuery({ propertyIds: list, from: daysAgo(90), to: daysAgo(1), groupBy: 'day' }, true),
        ],
      },
      {
        name: `summary by hour of week, 90 days, property list of ${list.length}`,
        queries: [
          summaryQuery(
            { propertyIds: list, from: daysAgo(90), to: daysAgo(1), groupBy: 'hour_of_week' },
            true,
          ),
        ],
      },
      {
        name: 'call log page 1, -startedAt, one property, 30 days, outcome=answered, firstTime=true',
        queries: [
          callLogQuery(
            {
              propertyIds: one,
              from: daysAgo(30),
              to: daysAgo(1),
              outcome: 'answered',
              firstTime: 'true',
              page: { limit: 50, offset: 0 },
            },
            logColumns,
          ),
          callLogCountQuery({
            propertyIds: one,
            from: daysAgo(30),
            to: daysAgo(1),
            outcome: 'answered',
            firstTime: 'true',
          }),
        ],
      },
      {
        name: `summary by source, 365 days, all ${seeded.propertyIds.length} properties (every stored call)`,
        queries: [summaryQuery({ ...all, groupBy: 'source' }, true)],
      },
      {
        name: `the same, forced to read the calls instead of the daily rollup`,
        queries: [summaryQuery({ ...all, groupBy: 'source' }, true, false)],
      },
      {
        name: `summary by day, 365 days, all ${seeded.propertyIds.length} properties`,
        queries: [summaryQuery({ ...all, groupBy: 'day' }, true)],
      },
      {
        name: `summary by tracking number, 365 days, all properties, outcome=answered, firstTime=true`,
        queries: [
          summaryQuery({ ...all, groupBy: 'tracking_number', outcome: 'answered', firstTime: 'true' }, true),
        ],
      },
      {
        name: `summary totals, 365 days, all properties, campaign=brand`,
        queries: [summaryQuery({ ...all, campaign: 'brand' }, true)],
      },
      {
        name: `summary by hour of week, 365 days, all properties (hourly rollup)`,
        queries: [summaryQuery({ ...all, groupBy: 'hour_of_week' }, true)],
      },
      {
        name: `summary by hour of week, 365 days, all properties, outcome=answered (no rollup has both: reads the calls)`,
        queries: [summaryQuery({ ...all, groupBy: 'hour_of_week', outcome: 'answered' }, true)],
      },
    ];
    const results = [];
    for (const c of cases) {
      // What the endpoint does: its queries at once on the pool (rows and totals, or page and count).
      const runOnce = () => Promise.all(c.queries.map((q) => ds.query(q.sql, q.params)));
      const first = await runOnce();
      const ms: number[] = [];
      for (let i = 0; i < args.runs; i++) {
        const t = performance.now();
        await runOnce();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      const plan = await planNotes(ds, c.queries[0]);
      const r = {
        report: c.name,
        rows: (first[0] as unknown[]).length,
        p50_ms: +pct(ms, 50).toFixed(1),
        p95_ms: +pct(ms, 95).toFixed(1),
        max_ms: +ms[ms.length - 1].toFixed(1),
        plan,
      };
      results.push(r);
      log(`${r.report}: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms (${r.rows} rows) — ${plan}`);
    }
    const csvColumns = logColumns.filter((c) => c.name !== 'path');
    const csv = await csvExport(
      ds,
      callLogQuery({ propertyIds: seeded.propertyIds }, csvColumns),
      csvColumns.map((c) => c.name),
    );
    log(
      `call log CSV of all ${args.calls} calls: ${csv.seconds} s, ${csv.mb} MB, RSS rose ${csv.rss_rise_mb} MB`,
    );
    console.log(
      JSON.stringify({
        calls: args.calls,
        properties: args.properties,
        runs: args.runs,
        seed_s: +seedSecs.toFixed(1),
        results,
        csv_all_calls: csv,
        machine: benchMachine(),
      }),
    );
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
