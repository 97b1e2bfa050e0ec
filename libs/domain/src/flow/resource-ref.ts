import type { RingGroup } from '../ring/ring-group-model';

/**
 * The property resources other things name by id (flows, ring groups, voicemail boxes). What names
 * what is said here (and for flows by each step kind's descriptor, see stepResources), for the api's
 * "still used?" check before a delete.
 */
export type ResourceKind = 'schedule' | 'agent' | 'ring_group' | 'audio' | 'voicemail_box';

export interface ResourceRef {
  readonly kind: ResourceKind;
  readonly id: string;
}

/** The audio file a prompt plays, if any. Takes stored data as it is: anything else names nothing. */
export function promptResources(prompt: unknown): ResourceRef[] {
  const p = prompt as { kind?: unknown; audioId?: unknown } | null | undefined;
  return p?.kind === 'audio' && typeof p.audioId === 'string' ? [{ kind: 'audio', id: p.audioId }] : [];
}

/** What a ring group names: its members' agents, and the audio of its whisper and of its hold music. */
export function ringGroupResources(
  g: Pick<RingGroup, 'whisper' | 'callerHears'> & {
    readonly members: readonly { readonly agentId: string }[];
  },
): ResourceRef[] {
  return [
    ...g.members.map((m): ResourceRef => ({ kind: 'agent', id: m.agentId })),
    ...promptResources(g.whisper),
    ...(g.callerHears.kind === 'hold_audio' ? promptResources(g.callerHears.prompt) : []),
  ];
}

/** What a voicemail box names: the agent it belongs to, and its greeting's audio. */
export function voicemailBoxResources(b: {
  readonly agentId: string | null;
  readonly greeting: unknown;
}): ResourceRef[] {
  return [...(b.agentId ? [{ kind: 'agent' as const, id: b.agentId }] : []), ...promptResources(b.greeting)];
}
