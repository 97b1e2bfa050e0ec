import { DataTable } from '../../ui/data-table';

/** What an apply changed (or would): per kind, the items created, updated, removed, unchanged. */
export interface KindChanges {
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * The api's answer to an apply or import, as a table. Its response is typed loosely in the
 * OpenAPI document (a record of kinds), so the rows are read defensively here.
 */
export function BundleChanges({ result, caption }: { result: unknown; caption: string }) {
  const r = result as { dryRun?: boolean; changed?: boolean; changes?: Record<string, KindChanges> };
  const rows = Object.entries(r.changes ?? {}).filter(
    ([, c]) => c.created.length + c.updated.length + c.removed.length + c.unchanged.length > 0,
  );
  const list = (items: string[]) => (items.length ? items.join(', ') : '—');
  return (
    <div className="bundle-changes" role="status">
      <p>
        <strong>
          {r.dryRun
            ? r.changed
              ? 'Would change:'
              : 'Nothing would change.'
            : r.changed
              ? 'Applied:'
              : 'Nothing changed.'}
        </strong>
      </p>
      <DataTable
        caption={caption}
        rows={rows}
        rowKey={([kind]) => kind}
        empty=""
        columns={[
          { header: 'Kind', cell: ([kind]) => kind.replace('_', ' ') },
          { header: 'Created', cell: ([, c]) => list(c.created) },
          { header: 'Updated', cell: ([, c]) => list(c.updated) },
          { header: 'Removed', cell: ([, c]) => list(c.removed) },
          { header: 'Unchanged', cell: ([, c]) => c.unchanged.length, numeric: true },
        ]}
      />
    </div>
  );
}
