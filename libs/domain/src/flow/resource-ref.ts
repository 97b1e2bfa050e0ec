/** The property resources other things name by id (flows, ring groups, voicemail boxes). */
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
