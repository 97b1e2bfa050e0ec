import type { SqlParams } from './sql-params';
import { ANSWERED_BY, REPORTED_CALL } from './call-partials';

/** The filters every report and the call log share, with the properties the key may see. */
export interface CallFilter {
  propertyIds: readonly string[];
  from?: string;
  to?: string;
  sourceId?: string;
  trackingNumberId?: string;
  outcome?: string;
  firstTime?: 'true' | 'false';
  campaign?: string;
  keyword?: string;
  answeredBy?: string;
}

/**
 * `scope`: the visible properties with the instants their local `from` day starts and the day
 * after `to` ends, each in its own time zone. Joining calls on (property_id, started_at between
 * those bounds) lets one index range scan per property (property_id, started_at) serve any range,
 * instead of converting every call's started_at to local time to compare dates.
 */
export function scopeCte(f: CallFilter, p: SqlParams): string {
  const ids = p.add(f.propertyIds);
  const lo = f.from
    ? `(${p.add(f.from)}::date::timestamp AT TIME ZONE pr.time_zone)`
    : `'-infinity'::timestamptz`;
  const hi = f.to
    ? `((${p.add(f.to)}::date + 1)::timestamp AT TIME ZONE pr.time_zone)`
    : `'infinity'::timestamptz`;
  // Materialized: each property's bounds are computed once, not once per call row (inlined, the
  // zone conversion ran for every row: slower even with parallel workers on this machine).
  return `scope AS MATERIALIZED (
    SELECT pr.id, pr.name, pr.time_zone, ${lo} AS lo, ${hi} AS hi
      FROM properties pr WHERE pr.id = ANY(${ids}::uuid[]))`;
}

/**
 * `calls c` joined to `scope s` within its range, both directions (the call log); the call-only
 * filters follow in `callWhere`.
 */
export const CALLS_IN_SCOPE = `scope s JOIN calls c ON c.property_id = s.id AND c.started_at >= s.lo AND c.started_at < s.hi`;

/** The same, only the calls reports count (inbound: agents' click-to-calls are not callers). */
export const REPORTED_CALLS_IN_SCOPE = `${CALLS_IN_SCOPE} AND ${REPORTED_CALL}`;

/** Whether any filter applies to calls only (texts and emails have no outcome, agent or campaign). */
export function hasCallOnlyFilter(f: CallFilter): boolean {
  return [f.outcome, f.firstTime, f.campaign, f.keyword, f.answeredBy].some((v) => v !== undefined);
}

type FilterKey =
  'sourceId' | 'trackingNumberId' | 'outcome' | 'firstTime' | 'campaign' | 'keyword' | 'answeredBy';

/**
 * Each filter as a condition on `calls c` and, where the daily rollup can apply it exactly, on
 * `call_rollup r` (a filter without one sends the report to the calls). Deleting a source or number
 * sets its calls' id to null while rollup cells keep it, so a rollup filter on one also wants it to
 * exist: otherwise both find nothing.
 */
const FILTERS: Record<
  FilterKey,
  { calls: (v: string, p: SqlParams) => string; rollup?: (v: string, p: SqlParams) => string }
> = {
  sourceId: {
    calls: (v, p) => `c.source_id = ${p.add(v)}`,
    rollup: (v, p) => {
      const id = p.add(v);
      return `r.source_id = ${id} AND EXISTS (SELECT 1 FROM tracking_sources WHERE id = ${id}::uuid)`;
    },
  },
  trackingNumberId: {
    calls: (v, p) => `c.tracking_number_id = ${p.add(v)}`,
    rollup: (v, p) => {
      const id = p.add(v);
      return `r.tracking_number_id = ${id} AND EXISTS (SELECT 1 FROM tracking_numbers WHERE id = ${id}::uuid)`;
    },
  },
  outcome: { calls: (v, p) => `c.outcome = ${p.add(v)}`, rollup: (v, p) => `r.outcome = ${p.add(v)}` },
  // prior_calls is null for calls recorded before callers were counted: neither first nor repeat.
  firstTime: {
    calls: (v) => (v === 'true' ? `c.prior_calls = 0` : `c.prior_calls > 0`),
    rollup: (v) => (v === 'true' ? `r.first_time` : `NOT r.first_time`),
  },
  campaign: { calls: (v, p) => `c.campaign = ${p.add(v)}`, rollup: (v, p) => `r.campaign = ${p.add(v)}` },
  keyword: { calls: (v, p) => `c.keyword = ${p.add(v)}`, rollup: (v, p) => `r.keyword = ${p.add(v)}` },
  answeredBy: {
    calls: (v, p) => `${ANSWERED_BY} = ${p.add(v)}`,
    rollup: (v, p) => `r.answered_by = ${p.add(v)}`,
  },
};

const applied = (f: CallFilter) => (Object.keys(FILTERS) as FilterKey[]).filter((k) => f[k] !== undefined);

/** Whether any call filter is given (beyond the properties and the range). */
export function hasCallFilter(f: CallFilter): boolean {
  return applied(f).length > 0;
}

/** WHERE conditions on `c` (always true when none). */
export function callWhere(f: CallFilter, p: SqlParams): string {
  return ['TRUE', ...applied(f).map((k) => FILTERS[k].calls(f[k]!, p))].join(' AND ');
}

/** Whether every filter given has a rollup condition. */
export function rollupCanFilter(f: CallFilter): boolean {
  return applied(f).every((k) => FILTERS[k].rollup !== undefined);
}

/** WHERE conditions on `r` (call_rollup); only when rollupCanFilter. */
export function rollupWhere(f: CallFilter, p: SqlParams): string {
  return ['TRUE', ...applied(f).map((k) => FILTERS[k].rollup!(f[k]!, p))].join(' AND ');
}
