import type { Ok } from '../../api/types';
import { DataTable } from '../../ui/data-table';

/** The api's answer to an apply or an import (an import's answer has the same fields, and more). */
export type ApplyResult = Ok<'/v1/properties/{propertyId}/bundle/apply', 'post'>;

/** What an apply changed (or would): per kind, the items created, updated, removed, unchanged. */
export function BundleChanges({ result, caption }: { result: ApplyResult; caption: string }) {
  const rows = Object.entries(result.changes).filter(
    ([, c]) => c.created.length + c.updated.length + c.removed.length + c.unchanged.length > 0,
  );
  const list = (items: readonly string[]) => (items.length ? items.join(', ') : '—');
  const verdict = result.dryRun
    ? result.changed
      ? 'Would change:'
      : 'Nothing would change.'
    : result.changed
      ? 'Applied:'
      : 'Nothing changed.';
  return (
    <div className="bundle-changes" role="status">
      <p>
        <strong>{verdict}</strong>
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
