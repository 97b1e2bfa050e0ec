import { useState } from 'react';
import { unwrap } from '../../api/client';
import { dateTime, words } from '../../format';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { LoadedView } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { countsText, statusText, type PrivacyRequest } from './request-text';

const PAGE = 20;

/**
 * The audit log: every erasure and export of the account, newest first: who asked, when, about
 * whom (the person's token: the log never keeps the number or address) and what it covered.
 * `version` changes when the page made a request, to list it.
 */
export function AuditLog({ version }: { version: number }) {
  const [offset, setOffset] = useState(0);
  const log = useLoad(
    (api) => unwrap(api.GET('/v1/privacy/requests', { params: { query: { limit: PAGE, offset } } })),
    [offset, version],
  );
  return (
    <section aria-labelledby="audit-log">
      <h2 id="audit-log">Audit log</h2>
      <LoadedView loaded={log}>
        {(page) => (
          <>
            <DataTable<PrivacyRequest>
              caption="Privacy requests, newest first"
              rows={page.items}
              rowKey={(r) => r.id}
              empty="No privacy request yet."
              columns={[
                { header: 'When', cell: (r) => dateTime(r.requestedAt) },
                { header: 'Request', cell: (r) => words(r.kind) },
                { header: 'Asked by', cell: (r) => r.requestedBy.name },
                {
                  header: 'Person',
                  cell: (r) => (
                    <>
                      {r.subjectKind} <code>{r.subjectToken}</code>
                    </>
                  ),
                },
                { header: 'Status', cell: (r) => (r.kind === 'export' ? 'Answered' : statusText(r)) },
                { header: 'Covered', cell: (r) => countsText(r.counts) },
              ]}
            />
            <Pager offset={offset} pageSize={PAGE} total={page.total} go={setOffset} />
          </>
        )}
      </LoadedView>
    </section>
  );
}
