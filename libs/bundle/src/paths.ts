/**
 * Places in a bundle as the api's errors name them: `schedules[2].weekly[0].start` ('' = the whole
 * document). One syntax for the schema's issues, the pure checks and the api's own field errors.
 */

/** `schedules[2]` + `weekly[0].start` → `schedules[2].weekly[0].start`. */
export function joinPath(prefix: string, field: string): string {
  if (!field) return prefix;
  if (!prefix) return field;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/** A JSON pointer as a path: `/flows/0/definition` → `flows[0].definition`. */
export function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => joinPath(acc, /^\d+$/.test(p) ? `[${p}]` : p), '');
}

/** One way a document is wrong, at `path`. */
export interface DocumentIssue {
  path: string;
  message: string;
}
