import type { Bundle } from './bundle.types';
import type { DocumentIssue } from './paths';

/** Two items of a kind with the same key would silently overwrite each other. */
function repeated<T>(
  kind: string,
  items: T[] | undefined,
  key: (x: T) => string,
  field: string,
): DocumentIssue[] {
  const first = new Map<string, number>();
  return (items ?? []).flatMap((x, i) => {
    const k = key(x);
    const j = first.get(k);
    if (j !== undefined) return [{ path: `${kind}[${i}].${field}`, message: `"${k}" is also ${kind}[${j}]` }];
    first.set(k, i);
    return [];
  });
}

/**
 * What the schema cannot say: each kind's items have distinct keys (the id, name or number a
 * bundle names them by, and that an apply matches them on).
 */
export function duplicateIssues(b: Bundle): DocumentIssue[] {
  return [
    ...repeated('sources', b.sources, (x) => x.name, 'name'),
    ...repeated('schedules', b.schedules, (x) => x.id, 'id'),
    ...repeated('agents', b.agents, (x) => x.id, 'id'),
    ...repeated('audio', b.audio, (x) => x.id, 'id'),
    ...repeated('ring_groups', b.ring_groups, (x) => x.id, 'id'),
    ...repeated('voicemail_boxes', b.voicemail_boxes, (x) => x.id, 'id'),
    ...repeated('flows', b.flows, (x) => x.name, 'name'),
    ...repeated('numbers', b.numbers, (x) => x.number, 'number'),
  ];
}
