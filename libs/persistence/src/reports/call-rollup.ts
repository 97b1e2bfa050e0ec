import type { EntityManager } from 'typeorm';
import { CALL_PARTIALS } from './call-partials';

/** Anything that runs SQL: an EntityManager (in a transaction or not) or a migration's runner. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * `call_rollup` holds the call figures (CALL_PARTIALS) per cell: a property, its local day, and
 * the values below. Each is how the cell's value is derived from a call `c` of its property `p`;
 * a report can filter or group by any of them (and by day) from the rollup alone. The hour of the
 * day is not one: it would multiply the cells by up to 24, about one per call, so hour-of-week
 * reports read the calls.
 */
export const ROLLUP_DIMENSIONS: readonly { column: string; sql: string }[] = [
  // The property's own local day, as the report ranges count days.
  { column: 'day', sql: `(c.started_at AT TIME ZONE p.time_zone)::date` },
  { column: 'source_id', sql: `c.source_id` },
  { column: 'tracking_number_id', sql: `c.tracking_number_id` },
  { column: 'outcome', sql: `c.outcome` },
  // Null for calls recorded before callers were counted: neither first-time nor repeat.
  { column: 'first_time', sql: `(c.prior_calls = 0)` },
  { column: 'campaign', sql: `c.campaign` },
  { column: 'keyword', sql: `c.keyword` },
  { column: 'answered_by', sql: `c.answered_by` },
];

/**
 * Names the cell's calls were recorded with; reports label a source or number group with the
 * greatest (`max`), so a cell keeps its greatest and cells merge with GREATEST.
 */
const LABELS: readonly { column: string; sql: string }[] = [
  { column: 'source_name', sql: `max(c.source_name)` },
  { column: 'to_number', sql: `max(c.to_number)` },
];

const KEY = ['property_id', ...ROLLUP_DIMENSIONS.map((d) => d.column)];
const COLUMNS = [...KEY, ...LABELS.map((l) => l.column), ...CALL_PARTIALS.map((x) => x.column)];

/** The cells of the calls `c` (of properties `p`) that `where` selects, in COLUMNS order. */
function cellsOf(where: string): string {
  const dims = ROLLUP_DIMENSIONS.map((d) => `${d.sql} AS ${d.column}`);
  const labels = LABELS.map((l) => `${l.sql} AS ${l.column}`);
  // A sum over no rows is null; the rollup stores 0 (a report's sum over cells is the same).
  const partials = CALL_PARTIALS.map((x) => `COALESCE(${x.sql}, 0) AS ${x.column}`);
  return `SELECT c.property_id, ${[...dims, ...labels, ...partials].join(', ')}
            FROM calls c JOIN properties p ON p.id = c.property_id
           WHERE ${where}
           GROUP BY ${KEY.map((_, i) => i + 1).join(', ')}`;
}

const upsert = (where: string, merge: (col: string) => string) =>
  `INSERT INTO call_rollup (${COLUMNS.join(', ')}) ${cellsOf(where)}
   ON CONFLICT ON CONSTRAINT uq_call_rollup_cell DO UPDATE SET
     ${COLUMNS.filter((c) => !KEY.includes(c))
       .map((c) => `${c} = ${merge(c)}`)
       .join(', ')}`;

/** Adds one newly stored call to its cell (concurrent saves of other calls add to it safely). */
export async function addCallToRollup(m: Queryable, callId: string): Promise<void> {
  const labels = LABELS.map((l) => l.column);
  await m.query(
    upsert('c.id = $1', (c) =>
      labels.includes(c) ? `GREATEST(call_rollup.${c}, EXCLUDED.${c})` : `call_rollup.${c} + EXCLUDED.${c}`,
    ),
    [callId],
  );
}

/**
 * Replaces cells with a recount of their calls: every cell of the rollup rows `rollupWhere`
 * selects (alias `r`) is deleted and the calls `callsWhere` selects are counted again. Cells the
 * recount meets that another transaction added meanwhile are overwritten, not added to: the
 * recount ran after it committed (its row lock made the DELETE wait), so it counted that call too.
 */
async function recount(m: Queryable, rollupWhere: string, callsWhere: string, params: unknown[]) {
  await m.query(`DELETE FROM call_rollup r WHERE ${rollupWhere}`, params);
  await m.query(
    upsert(callsWhere, (c) => `EXCLUDED.${c}`),
    params,
  );
}

/**
 * Recounts the local day of a call whose record was written again (a retried activity: the
 * outcome, agent or durations may differ, so the call may move between cells). Its property and
 * start never change on a rewrite, so its day is the same before and after.
 */
export async function recountRollupDayOf(m: Queryable, callId: string): Promise<void> {
  const [cell]: { property_id: string; day: string }[] = await m.query(
    `SELECT c.property_id, to_char(${ROLLUP_DIMENSIONS[0].sql}, 'YYYY-MM-DD') AS day
       FROM calls c JOIN properties p ON p.id = c.property_id WHERE c.id = $1`,
    [callId],
  );
  if (!cell) return; // a call no property owns is in no report
  await recount(
    m,
    `r.property_id = $1 AND r.day = $2::date`,
    `c.property_id = $1 AND c.started_at >= ($2::date::timestamp AT TIME ZONE p.time_zone)
                        AND c.started_at < (($2::date + 1)::timestamp AT TIME ZONE p.time_zone)`,
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
 * a bulk insert that bypassed `saveFinished`), or of every property (the migration's backfill).
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
