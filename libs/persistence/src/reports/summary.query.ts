import { CALL_METRICS } from './call-metrics';
import { CALL_PARTIALS } from './call-partials';
import {
  REPORTED_CALLS_IN_SCOPE,
  callWhere,
  hasCallFilter,
  hasCallOnlyFilter,
  rollupCanFilter,
  rollupWhere,
  scopeCte,
  type CallFilter,
} from './call-filter.sql';
import {
  CALL_GROUPS,
  CONVERSION_GROUPS,
  EMAIL_GROUPS,
  FORM_GROUPS,
  groupOrder,
  ROLLUP_GROUPS,
  TEXT_GROUPS,
  type GroupBy,
} from './group-by';
import { SqlParams } from './sql-params';

export interface SummaryRequest extends CallFilter {
  from: string;
  to: string;
  groupBy?: GroupBy;
}

/**
 * Whether a rollup answers the request exactly: cells are whole local days of each property
 * (every summary range is), so one can when the grouping and every filter are among its cells'
 * values (the hourly cells have no values to filter by). Otherwise the summary reads the calls.
 */
export function rollupCanAnswer(r: SummaryRequest): boolean {
  const g = r.groupBy === undefined ? undefined : ROLLUP_GROUPS[r.groupBy];
  if (r.groupBy !== undefined && g === undefined) return false;
  return g?.table === 'call_rollup_hourly' ? !hasCallFilter(r) : rollupCanFilter(r);
}

/**
 * The rollup's cells in range, summed per property and the grouping's columns in a first pass that
 * reads only the rollup table (one scan, no join per cell, which parallel workers can share), named as
 * the rollup's columns; the grouping's key, label and joins then see a few rows per group.
 */
function rollupCells(r: SummaryRequest, p: SqlParams): string {
  const g = r.groupBy
    ? ROLLUP_GROUPS[r.groupBy]!
    : { cells: [], labels: [], join: undefined, table: undefined };
  const by = ['r.property_id', ...g.cells];
  const cols = [
    ...by,
    ...(g.labels ?? []).map((l) => `max(r.${l}) AS ${l}`),
    ...CALL_PARTIALS.map((x) => `sum(r.${x.column}) AS ${x.column}`),
  ];
  return `(SELECT ${cols.join(', ')}
             FROM ${g.table ?? 'call_rollup'} r
            WHERE r.property_id = ANY(${p.add(r.propertyIds)}::uuid[])
              AND r.day >= ${p.add(r.from)}::date AND r.day <= ${p.add(r.to)}::date AND ${rollupWhere(r, p)}
            GROUP BY ${by.map((_, i) => i + 1).join(', ')}) r
           JOIN scope s ON s.id = r.property_id ${g.join ?? ''}`;
}

/** The partials summed over the rollup cells `r`: the same names as over the calls. */
const ROLLUP_PARTIALS = CALL_PARTIALS.map((x) => ({ name: x.name, sql: `sum(r.${x.column})` }));

/** Output columns of a summary row (CSV header and JSON fields alike). */
export const SUMMARY_COLUMNS = [
  'key',
  'label',
  ...CALL_METRICS.map((m) => m.name),
  'texts',
  'emails',
  'forms',
  'conversions',
  'conversionValue',
];

interface Aggregate {
  name: string;
  key: string;
  label: string;
  /** Partial figures: each adds up across groups. */
  columns: readonly { name: string; sql: string }[];
  from: string;
}

/**
 * One aggregate per group; with `totals` also the all-groups row (`total` true), summed from the
 * groups: one pass over the calls, and a plain GROUP BY that parallel workers can share (GROUPING
 * SETS cannot be aggregated in parallel).
 */
function aggregate(a: Aggregate, grouped: boolean, totals: boolean): string {
  const cols = a.columns.map((c) => `${c.sql} AS "${c.name}"`).join(', ');
  if (!grouped)
    return `${a.name} AS (SELECT NULL::text AS key, NULL::text AS label, true AS total, ${cols} FROM ${a.from})`;
  const groups = `${a.name}_g AS (SELECT ${a.key} AS key, ${a.label} AS label, ${cols} FROM ${a.from} GROUP BY 1)`;
  const names = a.columns.map((c) => `"${c.name}"`);
  const sums = totals
    ? ` UNION ALL SELECT NULL, NULL, true, ${names.map((n) => `sum(${n})`).join(', ')} FROM ${a.name}_g`
    : '';
  return `${groups},
  ${a.name} AS (SELECT key, label, false AS total, ${names.join(', ')} FROM ${a.name}_g${sums})`;
}

/** Text form of a key for joining: null keys ("no campaign") are a group too, and must meet. */
const joinKey = (expr: string) => `COALESCE((${expr})::text, '')`;
const either = (names: string[], col: string) =>
  names.length === 1 ? `${names[0]}.${col}` : `COALESCE(${names.map((n) => `${n}.${col}`).join(', ')})`;

/**
 * The summary as one statement (so CSV can stream it through a cursor like the log). Texts are
 * inbound messages, emails received ones, forms submitted ones; each is counted where the report's filters and grouping
 * mean something for them (property, source, tracking number for texts, day, hour of week) and are
 * null otherwise: a text has no outcome, agent, campaign or keyword. Conversions (for the ad
 * platforms) count by the lead's time, by property and time only. With `totals`, the last row
 * (`total` true) sums every group.
 */
