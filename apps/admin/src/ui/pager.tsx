/**
 * Paging of a list the api pages by `offset`. A log read newest first (deliveries) pages "Newer" /
 * "Older" and says which rows are shown; a list the address names (calls, texts, forms) pages
 * "Previous page" / "Next page" as a labelled nav. `go` moves to another offset.
 */
export function Pager({
  offset,
  pageSize,
  total,
  go,
  label,
}: {
  offset: number;
  pageSize: number;
  total: number;
  go: (offset: number) => void;
  /** The nav's name ("Pages of calls"); absent: the newest-first log's Newer / Older. */
  label?: string;
}) {
  const earlier = () => go(Math.max(0, offset - pageSize));
  const later = () => go(offset + pageSize);
  const atEnd = offset + pageSize >= total;
  if (label !== undefined)
    return (
      <nav className="pager" aria-label={label}>
        <button type="button" disabled={offset === 0} onClick={earlier}>
          Previous page
        </button>
        <button type="button" disabled={atEnd} onClick={later}>
          Next page
        </button>
      </nav>
    );
  return (
    <div className="pager">
      <button type="button" className="secondary" disabled={offset === 0} onClick={earlier}>
        Newer
      </button>
      <span className="muted">
        {total === 0 ? '' : `${offset + 1}–${Math.min(offset + pageSize, total)} of ${total}`}
      </span>
      <button type="button" className="secondary" disabled={atEnd} onClick={later}>
        Older
      </button>
    </div>
  );
}
