import type { EntityManager } from 'typeorm';
import { ANSWERED_BY, CALL_PARTIALS, REPORTED_CALL } from './call-partials';

/** Anything that runs SQL: an EntityManager (in a transaction or not) or a migration's runner. */
export type Queryable = Pick<EntityManager, 'query'>;

interface Column {
  column: string;
  /** How it is derived from a call `c` of its property `p` (labels: an aggregate). */
  sql: string;
}

/** The property's own local day, as the report ranges count days. */
const DAY: Column = { column: 'day', sql: `(c.started_at AT TIME ZONE p.time_zone)::date` };

/**
 * A table of rollup cells: the call figures (CALL_PARTIALS) per property and `dimensions`; a
 * report can filter or group by any dimension from the cells alone.
 */
interface Rollup {
  table: string;
  constraint: string;
  dimensions: readonly Column[];
  /**
   * Names the cell's calls were recorded with; reports label a source or number group with the
   * greatest (`max`), so a cell keeps its greatest and cells merge with GREATEST.
   */
  labels: readonly Column[];
}

/** `call_rollup`: per local day and every value a summary filters or groups by but the hour. */
export const DAILY_ROLLUP: Rollup = {
  table: 'call_rollup',
  constraint: 'uq_call_rollup_cell',
  dimensions: [
    DAY,
    { column: 'source_id', sql: `c.source_id` },
    { column: 'tracking_number_id', sql: `c.tracking_number_id` },
    { column: 'outcome', sql: `c.outcome` },
    // Null for calls recorded before callers were counted: neither first-time nor repeat.
    { column: 'first_time', sql: `(c.prior_calls = 0)` },
    { column: 'campaign', sql: `c.campaign` },
    { column: 'keyword', sql: `c.keyword` },
    { column: 'answered_by', sql: ANSWERED_BY },
  ],
  labels: [
    { column: 'source_name', sql: `max(c.source_name)` },
    { column: 'to_number', sql: `max(c.to_number)` },
  ],
};

/**
 * `call_rollup_hourly`: per local day and local hour, nothing else. The hour in the daily cells
 * would make about one cell per call; alone it is at most 24 a day, which answers hour-of-week
 * reports without filters (filtered ones read the calls).
 */
export const HOURLY_ROLLUP: Rollup = {
  table: 'call_rollup_hourly',
  constraint: 'uq_call_rollup_hourly_cell',
  dimensions: [DAY, { column: 'hour', sql: `extract(hour FROM c.started_at AT TIME ZONE p.time_zone)::int` }],
  labels: [],
};

const ROLLUPS = [DAILY_ROLLUP, HOURLY_ROLLUP];

const keyOf = (t: Rollup) => ['property_id', ...t.dimensions.map((d) => d.column)];
const columnsOf = (t: Rollup) => [
  ...keyOf(t),
  ...t.labels.map((l) => l.column),
  ...CALL_PARTIALS.map((x) => x.column),
];

/** The cells of the calls `c` (of properties `p`) that `where` selects, in columnsOf order. */
function cellsOf(t: Rollup, where: string): string {
  const dims = t.dimensions.map((d) => `${d.sql} AS ${d.column}`);
  const labels = t.labels.map((l) => `${l.sql} AS ${l.column}`);
  // A sum over no rows is null; the rollup stores 0 (a report's sum over cells is the same).
  const partials = CALL_PARTIALS.map((x) => `COALESCE(${x.sql}, 0) AS ${x.column}`);
  return `SELECT c.property_id, ${[...dims, ...labels, ...partials].join(', ')}
            FROM calls c JOIN properties p ON p.id = c.property_id
           WHERE ${REPORTED_CALL} AND (${where})
           GROUP BY ${keyOf(t)
             .map((_, i) => i + 1)
             .join(', ')}`;
}

