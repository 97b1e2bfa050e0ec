import { canonicalJson } from '@switchboard/domain';
import type { Bundle } from './bundle.types';
import type { ConfigSnapshot } from './snapshot';

/** What an apply did (or, in a dry run, would do) to one kind, by id, name or number. */
export interface KindChanges {
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

/** The kinds of a bundle, plus the property's own settings (`time_zone`, `default_flow`). */
export const CHANGE_KINDS = [
  'settings',
  'sources',
  'schedules',
  'agents',
  'audio',
  'ring_groups',
  'voicemail_boxes',
  'flows',
  'numbers',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface BundleChanges {
  /** Whether anything was (would be) written. */
  changed: boolean;
  changes: Record<ChangeKind, KindChanges>;
}

/** Each kind's items by the key a bundle names them by. */
function keyed(s: ConfigSnapshot): Record<ChangeKind, Map<string, unknown>> {
  const by = <T>(items: T[], key: (x: T) => string) => new Map(items.map((x) => [key(x), x]));
  const settings = new Map<string, unknown>([['time_zone', s.property.time_zone]]);
  if (s.default_flow !== undefined) settings.set('default_flow', s.default_flow);
  return {
    settings,
    sources: by(s.sources, (x) => x.name),
    schedules: by(s.schedules, (x) => x.id),
    agents: by(s.agents, (x) => x.id),
    audio: by(s.audio, (x) => x.id),
    ring_groups: by(s.ring_groups, (x) => x.id),
    voicemail_boxes: by(s.voicemail_boxes, (x) => x.id),
    flows: by(s.flows, (x) => x.name),
    numbers: by(s.numbers, (x) => x.number),
  };
}

/** What the bundle itself names, so `unchanged` lists those and not everything else the property has. */
function named(b: Bundle, settings: boolean): Record<ChangeKind, Set<string>> {
  const ids = (items: { id: string }[] | undefined) => new Set((items ?? []).map((x) => x.id));
  return {
    settings: new Set([
      ...(settings ? ['time_zone'] : []),
      ...(b.default_flow !== undefined ? ['default_flow'] : []),
    ]),
    sources: new Set(b.sources.map((x) => x.name)),
    schedules: ids(b.schedules),
    agents: ids(b.agents),
    audio: ids(b.audio),
    ring_groups: ids(b.ring_groups),
    voicemail_boxes: ids(b.voicemail_boxes),
    flows: new Set((b.flows ?? []).map((x) => x.name)),
    numbers: new Set(b.numbers.map((x) => x.number)),
  };
}

/**
 * The changes between the property before and after an apply, both read in the apply's own
 * transaction: the diff is of what was written, not a prediction of it, so a dry run (the same
 * writes, rolled back) reports exactly what the apply would do.
 */
export function diffSnapshots(
  before: ConfigSnapshot,
  after: ConfigSnapshot,
  bundle: Bundle,
  opts: { settings: boolean },
): BundleChanges {
  const [b, a, n] = [keyed(before), keyed(after), named(bundle, opts.settings)];
  let changed = false;
  const changes = {} as Record<ChangeKind, KindChanges>;
  for (const kind of CHANGE_KINDS) {
    const c: KindChanges = { created: [], updated: [], unchanged: [], removed: [] };
    for (const [key, now] of a[kind]) {
      const was = b[kind].get(key);
      // A setting that had no value (no default flow yet) is updated, not created.
      if (was === undefined) (kind === 'settings' ? c.updated : c.created).push(key);
      else if (canonicalJson(was) !== canonicalJson(now)) c.updated.push(key);
      else if (n[kind].has(key)) c.unchanged.push(key);
    }
    for (const key of b[kind].keys()) if (!a[kind].has(key)) c.removed.push(key);
    changed ||= c.created.length + c.updated.length + c.removed.length > 0;
    changes[kind] = c;
  }
  return { changed, changes };
}
