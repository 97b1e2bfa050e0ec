import type { SqlParams } from './sql-params';

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

/** `calls c` joined to `scope s` within its range; the call-only filters follow in `callWhere`. */
export const CALLS_IN_SCOPE = `scope s JOIN calls c ON c.property_id = s.id AND c.started_at >= s.lo AND c.started_at < s.hi`;

/** Whether any filter applies to calls only (texts and emails have no outcome, agent or campaign). */
export function hasCallOnlyFilter(f: CallFilter): boolean {
  return [f.outcome, f.firstTime, f.campaign, f.keyword, f.answeredBy].some((v) => v !== undefined);
}

/** WHERE conditions on `c` (always true when none). */
export function callWhere(f: CallFilter, p: SqlParams): string {
  const w: string[] = ['TRUE'];
  if (f.sourceId) w.push(`c.source_id = ${p.add(f.sourceId)}`);
  if (f.trackingNumberId) w.push(`c.tracking_number_id = ${p.add(f.trackingNumberId)}`);
  if (f.outcome) w.push(`c.outcome = ${p.add(f.outcome)}`);
  // prior_calls is null for calls recorded before callers were counted: neither first nor repeat.
  if (f.firstTime === 'true') w.push(`c.prior_calls = 0`);
  if (f.firstTime === 'false') w.push(`c.prior_calls > 0`);
  if (f.campaign !== undefined) w.push(`c.campaign = ${p.add(f.campaign)}`);
  if (f.keyword !== undefined) w.push(`c.keyword = ${p.add(f.keyword)}`);
  if (f.answeredBy !== undefined) w.push(`c.answered_by = ${p.add(f.answeredBy)}`);
  return w.join(' AND ');
}
