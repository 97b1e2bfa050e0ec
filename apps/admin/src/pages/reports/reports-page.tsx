import { useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Ok } from '../../api/types';
import { duration, localDay } from '../../format';
import { navigate, useLocation } from '../../router';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { BarChart, ColumnChart, Heatmap, SplitBar } from './charts';
import { everyDay, percent, weekGrid, type Point } from './report-series';

type SummaryQuery = NonNullable<paths['/v1/reports/calls/summary']['get']['parameters']['query']>;
type Summary = Ok<'/v1/reports/calls/summary', 'get'>;
type Row = Summary['rows'][number];

/** The groupings the page draws, each one request of the summary. */
const GROUPS = ['source', 'day', 'campaign', 'hour_of_week'] as const;

// A type alias, not an interface: only then does Object.entries (pathOf) keep the value type.
type Range = {
  propertyId?: string;
  propertyListId?: string;
  from: string;
  to: string;
};

/** The range and scope in the address (shareable); the last 30 days of the property's calendar by default. */
function rangeOf(query: URLSearchParams, zone: string | undefined): Range {
  const get = (k: string) => query.get(k) || undefined;
  return {
    propertyId: get('propertyId'),
    propertyListId: get('propertyListId'),
    from: get('from') ?? localDay(zone, -29),
    to: get('to') ?? localDay(zone),
  };
}

function pathOf(r: Range): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(r)) if (v) q.set(k, v);
  return `/reports?${q.toString()}`;
}

const points = (rows: readonly Row[], value: (r: Row) => number = (r) => r.calls): Point[] =>
  rows.map((r) => ({
    key: String(r.key ?? ''),
    label: String(r.label ?? r.key ?? '(none)'),
    value: value(r),
  }));

/** Call reports over a range of days, in each property's time zone: the api's summary, drawn. */
export function ReportsPage() {
  const { query } = useLocation();
  const { properties } = useSession();
  const chosen = properties.find((p) => p.id === query.get('propertyId')) ?? properties[0];
  const range = rangeOf(query, chosen?.timeZone);
  const key = pathOf(range);
  const report = useLoad(
    async (api) => {
      // The operation also answers CSV (`format=csv`); these requests ask for JSON.
      const ask = async (groupBy?: SummaryQuery['groupBy']) =>
        (await unwrap(
          api.GET('/v1/reports/calls/summary', {
            params: { query: { ...range, ...(groupBy ? { groupBy } : {}) } },
          }),
        )) as Summary;
      const [totals, ...groups] = await Promise.all([ask(), ...GROUPS.map((g) => ask(g))]);
      return {
        totals: totals.totals,
        by: Object.fromEntries(GROUPS.map((g, i) => [g, groups[i].rows])) as Record<
          (typeof GROUPS)[number],
          Row[]
        >,
      };
    },
    [key],
  );
  return (
    <Page title="Reports">
      <RangeForm range={range} problem={report.problem} />
      <LoadedView loaded={report}>
        {({ totals, by }) => (
          <div className="reports" aria-busy={report.loading}>
            <dl className="stats">
              <Stat label="Calls" value={totals.calls} />
              <Stat label="Answered" value={totals.answered} />
              <Stat label="Answer rate" value={fmtPercent(percent(totals.answered, totals.calls))} />
              <Stat label="Missed" value={totals.missed} />
              <Stat label="Voicemails" value={totals.voicemails} />
              <Stat label="First-time callers" value={totals.firstTime} />
              <Stat label="Average talk time" value={duration(totals.avgTalkSecs)} />
            </dl>
            <BarChart title="Calls by source" group="Source" points={points(by.source)} />
            <ColumnChart
              title="Calls by day"
              points={everyDay(
                range.from,
                range.to,
                by.day.map((r) => ({ key: r.key, value: r.calls })),
              )}
            />
            <BarChart
              title="Answer rate by source (%)"
              group="Source"
              unit="Answered %"
              points={points(by.source, (r) => percent(r.answered, r.calls) ?? 0)}
            />
            <SplitBar
              title="First-time vs repeat callers"
              parts={[
                { key: 'first', label: 'First-time', value: totals.firstTime },
                { key: 'repeat', label: 'Repeat', value: totals.calls - totals.firstTime },
              ]}
            />
            <BarChart title="Calls by campaign" group="Campaign" points={points(by.campaign)} />
            <Heatmap
              title="Calls by hour of the week"
              grid={weekGrid(by.hour_of_week.map((r) => ({ key: r.key, value: r.calls })))}
            />
          </div>
        )}
      </LoadedView>
    </Page>
  );
}

const fmtPercent = (p: number | null) => (p === null ? '—' : `${p}%`);

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function RangeForm({
  range,
  problem,
}: {
  range: Range;
  problem: import('../../api/problem').ApiProblem | undefined;
}) {
  const { properties } = useSession();
  const lists = useLoad((api) => unwrap(api.GET('/v1/property-lists')), []);
  const [draft, setDraft] = useState<Range>(range);
  const set = (k: keyof Range) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value || undefined }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(pathOf(draft));
  };
  return (
    <form className="form filters" onSubmit={apply} aria-label="Report range">
      <Field label="Properties" name="propertyId" problem={problem}>
        {(a) => (
          <select {...a} value={draft.propertyId ?? ''} onChange={set('propertyId')}>
            <option value="">All properties</option>
            {properties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(lists.data?.items.length ?? 0) > 0 && (
        <Field label="Property list" name="propertyListId" problem={problem}>
          {(a) => (
            <select {...a} value={draft.propertyListId ?? ''} onChange={set('propertyListId')}>
              <option value="">Any</option>
              {lists.data!.items.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="From" name="from" problem={problem} hint="First day, in each property's time zone">
        {(a) => <input {...a} type="date" required value={draft.from} onChange={set('from')} />}
      </Field>
      <Field label="To" name="to" problem={problem} hint="Last day, included">
        {(a) => <input {...a} type="date" required value={draft.to} onChange={set('to')} />}
      </Field>
      <div className="filter-actions">
        <button type="submit">Show</button>
      </div>
    </form>
  );
}
