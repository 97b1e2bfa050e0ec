import type { Schedule } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { LoadedView, Page } from '../../ui/page';
import { OpenNow } from './open-now';
import { weekSummary } from './schedule-draft';

/** The property's opening-hours schedules, which schedule steps of call flows choose between. */
export function SchedulesPage({ propertyId }: { propertyId: string }) {
  const { readOnly, properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone ?? 'UTC';
  const schedules = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/schedules', { params: { path: { propertyId } } })),
    [propertyId],
  );
  return (
    <Page
      title="Schedules"
      actions={
        !readOnly && (
          <Link className="button" to={propertyPath(propertyId, 'schedules', '/new')}>
            New schedule
          </Link>
        )
      }
    >
      <LoadedView loaded={schedules}>
        {(page) => (
          <DataTable
            caption="Schedules"
            rows={page.items}
            rowKey={(s) => s.id}
            empty="No schedule yet."
            columns={[
              {
                header: 'Name',
                cell: (s) => (
                  <Link to={propertyPath(propertyId, 'schedules', `/${encodeURIComponent(s.id)}`)}>
                    {s.name}
                  </Link>
                ),
              },
              { header: 'Id', cell: (s) => <code>{s.id}</code> },
              { header: 'Weekly hours', cell: (s) => weekSummary(s.weekly) },
              {
                header: 'Special days',
                cell: (s) => (s.overrides ?? []).map((o) => o.name ?? o.date).join(', ') || '—',
              },
              { header: 'Time zone', cell: (s) => s.timeZone ?? `${zone} (property)` },
              { header: 'Now', cell: (s) => <OpenNow schedule={s as Schedule} fallbackTimeZone={zone} /> },
              ...(readOnly
                ? []
                : [
                    {
                      header: 'Actions',
                      cell: (s: (typeof page.items)[number]) => (
                        <DeleteButton
                          what={`schedule ${s.name}`}
                          remove={(api) =>
                            unwrap(
                              api.DELETE('/v1/properties/{propertyId}/schedules/{scheduleId}', {
                                params: { path: { propertyId, scheduleId: s.id } },
                              }),
                            )
                          }
                          onDeleted={schedules.reload}
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
