import { CALLS_IN_SCOPE, callWhere, scopeCte, type CallFilter } from './call-filter.sql';
import { SqlParams } from './sql-params';

/** Sortable fields of the call log → their column; `-field` sorts descending. */
const SORT_COLUMNS = {
  startedAt: 'c.started_at',
  durationSecs: 'c.duration_secs',
  talkSecs: 'c.talk_secs',
  outcome: 'c.outcome',
  sourceName: 'c.source_name',
  fromNumber: 'c.from_number',
} as const;
type SortField = keyof typeof SORT_COLUMNS;
export type CallLogSort = SortField | `-${SortField}`;
export const CALL_LOG_SORTS = Object.keys(SORT_COLUMNS).flatMap((f) => [f, `-${f}`]) as CallLogSort[];

/** The call record's columns as the API names them (CallEntity's properties), in table order. */
export interface LogColumn {
  column: string;
  name: string;
  /** What to select instead of the column itself (over the calls row `c`), given a way to add parameters. */
  sql?: (param: (v: unknown) => string) => string;
}

/** A link naming a call: the text before the call's id and the text after it. */
export type LinkAroundId = readonly [before: string, after: string];

/** The link to a call's recording over the calls row `c` (null for a call without one). */
export function recordingLinkSql([before, after]: LinkAroundId, param: (v: unknown) => string): string {
  return `CASE WHEN c.recording_url IS NULL THEN NULL ELSE ${param(before)}::text || c.id::text || ${param(after)}::text END`;
}

export interface CallLogRequest extends CallFilter {
  callSessionId?: string;
  /** Both directions unless given. */
  direction?: 'inbound' | 'outbound';
  sort?: CallLogSort;
  /**
   * Full-text search of transcripts (web search syntax: words, "a phrase", -not, or), English
   * stemming, over the generated `transcript_search` column and its GIN index.
   */
  q?: string;
  /** Absent for CSV: every matching row. */
  page?: { limit: number; offset: number };
}

function orderBy(sort: CallLogSort = '-startedAt'): string {
  const desc = sort.startsWith('-');
  const col = SORT_COLUMNS[(desc ? sort.slice(1) : sort) as SortField];
  const dir = desc ? 'DESC' : 'ASC';
  // The id breaks ties, so pages neither repeat nor skip calls with equal values.
  return `${col} ${dir} NULLS LAST, c.id ${dir}`;
}

function where(r: CallLogRequest, p: SqlParams): string {
  const w = [callWhere(r, p)];
  if (r.callSessionId) w.push(`c.call_session_id = ${p.add(r.callSessionId)}`);
  if (r.direction) w.push(`c.direction = ${p.add(r.direction)}`);
  if (r.q) w.push(`c.transcript_search @@ websearch_to_tsquery('english', ${p.add(r.q)})`);
  return w.join(' AND ');
}

/** The page (or, without one, every matching call for CSV), newest first unless sorted otherwise. */
export function callLogQuery(
  r: CallLogRequest,
  columns: readonly LogColumn[],
): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const cte = scopeCte(r, p);
  const param = (v: unknown) => p.add(v);
  const select = columns.map((c) => `${c.sql ? c.sql(param) : `c.${c.column}`} AS "${c.name}"`).join(', ');
  let sql = `WITH ${cte} SELECT ${select} FROM ${CALLS_IN_SCOPE} WHERE ${where(r, p)} ORDER BY ${orderBy(r.sort)}`;
  if (r.page) sql += ` LIMIT ${p.add(r.page.limit)} OFFSET ${p.add(r.page.offset)}`;
  return { sql, params: p.values };
}

export function callLogCountQuery(r: CallLogRequest): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const cte = scopeCte(r, p);
  return {
    sql: `WITH ${cte} SELECT count(*)::int AS total FROM ${CALLS_IN_SCOPE} WHERE ${where(r, p)}`,
    params: p.values,
  };
}
