import { unwrap } from '../../api/client';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { LoadedView, Page } from '../../ui/page';
import { PresenceBadge } from '../agents/presence-badge';
import { usePresence } from '../agents/use-presence';
import { STRATEGIES } from './ring-group-draft';

/** The property's ring groups, each with its members' live presence. */
export function RingGroupsPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const presence = usePresence(propertyId);
  const loaded = useLoad(
    async (api) => {
      const path = { params: { path: { propertyId } } };
      const [groups, agents] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}/ring-groups', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/agents', path)),
      ]);
      return { groups: groups.items, agents: new Map(agents.items.map((a) => [a.id, a])) };
    },
    [propertyId],
  );
  return (
    <Page
      title="Ring groups"
      actions={
        !readOnly && (
          <Link className="button" to={propertyPath(propertyId, 'ring-groups', '/new')}>
            New ring group
          </Link>
        )
      }
    >
      <LoadedView loaded={loaded}>
        {({ groups, agents }) => (
          <DataTable
            caption="Ring groups"
            rows={groups}
            rowKey={(g) => g.id}
            empty="No ring group yet."
            columns={[
              {
                header: 'Name',
                cell: (g) => (
                  <Link to={propertyPath(propertyId, 'ring-groups', `/${encodeURIComponent(g.id)}`)}>
                    {g.name}
                  </Link>
                ),
              },
              { header: 'Id', cell: (g) => <code>{g.id}</code> },
              {
                header: 'Strategy',
                cell: (g) => STRATEGIES[g.strategy]?.label ?? g.strategy,
              },
              {
                header: 'Members',
                cell: (g) => (
                  <ol className="compact-list">
                    {g.members.map((m) => {
                      const a = agents.get(m.agentId);
                      return (
                        <li key={m.agentId}>
                          {a?.name ?? m.agentId}{' '}
                          <PresenceBadge
                            presence={presence.get(m.agentId)}
                            browser={a?.endpoint?.kind === 'webrtc'}
                          />
                        </li>
                      );
                    })}
                  </ol>
                ),
              },
              { header: 'Ring each (s)', cell: (g) => g.agentRingTimeoutSeconds, numeric: true },
              ...(readOnly
                ? []
                : [
                    {
                      header: 'Actions',
                      cell: (g: (typeof groups)[number]) => (
                        <DeleteButton
                          what={`ring group ${g.name}`}
                          remove={(api) =>
                            unwrap(
                              api.DELETE('/v1/properties/{propertyId}/ring-groups/{ringGroupId}', {
                                params: { path: { propertyId, ringGroupId: g.id } },
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
