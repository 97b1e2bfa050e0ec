/**
 * JSON with every object's keys sorted. PostgreSQL's jsonb does not keep key order, so stored
 * documents are compared (and exported, so two exports of equal configuration are equal text) this way.
 */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

/** A copy of a JSON value with every object's keys in sorted order. */
export function sortKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeys) as T;
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
  ) as T;
}
