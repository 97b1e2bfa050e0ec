/**
 * The document with a stable key order, so the committed file changes only where the api does:
 * object keys sorted, except a schema's `properties`, which keep the DTO's declaration order (the
 * order a reader expects). Arrays keep their order.
 */
export function stableOrder<T>(value: T): T {
  return sorted(value) as T;
}

function sorted(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => sorted(v));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, sorted(v, k)] as const);
  if (key !== 'properties') entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