const upsert = (t: Rollup, where: string, merge: (col: string) => string) =>
  `INSERT INTO ${t.table} (${columnsOf(t).join(', ')}) ${cellsOf(t, where)}
   ON CONFLICT ON CONSTRAINT ${t.constraint} DO UPDATE SET
     ${columnsOf(t)
       .filter((c) => !keyOf(t).includes(c))
       .map((c) => `${c} = ${merge(c)}`)
       .join(', ')}`;

/** Adds one newly stored call to its cells (concurrent saves of other calls add to them safely). */
export async function addCallToRollup(m: Queryable, callId: string): Promise<void> {
  for (const t of ROLLUPS) {
    const labels = t.labels.map((l) => l.column);
    await m.query(
      upsert(t, 'c.id = $1', (c) =>
        labels.includes(c) ? `GREATEST(${t.table}.${c}, EXCLUDED.${c})` : `${t.table}.${c} + EXCLUDED.${c}`,
      ),
      [callId],
    );
  }
}

/**
 * Replaces cells with a recount of their calls: every cell of the rollups that `rollupWhere`
 * selects (alias `r`) is deleted and the calls `callsWhere` selects are counted again. Cells the
 * recount meets that another transaction added meanwhile are overwritten, not added to: the
 * recount ran after it committed (its row lock made the DELETE wait), so it counted that call too.
 */
async function recount(m: Queryable, rollupWhere: string, callsWhere: string, params: unknown[]) {
  for (const t of ROLLUPS) {
    await m.query(`DELETE FROM ${t.table} r WHERE ${rollupWhere}`, params);
    await m.query(
      upsert(t, callsWhere, (c) => `EXCLUDED.${c}`),
      params,
    );
  }
}

/**
 * Recounts the local day of a call whose record was written again (a retried activity: the
 * outcome, agent or durations may differ, so the call may move between cells). Its property and
 * start never change on a rewrite, so its day is the same before and after.
 */
export async function recountRollupDayOf(m: Queryable, callId: string): Promise<void> {
  const [cell]: { property_id: string; day: string }[] = await m.query(
    `SELECT c.property_id, to_char(${DAY.sql}, 'YYYY-MM-DD') AS day
       FROM calls c JOIN properties p ON p.id = c.property_id WHERE c.id = $1`,
    [callId],
  );
  if (!cell) return; // a call no property owns is in no report
  await recount(
    m,
    `r.property_id = $1 AND r.day = $2::date`,
    // The local date itself decides (as it does for the cells); the wider instant range is only
    // for the index on (property_id, started_at).
    `c.property_id = $1 AND ${DAY.sql} = $2::date
       AND c.started_at >= (($2::date - 1)::timestamp AT TIME ZONE p.time_zone)
       AND c.started_at < (($2::date + 2)::timestamp AT TIME ZONE p.time_zone)`,
    [cell.property_id, cell.day],
  );
}

/** Advisory lock namespace of a property's rollup (`hashtext('call_rollup')`, property id). */
const LOCK = `hashtext('call_rollup')`;

/**
 * Taken (shared) by every save of a call of the property before it reads the property's time
 * zone; a rebuild of the property (its zone changed) takes it exclusively, so no call is counted
 * on a day of the old zone after the rebuild counted the rest in the new one.
 */
export async function holdPropertyRollup(m: Queryable, propertyId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock_shared(${LOCK}, hashtext($1::text))`, [propertyId]);
}

/**
 * Counts the rollup again from the calls: of the given properties (after a time zone change, or
 * a bulk insert that bypassed `saveFinishedCall`), or of every property (the migration's backfill).
 * Run it in a transaction, where the properties' locks hold until commit.
 */
export async function rebuildCallRollup(m: Queryable, propertyIds?: readonly string[]): Promise<void> {
  if (propertyIds === undefined) return recount(m, 'TRUE', 'TRUE', []);
  const ids = [...propertyIds].sort();
  await m.query(`SELECT pg_advisory_xact_lock(${LOCK}, hashtext(id::text)) FROM unnest($1::uuid[]) id`, [
    ids,
  ]);
  await recount(m, `r.property_id = ANY($1::uuid[])`, `c.property_id = ANY($1::uuid[])`, [ids]);
}
