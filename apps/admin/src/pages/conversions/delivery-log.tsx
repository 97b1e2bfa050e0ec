import { useState } from 'react';
import { CONVERSION_PLATFORMS, type ConversionPlatform } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { dateTime, words } from '../../format';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { LoadedView } from '../../ui/page';
import { PLATFORM_LABELS, type Destination } from './destination-settings';
import { Pager } from '../../ui/pager';

type Conversion = Ok<'/v1/properties/{propertyId}/conversions', 'get'>['items'][number];
type Delivery = Conversion['deliveries'][number];
type Status = Delivery['status'];
/** One line of the log: a conversion and one of its deliveries (none for a Google Ads upload file). */
interface Line {
  conversion: Conversion;
  delivery: Delivery | undefined;
}

const STATUSES: readonly Status[] = ['pending', 'delivered', 'rejected', 'failed'];
const PAGE = 25;

/** The click id a platform matches the lead by, as the visit kept it. */
function clickIdOf(c: Conversion): string {
  const ids = c.clickIds;
  const found = (
    [
      ['gclid', ids.gclid],
      ['gbraid', ids.gbraid],
      ['wbraid', ids.wbraid],
      ['fbclid', ids.fbclid],
      ['msclkid', ids.msclkid],
    ] as const
  ).find(([, v]) => v);
  return found ? `${found[0]} ${found[1]}` : '—';
}

/**
 * The delivery log: conversions newest first (by the lead's time), one line per delivery with its
 * status, attempts and the platform's last answer; a refused click id shows here, never lost.
 */
export function DeliveryLog({
  propertyId,
  destinations,
}: {
  propertyId: string;
  destinations: readonly Destination[];
}) {
  const { properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone;
  const [status, setStatus] = useState<Status | ''>('');
  const [platform, setPlatform] = useState<ConversionPlatform | ''>('');
  const [offset, setOffset] = useState(0);
  const log = useLoad(
    (api) =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/conversions', {
          params: {
            path: { propertyId },
            query: { limit: PAGE, offset, ...(status ? { status } : {}), ...(platform ? { platform } : {}) },
          },
        }),
      ),
    [propertyId, status, platform, offset],
  );
  const nameOf = (id: string) => destinations.find((d) => d.id === id)?.name ?? 'deleted destination';
  const leadLink = (c: Conversion) =>
    c.leadKind === 'call' ? (
      <Link to={`/calls/${c.leadId}`}>Call</Link>
    ) : (
      <Link to={propertyPath(propertyId, 'forms', `/${c.leadId}`)}>Form</Link>
    );
  return (
    <section aria-labelledby="conversion-log">
      <h2 id="conversion-log">Delivery log</h2>
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
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Platform{' '}
          <select
            value={platform}
            onChange={(e) => {
              setPlatform(e.target.value as ConversionPlatform | '');
              setOffset(0);
            }}
          >
            <option value="">All</option>
            {CONVERSION_PLATFORMS.map((x) => (
              <option key={x} value={x}>
                {PLATFORM_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={log.reload}>
          Refresh
        </button>
      </div>
      <LoadedView loaded={log}>
        {(page) => {
          const lines = page.items.flatMap((conversion): Line[] =>
            conversion.deliveries.length === 0
              ? [{ conversion, delivery: undefined }]
              : conversion.deliveries
                  // With a filter, the lines of the deliveries it asked for.
                  .filter((d) => (!status || d.status === status) && (!platform || d.platform === platform))
                  .map((delivery) => ({ conversion, delivery })),
          );
          return (
            <>
              <DataTable<Line>
                caption="Conversions and their deliveries, newest first"
                rows={lines}
                rowKey={(l) => `${l.conversion.id}-${l.delivery?.id ?? 'file'}`}
                empty={
                  status || platform
                    ? 'No conversion matches these filters.'
                    : 'No conversion yet: leads that meet a rule will be listed here.'
                }
                columns={[
                  { header: 'When', cell: (l) => dateTime(l.conversion.occurredAt, zone) },
                  { header: 'Conversion', cell: (l) => l.conversion.name },
                  { header: 'Lead', cell: (l) => leadLink(l.conversion) },
                  {
                    header: 'Value',
                    cell: (l) =>
                      l.conversion.value === null ? '—' : `${l.conversion.value} ${l.conversion.currency}`,
                    numeric: true,
                  },
                  { header: 'Click id', cell: (l) => clickIdOf(l.conversion) },
                  {
                    header: 'Destination',
                    cell: (l) => (l.delivery ? nameOf(l.delivery.destinationId) : 'Upload file only'),
                  },
                  {
                    header: 'Status',
                    cell: (l) => (l.delivery ? words(l.delivery.status) : '—'),
                  },
                  { header: 'Attempts', cell: (l) => l.delivery?.attempts ?? '—', numeric: true },
                  {
                    header: 'Last error',
                    cell: (l) =>
                      l.delivery?.lastErrorCode ? (
                        <>
                          <code>{l.delivery.lastErrorCode}</code> {l.delivery.lastErrorMessage ?? ''}
                        </>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
              <Pager offset={offset} pageSize={PAGE} total={page.total} go={setOffset} />
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
