import type {
  Bundle,
  BundleAgent,
  BundleAudio,
  BundleFlow,
  BundleNumber,
  BundleProperty,
  BundleRingGroup,
  BundleSchedule,
  BundleSource,
  BundleVoicemailBox,
} from './bundle.types';

/** An audio file as a snapshot holds it: its bytes by hash, read only when exporting. */
export interface SnapshotAudio {
  id: string;
  name: string;
  contentType: BundleAudio['contentType'];
  sha256: string;
}

/**
 * A property's configuration as bundle items, in a fixed order (resources by id, sources and flows
 * by name, numbers by number) with jsonb documents' keys sorted, so equal configurations give
 * equal snapshots. It also holds what an export leaves out: agents' availability, ring groups'
 * rotation (their state, which a bundle may set) and audio hashes instead of bytes, so comparing
 * two snapshots (an apply's diff) sees every change a bundle can make.
 */
export interface ConfigSnapshot {
  property: BundleProperty;
  default_flow?: string;
  sources: BundleSource[];
  schedules: BundleSchedule[];
  agents: (BundleAgent & { available: boolean })[];
  audio: SnapshotAudio[];
  ring_groups: (BundleRingGroup & { rotationPointer: number })[];
  voicemail_boxes: BundleVoicemailBox[];
  flows: BundleFlow[];
  numbers: BundleNumber[];
}

/** The published bundle: the snapshot without state, with each audio file's bytes inline. */
export async function snapshotToBundle(
  s: ConfigSnapshot,
  contentOf: (audioId: string) => Promise<Buffer>,
): Promise<Bundle> {
  const audio: BundleAudio[] = [];
  for (const a of s.audio)
    audio.push({
      id: a.id,
      name: a.name,
      contentType: a.contentType,
      contentBase64: (await contentOf(a.id)).toString('base64'),
    });
  return {
    property: s.property,
    sources: s.sources,
    schedules: s.schedules,
    agents: s.agents.map(({ available: _a, ...a }) => a),
    audio,
    ring_groups: s.ring_groups.map(({ rotationPointer: _r, ...g }) => g),
    voicemail_boxes: s.voicemail_boxes,
    flows: s.flows,
    ...(s.default_flow !== undefined ? { default_flow: s.default_flow } : {}),
    numbers: s.numbers,
  };
}
