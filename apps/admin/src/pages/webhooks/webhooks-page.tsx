import { useState } from 'react';
import { unwrap } from '../../api/client';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { ShownOnce } from '../../ui/copy-button';
import { DataTable } from '../../ui/data-table';
import { shownFields } from '../../ui/list-text';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { WebhookForm } from './webhook-form';

/** The property's webhook subscriptions, a new one's signing secret (shown once), and the notification secret. */
export function WebhooksPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const hooks = useLoad((api) => unwrap(api.GET('/v1/properties/{propertyId}/webhooks', path)), [propertyId]);
  const add = useAction();
  const [secret, setSecret] = useState<{ label: string; value: string }>();
  const [formKey, setFormKey] = useState(0);
  return (
    <Page title="Webhooks">
      {secret && <ShownOnce label={secret.label} secret={secret.value} onDone={() => setSecret(undefined)} />}
      <LoadedView loaded={hooks}>
        {(page) => (
          <DataTable
            caption="Webhook subscriptions"
            rows={page.items}
            rowKey={(h) => h.id}
            empty="No subscription yet."
            columns={[
              {
                header: 'URL',
                cell: (h) => <Link to={propertyPath(propertyId, 'webhooks', `/${h.id}`)}>{h.url}</Link>,
              },
              { header: 'Events', cell: (h) => h.events.join(', ') },
              { header: 'Active', cell: (h) => (h.active ? 'yes' : 'paused') },
              { header: 'Description', cell: (h) => h.description ?? '' },
            ]}
          />
        )}
      </LoadedView>
      {!readOnly && (
        <section aria-labelledby="add-webhook">
          <h2 id="add-webhook">Add a subscription</h2>
          <ProblemNotice
            problem={add.problem}
            shown={shownFields(add.problem, ['url', 'events', 'description', 'active'])}
          />
          <WebhookForm
            key={formKey}
            initial={{ url: '', events: ['call.completed'], active: true }}
            problem={add.problem}
            busy={add.busy}
            readOnly={false}
            submitLabel="Add subscription"
            onSubmit={(body) =>
              void add
                .run((api) => unwrap(api.POST('/v1/properties/{propertyId}/webhooks', { ...path, body })))
                .then((created) => {
                  if (!created) return;
                  if (created.secret)
                    setSecret({ label: `Signing secret of ${created.url}`, value: created.secret });
                  setFormKey((k) => k + 1);
                  hooks.reload();
                })
            }
          />
        </section>
      )}
      <NotificationSecret
        propertyId={propertyId}
        shown={(value) => setSecret({ label: 'Notification secret', value })}
      />
    </Page>
  );
}

/** The secret voicemail and text-routing notifications are signed with: a new one replaces the old at once. */
function NotificationSecret({ propertyId, shown }: { propertyId: string; shown: (secret: string) => void }) {
  const { readOnly } = useSession();
  const rotate = useAction();
  return (
    <section aria-labelledby="notification-secret">
      <h2 id="notification-secret">Notification secret</h2>
      <p className="muted">
        Voicemail and text notifications are signed with the property&apos;s notification secret, as webhooks
        are. Until the first one is made, nobody knows the secret signing them.
      </p>
      <ProblemNotice problem={rotate.problem} />
      {!readOnly && (
        <button
          type="button"
          disabled={rotate.busy}
          onClick={() => {
            if (!window.confirm('Make a new notification secret? The current one stops signing at once.'))
              return;
            void rotate
              .run((api) =>
                unwrap(
                  api.POST('/v1/properties/{propertyId}/notification-secret', {
                    params: { path: { propertyId } },
                  }),
                ),
              )
              .then((r) => r && shown(r.secret));
          }}
        >
          Make a new notification secret
        </button>
      )}
    </section>
  );
}