export function summaryQuery(
  r: SummaryRequest,
  totals = false,
  useRollup = rollupCanAnswer(r),
): { sql: string; params: unknown[] } {
  if (useRollup && !rollupCanAnswer(r)) throw new Error('the rollup cannot answer this summary');
  const p = new SqlParams();
  const g = r.groupBy;
  const grouped = g !== undefined;
  const ctes = [scopeCte(r, p)];
  const none = { key: '', label: '' };
  const aggregates: Aggregate[] = [
    useRollup
      ? {
          name: 'c_agg',
          ...(g ? ROLLUP_GROUPS[g]! : none),
          columns: ROLLUP_PARTIALS,
          // The cells of each property's own local days from..to: the scope's bounds, as days.
          from: rollupCells(r, p),
        }
      : {
          name: 'c_agg',
          ...(g ? CALL_GROUPS[g] : none),
          columns: CALL_PARTIALS,
          from: `${REPORTED_CALLS_IN_SCOPE} WHERE ${callWhere(r, p)}`,
        },
  ];
  const callOnly = hasCallOnlyFilter(r);
  const textGroup = g ? TEXT_GROUPS[g] : none;
  const withTexts = !callOnly && textGroup !== undefined;
  if (withTexts) {
    const w = [`m.direction = 'inbound'`, `m.occurred_at >= s.lo`, `m.occurred_at < s.hi`];
    if (r.sourceId) w.push(`tc.source_id = ${p.add(r.sourceId)}`);
    if (r.trackingNumberId) w.push(`tc.tracking_number_id = ${p.add(r.trackingNumberId)}`);
    aggregates.push({
      name: 't_agg',
      ...textGroup,
      columns: [{ name: 'texts', sql: 'count(*)' }],
      from: `scope s JOIN text_conversations tc ON tc.property_id = s.id
              JOIN text_messages m ON m.conversation_id = tc.id WHERE ${w.join(' AND ')}`,
    });
  }
  const emailGroup = g ? EMAIL_GROUPS[g] : none;
  const withEmails = !callOnly && !r.trackingNumberId && emailGroup !== undefined;
  if (withEmails) {
    const w = [`e.received_at >= s.lo`, `e.received_at < s.hi`];
    if (r.sourceId) w.push(`e.source_id = ${p.add(r.sourceId)}`);
    aggregates.push({
      name: 'e_agg',
      ...emailGroup,
      columns: [{ name: 'emails', sql: 'count(*)' }],
      from: `scope s JOIN emails e ON e.property_id = s.id WHERE ${w.join(' AND ')}`,
    });
  }
  // Forms like emails: they reach no tracking number, and have no outcome, agent or campaign of a call.
  const formGroup = g ? FORM_GROUPS[g] : none;
  const withForms = !callOnly && !r.trackingNumberId && formGroup !== undefined;
  if (withForms) {
    const w = [`f.submitted_at >= s.lo`, `f.submitted_at < s.hi`];
    if (r.sourceId) w.push(`f.source_id = ${p.add(r.sourceId)}`);
    aggregates.push({
      name: 'f_agg',
      ...formGroup,
      columns: [{ name: 'forms', sql: 'count(*)' }],
      from: `scope s JOIN form_submissions f ON f.property_id = s.id WHERE ${w.join(' AND ')}`,
    });
  }
  const conversionGroup = g ? CONVERSION_GROUPS[g] : none;
  const withConversions = !callOnly && !r.sourceId && !r.trackingNumberId && conversionGroup !== undefined;
  if (withConversions)
    aggregates.push({
      name: 'v_agg',
      ...conversionGroup,
      columns: [
        { name: 'conversions', sql: 'count(*)' },
        { name: 'conversionValue', sql: 'sum(v.value)' },
      ],
      from: `scope s JOIN conversions v ON v.property_id = s.id WHERE v.occurred_at >= s.lo AND v.occurred_at < s.hi`,
    });
  ctes.push(...aggregates.map((a) => aggregate(a, grouped, totals || !grouped)));

  const names = aggregates.map((a) => a.name);
  const from = names
    .map((n, i) => {
      if (i === 0) return n;
      const before = names.slice(0, i);
      return `FULL JOIN ${n} ON ${n}.total = ${either(before, 'total')}
                AND ${joinKey(`${n}.key`)} = ${joinKey(either(before, 'key'))}`;
    })
    .join(' ');
  const key = either(names, 'key');
  const labelOfKey = g && CALL_GROUPS[g].labelOfKey;
  const label = labelOfKey ? labelOfKey(key) : either(names, 'label');
  const metrics = CALL_METRICS.map((m) => `${m.sql} AS "${m.name}"`);
  const sql = `WITH ${ctes.join(',\n')}
    SELECT ${key} AS key, ${label} AS label, ${metrics.join(', ')},
           ${withTexts ? 'COALESCE(t_agg.texts, 0)::int' : 'NULL::int'} AS texts,
           ${withEmails ? 'COALESCE(e_agg.emails, 0)::int' : 'NULL::int'} AS emails,
           ${withForms ? 'COALESCE(f_agg.forms, 0)::int' : 'NULL::int'} AS forms,
           ${withConversions ? 'COALESCE(v_agg.conversions, 0)::int' : 'NULL::int'} AS conversions,
           ${withConversions ? 'COALESCE(v_agg."conversionValue", 0)::float8' : 'NULL::float8'} AS "conversionValue",
           ${either(names, 'total')} AS total
      FROM ${from}
     ORDER BY total, ${groupOrder(g)}`;
  return { sql, params: p.values };
}
