/**
 * Whether a value typed as a list (but read from JSON, so perhaps not one) really is an array.
 * The built-in `Array.isArray` narrows `readonly T[]` to `any[]`, losing `T`; this keeps it.
 */
export function isList<T>(value: readonly T[] | null | undefined): value is readonly T[] {
  return Array.isArray(value);
}
