import type { paths } from '../../api/schema';

/** `GET /v1/calls`'s query: the console's call log keeps it in its own address, so a view can be shared. */
export type CallLogQuery = NonNullable<paths['/v1/calls']['get']['parameters']['query']>;

/** The log's filters, named as the api names them (and so in the console's URL). */
export const CALL_FILTERS = [
  'propertyId',
  'propertyListId',
  'from',
  'to',
  'sourceId',
  'trackingNumberId',
  'outcome',
  'firstTime',
  'campaign',
  'keyword',
  'answeredBy',
  'direction',
  'callSessionId',
  'sort',
] as const;
export type CallFilterName = (typeof CALL_FILTERS)[number];
export type CallFilters = Partial<Record<CallFilterName, string>>;

export const PAGE_SIZE = 50;

export const OUTCOMES = ['answered', 'voicemail', 'abandoned', 'no_answer', 'rejected'] as const;

/** The filters and page a console address asks for; unknown parameters are ignored. */
export function filtersOf(query: URLSearchParams): { filters: CallFilters; offset: number } {
  const filters: CallFilters = {};
  for (const name of CALL_FILTERS) {
    const v = query.get(name)?.trim();
    if (v) filters[name] = v;
  }
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  return { filters, offset };
}

/** The console address of a filtered page of the log: `/calls?sourceId=…&offset=50`. */
export function callLogPath(filters: CallFilters, offset = 0): string {
  const q = new URLSearchParams();
  for (const name of CALL_FILTERS) if (filters[name]) q.set(name, filters[name]);
  if (offset > 0) q.set('offset', String(offset));
  const s = q.toString();
  return s ? `/calls?${s}` : '/calls';
}

/** The api's query for the filters (its own validation answers a malformed one, beside the field). */
export function apiQuery(filters: CallFilters, offset: number): CallLogQuery {
  return { ...filters, limit: PAGE_SIZE, offset } as CallLogQuery;
}
