/**
 * Lists edited as text (domains, numbers, origins, keywords): one item per line or comma, blanks
 * dropped. The api checks each item and names it by index (`swapNumbers[1]`), so items keep the
 * order typed.
 */
export const splitList = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export const joinList = (items: readonly string[] | null | undefined): string => (items ?? []).join('\n');

/** The problems a 422 names under a list field (`swapNumbers[2]` → "item 3: …"), for one message beside it. */
export function listProblem(
  fields: readonly { field: string; message: string }[] | undefined,
  name: string,
): string | undefined {
  const found = (fields ?? []).filter((f) => f.field === name || f.field.startsWith(`${name}[`));
  if (found.length === 0) return undefined;
  return found
    .map((f) => {
      const i = /^\[(\d+)\]/.exec(f.field.slice(name.length))?.[1];
      return i === undefined ? f.message : `item ${Number(i) + 1}: ${f.message}`;
    })
    .join('; ');
}

/** The fields of a 422 that inputs named `names` show (each name, its items and sub-fields). */
export const shownFields = (
  problem: { under: (prefix: string) => { field: string }[] } | undefined,
  names: readonly string[],
): string[] => names.flatMap((n) => problem?.under(n).map((f) => f.field) ?? []);
