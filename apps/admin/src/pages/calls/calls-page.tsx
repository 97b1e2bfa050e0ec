import { useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { saveFile } from '../../download';
import { dateTime, duration, words } from '../../format';
import { Link, navigate, useLocation } from '../../router';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import {
  OUTCOMES,
  PAGE_SIZE,
  apiQuery,
  callLogPath,
  filtersOf,
  type CallFilterName,
  type CallFilters,
} from './call-filters';
import { Pager } from '../../ui/pager';

type CallLogPage = Ok<'/v1/calls', 'get'>;
type CallRow = CallLogPage['items'][number];

/** Filter choices that come from the api: the key's property lists, sources and numbers. */
function useFilterChoices(propertyId: string | undefined) {
  const { properties } = useSession();
  // Without a property, the sources of every property the key reaches (the first 20).
  const ids = propertyId ? [propertyId] : properties.slice(0, 20).map((p) => p.id);
  return useLoad(
    async (api) => {
      const [lists, sources, numbers] = await Promise.all([
        unwrap(api.GET('/v1/property-lists')),
        Promise.all(
          ids.map(async (id) => ({
            propertyId: id,
            items: (
              await unwrap(
                api.GET('/v1/properties/{propertyId}/sources', { params: { path: { propertyId: id } } }),
              )
            ).items,
          })),
        ),
        propertyId
          ? unwrap(
              api.GET('/v1/properties/{propertyId}/tracking-numbers', { params: { path: { propertyId } } }),
            )
          : Promise.resolve(null),
      ]);
      return { lists: lists.items, sources, numbers: numbers?.items ?? [] };
    },
    [ids.join()],
  );
}

/** The account's call log: every call the key reaches, filtered, paged, exported. */
export function CallsPage() {
  const { query } = useLocation();
  const { filters, offset } = filtersOf(query);
  const { properties } = useSession();
  const zoneOf = (propertyId: string | null) => properties.find((p) => p.id === propertyId)?.timeZone;
  const nameOf = (propertyId: string | null) => properties.find((p) => p.id === propertyId)?.name ?? '—';
  const key = callLogPath(filters, offset);
  // The operation also answers CSV (`format=csv`); this request asks for its JSON page.
  const calls = useLoad(
    async (api) =>
      (await unwrap(api.GET('/v1/calls', { params: { query: apiQuery(filters, offset) } }))) as CallLogPage,
    [key],
  );
  const csv = useAction();
  const exportCsv = () =>
    void csv.run(async (api) => {
      const { data, error, response } = await api.GET('/v1/calls', {
        params: { query: { ...filters, format: 'csv' } as never },
        parseAs: 'blob',
      });
      if (error !== undefined || !response.ok || !data) await unwrap(Promise.resolve({ error, response }));
      saveFile(data as Blob, 'calls.csv');
    });
  return (
    <Page
      title="Call log"
      actions={
        <button type="button" onClick={exportCsv} disabled={csv.busy}>
          {csv.busy ? 'Exporting…' : 'Export CSV'}
        </button>
      }
    >
      <ProblemNotice problem={csv.problem} />
      <CallFilterForm filters={filters} problem={calls.problem} />
      <LoadedView loaded={calls}>
        {(page) => (
          <>
            <p className="muted" aria-live="polite">
              {page.total === 0
                ? 'No call matches.'
                : `Calls ${offset + 1}–${offset + page.items.length} of ${page.total}`}
              {calls.loading && ' (loading…)'}
            </p>
            <DataTable<CallRow>
              caption="Calls, newest first"
              rows={page.items}
              rowKey={(c) => c.id}
              empty="No call matches these filters."
              columns={[
                {
                  header: 'When',
                  cell: (c) => (
                    <Link to={`/calls/${c.id}`}>{dateTime(c.startedAt, zoneOf(c.propertyId))}</Link>
                  ),
                },
                ...(properties.length > 1 && !filters.propertyId
                  ? [{ header: 'Property', cell: (c: CallRow) => nameOf(c.propertyId) }]
                  : []),
                {
                  header: 'Caller',
                  cell: (c) => (
                    <>
                      {c.fromNumber}
                      {c.priorCalls === 0 && <span className="badge badge-new">first time</span>}
                    </>
                  ),
                },
                { header: 'Source', cell: (c) => c.sourceName ?? '—' },
                { header: 'Number', cell: (c) => c.toNumber },
                { header: 'Duration', cell: (c) => duration(c.durationSecs), numeric: true },
                {
                  header: 'Outcome',
                  cell: (c) => <span className={`outcome outcome-${c.outcome}`}>{words(c.outcome)}</span>,
                },
                {
                  header: 'Score',
                  cell: (c) => (
                    <>
                      {c.score ?? '—'} <span className="muted">{words(c.leadStatus)}</span>
                    </>
                  ),
                },
                {
                  header: 'Recording',
                  cell: (c) =>
                    c.recordingUrl ? (
                      <span title="Recorded" aria-label="Recorded" role="img">
                        ●
                      </span>
                    ) : (
                      <span className="visually-hidden">none</span>
                    ),
                },
              ]}
            />
            <Pager
              label="Pages of calls"
              offset={offset}
              pageSize={PAGE_SIZE}
              total={page.total}
              go={(o) => navigate(callLogPath(filters, o))}
            />
          </>
        )}
      </LoadedView>
    </Page>
  );
}

/** The filters as a form; applying them changes the address (so the view can be shared). */
function CallFilterForm({
  filters,
  problem,
}: {
  filters: CallFilters;
  problem: import('../../api/problem').ApiProblem | undefined;
}) {
  const { properties } = useSession();
  const [draft, setDraft] = useState<CallFilters>(filters);
  const choices = useFilterChoices(draft.propertyId);
  const set = (name: CallFilterName) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value || undefined }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(callLogPath(draft));
  };
  const propertyName = (id: string) => properties.find((p) => p.id === id)?.name ?? id;
  const sources = choices.data?.sources ?? [];
  return (
    <form className="form filters" onSubmit={apply} aria-label="Filter calls">
      <Field label="Properties" name="propertyId" problem={problem}>
        {(a) => (
          <select
            {...a}
            value={draft.propertyId ?? ''}
            onChange={(e) =>
              setDraft((d) => ({
                ...d,
                propertyId: e.target.value || undefined,
                sourceId: undefined,
                trackingNumberId: undefined,
              }))
            }
          >
            <option value="">All properties</option>
            {properties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(choices.data?.lists.length ?? 0) > 0 && (
        <Field label="Property list" name="propertyListId" problem={problem}>
          {(a) => (
            <select {...a} value={draft.propertyListId ?? ''} onChange={set('propertyListId')}>
              <option value="">Any</option>
              {choices.data!.lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Source" name="sourceId" problem={problem}>
        {(a) => (
          <select {...a} value={draft.sourceId ?? ''} onChange={set('sourceId')}>
            <option value="">Any source</option>
            {sources.flatMap((group) =>
              group.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {sources.length > 1 ? `${propertyName(group.propertyId)}: ${s.name}` : s.name}
                </option>
              )),
            )}
          </select>
        )}
      </Field>
      {draft.propertyId && (
        <Field label="Tracking number" name="trackingNumberId" problem={problem}>
          {(a) => (
            <select {...a} value={draft.trackingNumberId ?? ''} onChange={set('trackingNumberId')}>
              <option value="">Any number</option>
              {(choices.data?.numbers ?? []).map((n) => (
                <option key={n.id} value={n.id}>
                  {n.number}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="From" name="from" problem={problem} hint="First day, in each property's time zone">
        {(a) => <input {...a} type="date" value={draft.from ?? ''} onChange={set('from')} />}
      </Field>
      <Field label="To" name="to" problem={problem} hint="Last day, included">
        {(a) => <input {...a} type="date" value={draft.to ?? ''} onChange={set('to')} />}
      </Field>
      <Field label="Outcome" name="outcome" problem={problem}>
        {(a) => (
          <select {...a} value={draft.outcome ?? ''} onChange={set('outcome')}>
            <option value="">Any outcome</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {words(o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Caller" name="firstTime" problem={problem}>
        {(a) => (
          <select {...a} value={draft.firstTime ?? ''} onChange={set('firstTime')}>
            <option value="">Any caller</option>
            <option value="true">First-time callers</option>
            <option value="false">Repeat callers</option>
          </select>
        )}
      </Field>
      <Field label="Direction" name="direction" problem={problem}>
        {(a) => (
          <select {...a} value={draft.direction ?? ''} onChange={set('direction')}>
            <option value="">Both</option>
            <option value="inbound">Inbound</option>
            <option value="outbound">Outbound</option>
          </select>
        )}
      </Field>
      <Field label="Campaign" name="campaign" problem={problem}>
        {(a) => <input {...a} value={draft.campaign ?? ''} onChange={set('campaign')} />}
      </Field>
      <Field label="Keyword" name="keyword" problem={problem}>
        {(a) => <input {...a} value={draft.keyword ?? ''} onChange={set('keyword')} />}
      </Field>
      <Field
        label="Answered by"
        name="answeredBy"
        problem={problem}
        hint="An agent id, or the number that answered"
      >
        {(a) => <input {...a} value={draft.answeredBy ?? ''} onChange={set('answeredBy')} />}
      </Field>
      <Field label="Sort" name="sort" problem={problem}>
        {(a) => (
          <select {...a} value={draft.sort ?? ''} onChange={set('sort')}>
            <option value="">Newest first</option>
            <option value="startedAt">Oldest first</option>
            <option value="-durationSecs">Longest first</option>
            <option value="-talkSecs">Most talk time first</option>
            <option value="outcome">Outcome</option>
            <option value="sourceName">Source</option>
          </select>
        )}
      </Field>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setDraft({});
            navigate('/calls');
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
