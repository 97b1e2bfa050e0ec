import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { saveFile } from '../../download';
import { dateTime } from '../../format';
import { Link, navigate, useLocation } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { Pager } from '../../ui/pager';

type FormLogPage = Ok<'/v1/forms', 'get'>;
type FormRow = FormLogPage['items'][number];

const PAGE_SIZE = 50;

/** The page of the log an address asks for (`?offset=50`), so a page can be reloaded and shared. */
const offsetOf = (query: URLSearchParams): number =>
  Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);

/** The site's page as people read it: its path, the whole address on hover. */
export function pagePath(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** The property's form log: web form submissions the DNI script sent, newest first, paged, exported. */
export function FormsPage({ propertyId }: { propertyId: string }) {
  const { query } = useLocation();
  const offset = offsetOf(query);
  const { properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone;
  const forms = useLoad(
    async (api) =>
      (await unwrap(
        api.GET('/v1/forms', { params: { query: { propertyId, limit: PAGE_SIZE, offset } } }),
      )) as FormLogPage,
    [propertyId, offset],
  );
  const csv = useAction();
  const exportCsv = () =>
    void csv.run(async (api) => {
      const { data, error, response } = await api.GET('/v1/forms', {
        params: { query: { propertyId, format: 'csv' } },
        parseAs: 'blob',
      });
      if (error !== undefined || !response.ok || !data) await unwrap(Promise.resolve({ error, response }));
      saveFile(data as Blob, 'forms.csv');
    });
  const pageAt = (at: number) => propertyPath(propertyId, 'forms', at > 0 ? `?offset=${at}` : '');
  return (
    <Page
      title="Forms"
      actions={
        <button type="button" onClick={exportCsv} disabled={csv.busy}>
          {csv.busy ? 'Exporting…' : 'Export CSV'}
        </button>
      }
    >
      <ProblemNotice problem={csv.problem} />
      <LoadedView loaded={forms}>
        {(page) => (
          <>
            <p className="muted" aria-live="polite">
              {page.total === 0
                ? 'No form yet.'
                : `Forms ${offset + 1}–${offset + page.items.length} of ${page.total}`}
              {forms.loading && ' (loading…)'}
            </p>
            <DataTable<FormRow>
              caption="Form submissions, newest first"
              rows={page.items}
              rowKey={(f) => f.id}
              empty={
                <>
                  No form submission yet: turn on form tracking in{' '}
                  <Link to={propertyPath(propertyId, 'dni')}>Website (DNI)</Link>, and the site&apos;s forms
                  will be listed here.
                </>
              }
              columns={[
                {
                  header: 'When',
                  cell: (f) => (
                    <Link to={propertyPath(propertyId, 'forms', `/${f.id}`)}>
                      {dateTime(f.submittedAt, zone)}
                    </Link>
                  ),
                },
                { header: 'Form', cell: (f) => f.formName ?? '—' },
                { header: 'Name', cell: (f) => f.name ?? '—' },
                { header: 'Phone', cell: (f) => f.phone ?? '—' },
                { header: 'Email', cell: (f) => f.email ?? '—' },
                { header: 'Source', cell: (f) => f.source?.name ?? '—' },
                {
                  header: 'Page',
                  cell: (f) => <span title={f.pageUrl}>{pagePath(f.pageUrl)}</span>,
                },
              ]}
            />
            <Pager
              label="Pages of forms"
              offset={offset}
              pageSize={PAGE_SIZE}
              total={page.total}
              go={(o) => navigate(pageAt(o))}
            />
          </>
        )}
      </LoadedView>
    </Page>
  );
}
