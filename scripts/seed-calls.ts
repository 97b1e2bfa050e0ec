import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openDataSource, rebuildCallRollup } from '@switchboard/persistence';

/**
 * `npm run seed:calls -- --calls 1000000 --properties 10 [--days 365]` (DATABASE_URL, migrated):
 * bulk-inserts realistic finished calls into a new account, spread over the last `days` days and
 * over properties in several time zones, each with four sources and two numbers per source. Rows
 * are made by PostgreSQL itself (generate_series, 100 000 per statement), so a million take about
 * a minute, not an hour of round trips. The random generator is seeded: the same arguments give
 * the same mix of outcomes and durations. The daily rollup of those properties is then counted
 * from the calls (rebuildCallRollup, a few seconds per million).
 */
export interface SeedOptions {
  calls: number;
  properties: number;
  days: number;
  log?: (m: string) => void;
}

export interface Seeded {
  accountId: string;
  propertyIds: string[];
}

const ZONES = ['America/Chicago', 'America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo'];
const SOURCES = ['Google Ads', 'Zillow', 'Website', 'Direct'];
const BATCH = 100_000;

/** Outcome mix: 62 % answered, 10 % voicemail, 13 % no answer, 15 % caller hung up first. */
const CALL_ROWS = `
  SELECT g, n.property_id, n.id AS number_id, n.source_id, n.source_name, n.number,
         now() - (r.t * $3::int * 86400) * interval '1 second' AS started,
         CASE WHEN r.o < 0.62 THEN 'answered' WHEN r.o < 0.72 THEN 'voicemail'
              WHEN r.o < 0.85 THEN 'no_answer' ELSE 'abandoned' END AS outcome,
         (3 + r.ring * 27)::int AS ring, (20 + r.talk * 580)::int AS talk, r.p
    FROM generate_series($1::int, $2::int) g
    CROSS JOIN LATERAL (SELECT random() AS t, random() AS o, random() AS ring, random() AS talk,
                               random() AS p, g AS dep) r
    JOIN seed_numbers n ON n.idx = g % $4::int`;

const INSERT = `
  INSERT INTO calls (workflow_id, call_session_id, call_control_id, property_id, tracking_number_id, source_id,
                     source_name, from_number, to_number, started_at, answered_at, ended_at, duration_secs,
                     talk_secs, outcome, answered_by, path, campaign, keyword, prior_calls)
  SELECT 'seed-' || $5 || '-' || g, 'seed-session-' || $5 || '-' || g, 'v3:seed-' || $5 || '-' || g,
         property_id, number_id, source_id, source_name,
         '+1312' || lpad(((g::bigint * 104729) % 9000000 + 1000000)::text, 7, '0'), number,
         started,
         CASE WHEN outcome = 'answered' THEN started + ring * interval '1 second' END,
         started + (CASE outcome WHEN 'answered' THEN ring + talk WHEN 'voicemail' THEN ring + 35
                                 WHEN 'no_answer' THEN ring + 20 ELSE ring % 20 END) * interval '1 second',
         CASE outcome WHEN 'answered' THEN ring + talk WHEN 'voicemail' THEN ring + 35
                      WHEN 'no_answer' THEN ring + 20 ELSE ring % 20 END,
         CASE WHEN outcome = 'answered' THEN talk ELSE 0 END,
         outcome,
         CASE WHEN outcome = 'answered' THEN (ARRAY['ann', 'bob', 'cara', 'dev'])[1 + g % 4] END,
         '[]'::jsonb,
         CASE WHEN source_name = 'Google Ads' THEN (ARRAY['spring-lease', 'brand', 'retarget'])[1 + g % 3] END,
         CASE WHEN source_name = 'Google Ads'
              THEN (ARRAY['apartments near me', '2 bedroom', 'pet friendly', 'studio'])[1 + (g / 3) % 4] END,
         CASE WHEN p < 0.6 THEN 0 ELSE 1 + (g % 5) END
    FROM (${CALL_ROWS}) x`;

