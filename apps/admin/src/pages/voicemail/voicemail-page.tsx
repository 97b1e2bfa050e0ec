import { unwrap } from '../../api/client';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { LoadedView, Page } from '../../ui/page';

/** The property's voicemail boxes, with how many messages wait unheard in each. */
export function VoicemailPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const loaded = useLoad(
    async (api) => {
      const path = { params: { path: { propertyId } } };
      const [boxes, agents] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}/voicemail-boxes', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/agents', path)),
      ]);
      const unheard = await Promise.all(
        boxes.items.map((b) =>
          unwrap(
            api.GET('/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}/messages', {
              params: { path: { propertyId, voicemailBoxId: b.id }, query: { heard: 'false', limit: 1 } },
            }),
          ).then((page) => page.total),
        ),
      );
      const agentNames = new Map(agents.items.map((a) => [a.id, a.name]));
      return boxes.items.map((b, i) => ({
        ...b,
        unheard: unheard[i],
        owner: b.agentId ? (agentNames.get(b.agentId) ?? b.agentId) : null,
      }));
    },
    [propertyId],
  );
  return (
    <Page
      title="Voicemail"
      actions={
        !readOnly && (
          <Link className="button" to={propertyPath(propertyId, 'voicemail', '/new')}>
            New voicemail box
          </Link>
        )
      }
    >
      <LoadedView loaded={loaded}>
        {(boxes) => (
          <DataTable
            caption="Voicemail boxes"
            rows={boxes}
            rowKey={(b) => b.id}
            empty="No voicemail box yet."
            columns={[
              {
                header: 'Name',
                cell: (b) => (
                  <Link to={propertyPath(propertyId, 'voicemail', `/${encodeURIComponent(b.id)}`)}>
                    {b.name}
                  </Link>
                ),
              },
              { header: 'Id', cell: (b) => <code>{b.id}</code> },
              { header: 'Belongs to', cell: (b) => b.owner ?? 'The property' },
              {
                header: 'Notifies',
                cell: (b) =>
                  [...b.notifyEmails, ...(b.notifyWebhookUrl ? [b.notifyWebhookUrl] : [])].join(', ') || '—',
              },
              { header: 'Unheard', cell: (b) => b.unheard, numeric: true },
              ...(readOnly
                ? []
                : [
                    {
                      header: 'Actions',
                      cell: (b: (typeof boxes)[number]) => (
                        <DeleteButton
                          what={`voicemail box ${b.name}`}
                          remove={(api) =>
                            unwrap(
                              api.DELETE('/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}', {
                                params: { path: { propertyId, voicemailBoxId: b.id } },
                              }),
                            )
                          }
                          onDeleted={loaded.reload}
                        />
                      ),
                    },
                  ]),
            ]}
          />
        )}
      </LoadedView>
    </Page>
  );
}
