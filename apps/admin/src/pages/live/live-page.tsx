import { useEffect } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { dateTime, duration, words } from '../../format';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { LoadedView, Page } from '../../ui/page';

type LiveCall = Ok<'/v1/calls/live', 'get'>['items'][number];

/** How often the list is asked again: a step lasts seconds, and a screen of calls is cheap to ask. */
const REFRESH_MS = 2_500;

/** Calls in flight now, with the step each is in; refreshed every few seconds. */
export function LivePage() {
  const { properties } = useSession();
  const live = useLoad((api) => unwrap(api.GET('/v1/calls/live')), []);
  const { reload } = live;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const property = (id: string) => properties.find((p) => p.id === id);
  const now = Date.now();
  return (
    <Page title="Live calls">
      <p className="muted">
        Calls in progress now, refreshed every few seconds. A call appears once its number is known.
      </p>
      <LoadedView loaded={live}>
        {(page) => (
          <>
            <p className="visually-hidden" aria-live="polite">
              {page.items.length === 1 ? '1 call in progress' : `${page.items.length} calls in progress`}
            </p>
            <DataTable<LiveCall>
              caption="Calls in progress"
              rows={page.items}
              rowKey={(c) => c.workflowId}
              empty="No call in progress."
              columns={[
                { header: 'Property', cell: (c) => property(c.propertyId)?.name ?? c.propertyId },
                { header: 'Caller', cell: (c) => c.callerNumber ?? '—' },
                { header: 'Source', cell: (c) => c.source ?? '—' },
                {
                  header: 'Started',
                  cell: (c) => (
                    <>
                      {dateTime(c.startedAt, property(c.propertyId)?.timeZone)}{' '}
                      <span className="muted">({duration((now - Date.parse(c.startedAt)) / 1000)} ago)</span>
                    </>
                  ),
                },
                {
                  header: 'Current step',
                  cell: (c) => (
                    <span className="live-step">
                      {c.step ? words(c.step) : '—'}
                      {c.path.at(-1)?.detail && <span className="muted"> · {c.path.at(-1)!.detail}</span>}
                    </span>
                  ),
                },
                {
                  header: 'Links',
                  cell: (c) => (
                    <>
                      <Link to={`/calls?callSessionId=${encodeURIComponent(c.callSessionId)}`}>
                        In the call log
                      </Link>
                      {c.temporalUrl && (
                        <>
                          {' · '}
                          <a href={c.temporalUrl} target="_blank" rel="noreferrer">
                            Temporal Web UI
                          </a>
                        </>
                      )}
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
      </LoadedView>
    </Page>
  );
}
