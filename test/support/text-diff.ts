/**
 * Where two texts first differ, as a few numbered lines of each: a stale generated file is
 * thousands of lines long, and assert's own diff of the whole strings is unreadable.
 */
export function firstDifference(actual: string, expected: string, context = 3): string | null {
  if (actual === expected) return null;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  const show = (lines: string[], sign: string) =>
    lines
      .slice(i, i + context)
      .map((l, k) => `${sign} ${i + k + 1}: ${l}`)
      .join('\n');
  return `first difference at line ${i + 1}:\n${show(e, '-')}\n${show(a, '+')}`;
}
