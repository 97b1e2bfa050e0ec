import { ANSWERED_BY } from './call-partials';

/** What a summary can be grouped by. */
export const GROUP_BYS = [
  'property',
  'source',
  'tracking_number',
  'campaign',
  'keyword',
  'day',
  'hour_of_week',
  'agent',
  'outcome',
] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A group's key and label over one of the tables a summary counts, by its aliases. */
interface Grouping {
  key: string;
  /** An aggregate naming the group (the name as it was recorded). */
  label: string;
  /** Instead, the label computed from the key once per group (not per row). */
  labelOfKey?: (key: string) => string;
}

/** Local time of an instant column in the row's property zone (`s.time_zone`). */
const local = (col: string) => `(${col} AT TIME ZONE s.time_zone)`;

/**
 * Hour of week 0–167 from Monday 00:00 local time (ISO weeks start on Monday), so the key sorts in
 * week order; the label says it in words ("Mon 09:00").
 */
const hourOfWeek = (col: string) =>
  `((extract(isodow FROM ${local(col)})::int - 1) * 24 + extract(hour FROM ${local(col)})::int)`;

const byTime = (col: string): Record<'day' | 'hour_of_week', Grouping> => ({
  day: { key: `to_char(${local(col)}, 'YYYY-MM-DD')`, label: 'NULL::text', labelOfKey: (k) => k },
  hour_of_week: {
    key: hourOfWeek(col),
    label: 'NULL::text',
    labelOfKey: (k) =>
      `(ARRAY['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])[${k} / 24 + 1] || ' ' || lpad((${k} % 24)::text, 2, '0') || ':00'`,
  },
});

/** Calls (`c`): every grouping. */
export const CALL_GROUPS: Record<GroupBy, Grouping> = {
  property: { key: `s.id::text`, label: `min(s.name)` },
  source: { key: `c.source_id::text`, label: `max(c.source_name)` },
  tracking_number: { key: `c.tracking_number_id::text`, label: `max(c.to_number)` },
  campaign: { key: `c.campaign`, label: `max(c.campaign)` },
  keyword: { key: `c.keyword`, label: `max(c.keyword)` },
  agent: { key: ANSWERED_BY, label: `max(COALESCE(c.agent_name, c.answered_by))` },
  outcome: { key: `c.outcome`, label: `max(c.outcome)` },
  ...byTime('c.started_at'),
};

/**
 * A grouping over a rollup table (`table`, call_rollup unless said): its key and label read the
 * cells (`r`) once they are summed per property and `cells` (the expressions over the cells the
 * key needs, named; `labels`, columns kept as their greatest), joined to the scope `s` and `join`.
 */
interface RollupGrouping extends Grouping {
  table?: 'call_rollup_hourly';
  cells: string[];
  labels?: string[];
  join?: string;
}

/**
 * Groupings the rollups keep. A deleted source or number is null on its calls but kept in the
 * cells, so the key is the live row's id: the calls' groups either way. Hour of week comes from
 * the hourly cells, which have no other values to filter by.
 */
export const ROLLUP_GROUPS: Partial<Record<GroupBy, RollupGrouping>> = {
  property: { ...CALL_GROUPS.property, cells: [] },
  source: {
    key: `ts.id::text`,
    label: `max(r.source_name)`,
    cells: ['r.source_id'],
    labels: ['source_name'],
    join: `LEFT JOIN tracking_sources ts ON ts.id = r.source_id`,
  },
  tracking_number: {
    key: `tn.id::text`,
    label: `max(r.to_number)`,
    cells: ['r.tracking_number_id'],
    labels: ['to_number'],
    join: `LEFT JOIN tracking_numbers tn ON tn.id = r.tracking_number_id`,
  },
  campaign: { key: `r.campaign`, label: `max(r.campaign)`, cells: ['r.campaign'] },
  keyword: { key: `r.keyword`, label: `max(r.keyword)`, cells: ['r.keyword'] },
  // Cells keep who answered, not their name: the label is the agent's name now.
  agent: {
    key: `r.answered_by`,
    label: `max(COALESCE(ag.name, r.answered_by))`,
    cells: ['r.answered_by'],
    join: `LEFT JOIN agents ag ON ag.property_id = s.id AND ag.id = r.answered_by`,
  },
  outcome: { key: `r.outcome`, label: `max(r.outcome)`, cells: ['r.outcome'] },
  day: { key: `to_char(r.day, 'YYYY-MM-DD')`, label: 'NULL::text', labelOfKey: (k) => k, cells: ['r.day'] },
  hour_of_week: {
    ...CALL_GROUPS.hour_of_week,
    key: `r.hour_of_week`,
    table: 'call_rollup_hourly',
    cells: ['(extract(isodow FROM r.day)::int - 1) * 24 + r.hour AS hour_of_week'],
  },
};

/** Inbound texts (`m` in conversation `tc`): groupings a text has. */
export const TEXT_GROUPS: Partial<Record<GroupBy, Grouping>> = {
  property: CALL_GROUPS.property,
  source: { key: `tc.source_id::text`, label: `max(tc.source_name)` },
  tracking_number: { key: `tc.tracking_number_id::text`, label: `max(tc.tracking_number)` },
  ...byTime('m.occurred_at'),
};

/** Received emails (`e`): groupings an email has (it reaches an address, not a number). */
export const EMAIL_GROUPS: Partial<Record<GroupBy, Grouping>> = {
  property: CALL_GROUPS.property,
  source: { key: `e.source_id::text`, label: `max(e.source_name)` },
  ...byTime('e.received_at'),
};

/** Web form submissions (`f`): groupings a form has (it comes through a visit, not a number). */
export const FORM_GROUPS: Partial<Record<GroupBy, Grouping>> = {
  property: CALL_GROUPS.property,
  source: { key: `f.source_id::text`, label: `max(f.source_name)` },
  ...byTime('f.submitted_at'),
};

/** Row order: time groupings in time order, the others busiest first. */
export function groupOrder(g: GroupBy | undefined): string {
  return g === 'day' || g === 'hour_of_week' ? 'key' : 'calls DESC, label, key';
}

/** Conversions (`v`), by the lead's time: groupings a conversion has (it counts a call or a form, not a number). */
export const CONVERSION_GROUPS: Partial<Record<GroupBy, Grouping>> = {
  property: CALL_GROUPS.property,
  ...byTime('v.occurred_at'),
};
