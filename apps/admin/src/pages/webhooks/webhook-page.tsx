import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { shownFields } from '../../ui/list-text';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { WebhookForm } from './webhook-form';
import { Pager } from '../../ui/pager';

type Delivery = Ok<'/v1/properties/{propertyId}/webhooks/{webhookId}/deliveries', 'get'>['items'][number];
type Status = 'pending' | 'delivered' | 'failed';
const PAGE = 25;

const when = (at: string | Date | null | undefined): string => (at ? new Date(at).toLocaleString() : '—');

/** One subscription: edit, pause or delete it, and its delivery log with redelivery. */
export function WebhookPage({ propertyId, webhookId }: { propertyId: string; webhookId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId, webhookId } } };
  const hook = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/webhooks/{webhookId}', path)),
    [propertyId, webhookId],
  );
  const save = useAction();
  const remove = useAction();
  return (
    <Page title="Webhook subscription">
      <p>
        <Link to={propertyPath(propertyId, 'webhooks')}>All webhooks</Link>
      </p>
      <LoadedView loaded={hook}>
        {(h) => (
          <>
            <ProblemNotice
              problem={save.problem}
              shown={shownFields(save.problem, ['url', 'events', 'description', 'active'])}
            />
            <WebhookForm
              key={JSON.stringify(h)}
              initial={{
                url: h.url,
                events: h.events,
                description: h.description ?? undefined,
                active: h.active,
              }}
              problem={save.problem}
              busy={save.busy}
              readOnly={readOnly}
              submitLabel="Save subscription"
              onSubmit={(body) =>
                void save
                  .run((api) =>
                    unwrap(api.PATCH('/v1/properties/{propertyId}/webhooks/{webhookId}', { ...path, body })),
                  )
                  .then((ok) => ok && hook.reload())
              }
            />
            {!readOnly && (
              <>
                <ProblemNotice problem={remove.problem} />
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (!window.confirm(`Delete the subscription to ${h.url}?`)) return;
                    void remove.run(async (api) => {
                      await unwrap(api.DELETE('/v1/properties/{propertyId}/webhooks/{webhookId}', path));
                      navigate(propertyPath(propertyId, 'webhooks'));
                    });
                  }}
                >
                  Delete subscription
                </button>
              </>
            )}
            <DeliveryLog propertyId={propertyId} webhookId={webhookId} />
          </>
        )}
      </LoadedView>
    </Page>
  );
}

/** Deliveries newest first: status, attempts, the receiver's last answer; redeliver any of them. */
function DeliveryLog({ propertyId, webhookId }: { propertyId: string; webhookId: string }) {
  const { readOnly } = useSession();
  const [status, setStatus] = useState<Status | ''>('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string>();
  const log = useLoad(
    (api) =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/webhooks/{webhookId}/deliveries', {
          params: {
            path: { propertyId, webhookId },
            query: { limit: PAGE, offset, ...(status ? { status } : {}) },
          },
        }),
      ),
    [propertyId, webhookId, status, offset],
  );
  const redeliver = useAction();
  const [sent, setSent] = useState('');
  return (
    <section aria-labelledby="deliveries">
      <h2 id="deliveries">Delivery log</h2>
      <div className="form-inline">
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as Status | '');
              setOffset(0);
            }}
          >
            <option value="">All</option>
            <option value="pending">Pending</option>
            <option value="delivered">Delivered</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={log.reload}>
          Refresh
        </button>
      </div>
      <ProblemNotice problem={redeliver.problem} />
      <p role="status">{sent}</p>
      <LoadedView loaded={log}>
        {(page) => (
          <>
            <DataTable<Delivery>
              caption="Deliveries"
              rows={page.items}
              rowKey={(d) => d.id}
              empty="No delivery yet: events this subscription asks for will be listed here."
              columns={[
                { header: 'When', cell: (d) => when(d.createdAt) },
                { header: 'Event', cell: (d) => d.eventType },
                { header: 'Status', cell: (d) => d.status },
                { header: 'Attempts', cell: (d) => d.attempts, numeric: true },
                { header: 'Response', cell: (d) => d.lastStatusCode ?? d.lastError ?? '—' },
                { header: 'Delivered', cell: (d) => when(d.deliveredAt) },
                {
                  header: 'Actions',
                  cell: (d) => (
                    <span className="row-actions">
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open === d.id}
                        onClick={() => setOpen(open === d.id ? undefined : d.id)}
                      >
                        Attempts
                      </button>
                      {!readOnly && (
                        <button
                          type="button"
                          className="link-button"
                          disabled={redeliver.busy}
                          onClick={() =>
                            void redeliver
                              .run((api) =>
                                unwrap(
                                  api.POST(
                                    '/v1/properties/{propertyId}/webhook-deliveries/{deliveryId}/redeliver',
                                    {
                                      params: { path: { propertyId, deliveryId: d.id } },
                                    },
                                  ),
                                ),
                              )
                              .then((ok) => {
                                if (!ok) return;
                                setSent(`Redelivering the ${d.eventType} event.`);
                                log.reload();
                              })
                          }
                        >
                          Redeliver
                        </button>
                      )}
                    </span>
                  ),
                },
              ]}
            />
            {open && <Attempts propertyId={propertyId} deliveryId={open} />}
            <Pager offset={offset} pageSize={PAGE} total={page.total} go={setOffset} />
          </>
        )}
      </LoadedView>
    </section>
  );
}

/** Every attempt of one delivery, with the receiver's answer. */
function Attempts({ propertyId, deliveryId }: { propertyId: string; deliveryId: string }) {
  const one = useLoad(
    (api) =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/webhook-deliveries/{deliveryId}', {
          params: { path: { propertyId, deliveryId } },
        }),
      ),
    [propertyId, deliveryId],
  );
  return (
    <LoadedView loaded={one}>
      {(d) => (
        <DataTable
          caption={`Attempts of delivery ${d.id}`}
          rows={d.attemptLog}
          rowKey={(a) => String(a.attemptedAt)}
          empty="Not attempted yet."
          columns={[
            { header: 'Attempted', cell: (a) => when(a.attemptedAt) },
            { header: 'By hand', cell: (a) => (a.manual ? 'yes' : 'no') },
            { header: 'Response', cell: (a) => a.statusCode ?? a.error ?? '—' },
            { header: 'Took (ms)', cell: (a) => a.durationMs, numeric: true },
          ]}
        />
      )}
    </LoadedView>
  );
}