/** Account, properties, sources and numbers; then the calls in batches. */
export async function seedCalls(ds: DataSource, o: SeedOptions): Promise<Seeded> {
  const log = o.log ?? (() => undefined);
  const tag = randomBytes(4).toString('hex');
  const qr = ds.createQueryRunner();
  await qr.connect();
  // QueryRunner.query answers `any`: the caller names its rows' shape.
  const rows = <T>(sql: string, params?: unknown[]) => qr.query(sql, params) as Promise<T[]>;
  try {
    const [account] = await rows<{ id: string }>(`INSERT INTO accounts (name) VALUES ($1) RETURNING id`, [
      `Seeded ${tag}`,
    ]);
    const propertyIds: string[] = [];
    for (let i = 0; i < o.properties; i++) {
      const [p] = await rows<{ id: string }>(
        `INSERT INTO properties (name, time_zone, account_id) VALUES ($1, $2, $3) RETURNING id`,
        [`Seeded property ${i + 1}`, ZONES[i % ZONES.length], account.id],
      );
      propertyIds.push(p.id);
      for (const [si, name] of SOURCES.entries()) {
        const [s] = await rows<{ id: string }>(
          `INSERT INTO tracking_sources (property_id, name) VALUES ($1, $2) RETURNING id`,
          [p.id, name],
        );
        for (let n = 0; n < 2; n++) {
          // +1 999 <tag digits> <property> <number>: never a real number, unique per run.
          const number = `+1999${parseInt(tag, 16) % 1000}${String(i).padStart(4, '0')}${si * 2 + n}`;
          await qr.query(
            `INSERT INTO tracking_numbers (property_id, source_id, number, forward_to) VALUES ($1, $2, $3, '+13125550111')`,
            [p.id, s.id, number],
          );
        }
      }
    }
    await qr.query(
      `
      CREATE TEMP TABLE seed_numbers AS
        SELECT (row_number() OVER (ORDER BY tn.property_id, tn.number) - 1)::int AS idx, tn.id, tn.property_id,
               tn.source_id, s.name AS source_name, tn.number
          FROM tracking_numbers tn JOIN tracking_sources s ON s.id = tn.source_id
         WHERE tn.property_id = ANY($1::uuid[])`,
      [propertyIds],
    );
    const [{ count }] = await rows<{ count: number }>(`SELECT count(*)::int AS count FROM seed_numbers`);
    await qr.query(`SELECT setseed(0.42)`);
    for (let lo = 1; lo <= o.calls; lo += BATCH) {
      const hi = Math.min(o.calls, lo + BATCH - 1);
      await qr.query(INSERT, [lo, hi, o.days, count, tag]);
      log(`${hi} / ${o.calls} calls`);
    }
    await qr.query(`DROP TABLE seed_numbers`);
    // The rows bypass saveFinished, which keeps the daily rollup: count theirs from the calls.
    log('daily rollup');
    await qr.startTransaction();
    await rebuildCallRollup(qr.manager, propertyIds);
    await qr.commitTransaction();
    return { accountId: account.id, propertyIds };
  } finally {
    await qr.release();
  }
}

function parseArgs(argv: string[]): SeedOptions {
  const o: SeedOptions = { calls: 1_000_000, properties: 10, days: 365 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = Number(argv[++i]);
    if (k === '--calls') o.calls = v;
    else if (k === '--properties') o.properties = v;
    else if (k === '--days') o.days = v;
    else throw new Error(`unknown argument ${k}`);
  }
  if (![o.calls, o.properties, o.days].every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--calls, --properties and --days must be positive integers');
  return o;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a migrated database (npm start uses postgres://…:5488/…)');
  const ds = await openDataSource(url, 2);
  try {
    const t0 = Date.now();
    const seeded = await seedCalls(ds, { ...o, log: (m) => console.error(`› ${m}`) });
    await ds.query(`VACUUM ANALYZE calls, call_rollup, call_rollup_hourly`);
    console.log(JSON.stringify({ ...seeded, calls: o.calls, seconds: (Date.now() - t0) / 1000 }));
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
