import { Injectable } from '@nestjs/common';
import {
  flowResources,
  promptResources,
  type CallFlow,
  type ResourceKind,
  type ResourceRef,
} from '@switchboard/domain';
import {
  CallFlowRepository,
  PropertyRepository,
  RingGroupRepository,
  VoicemailBoxRepository,
  VoicemailMessageRepository,
  type StoredRingGroup,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';

export type { ResourceKind, ResourceRef } from '@switchboard/domain';

export const RESOURCE_LABELS: Record<ResourceKind, string> = {
  schedule: 'schedule',
  agent: 'agent',
  ring_group: 'ring group',
  audio: 'audio file',
  voicemail_box: 'voicemail box',
};

/**
 * The resources a call flow names: each step's, as its kind's descriptor lists them, and its
 * recording disclosure's audio (libs/domain flowResources).
 */
export function flowRefs(flow: CallFlow): ResourceRef[] {
  return flowResources(flow);
}

export function ringGroupRefs(g: StoredRingGroup): ResourceRef[] {
  return [
    ...g.members.map((m): ResourceRef => ({ kind: 'agent', id: m.agentId })),
    ...promptResources(g.whisper),
    ...(g.callerHears.kind === 'hold_audio' ? promptResources(g.callerHears.prompt) : []),
  ];
}

export function voicemailBoxRefs(b: { agentId: string | null; greeting: unknown }): ResourceRef[] {
  return [...(b.agentId ? [{ kind: 'agent' as const, id: b.agentId }] : []), ...promptResources(b.greeting)];
}

/**
 * What uses a resource, for refusing to delete it: the current versions of the property's call
 * flows (older versions only serve calls already running, which resolved their resources at
 * start), its ring groups and its voicemail boxes, for a box the messages in it, and the
 * property's own default recording disclosure.
 */
@Injectable()
export class ResourceReferences {
  constructor(
    private readonly flows: CallFlowRepository,
    private readonly ringGroups: RingGroupRepository,
    private readonly boxes: VoicemailBoxRepository,
    private readonly messages: VoicemailMessageRepository,
    private readonly properties: PropertyRepository,
  ) {}

  /** Each user as `call flow "Main line"`, for the 409 message. */
  private async usersOf(propertyId: string, ref: ResourceRef, tx: Tx): Promise<string[]> {
    const flows = await this.flows.currentDefinitions(propertyId, tx);
    const groups = await this.ringGroups.list(propertyId, tx);
    const boxes = await this.boxes.list(propertyId, tx);
    const names = (refs: ResourceRef[]) => refs.some((r) => r.kind === ref.kind && r.id === ref.id);
    // A box's messages would be out of reach without it (the api reads them through their box).
    const messages = ref.kind === 'voicemail_box' ? await this.messages.count(propertyId, ref.id, tx) : 0;
    const property = await this.properties.find(propertyId, tx);
    return [
      ...(property && names(promptResources(property.recordingDisclosure))
        ? ["the property's default recording disclosure"]
        : []),
      ...flows.filter((f) => names(flowRefs(f.definition))).map((f) => `call flow "${f.name}"`),
      ...groups
        .filter((g) => names(ringGroupRefs(g.definition as StoredRingGroup)))
        .map((g) => `ring group "${g.id}"`),
      ...boxes.filter((b) => names(voicemailBoxRefs(b))).map((b) => `voicemail box "${b.id}"`),
      ...(messages ? [`${messages} voicemail message${messages > 1 ? 's' : ''}`] : []),
    ];
  }

  /** 409 naming everything that still uses the resource; call it with the property locked. */
  async refuseIfUsed(propertyId: string, ref: ResourceRef, tx: Tx): Promise<void> {
    const users = await this.usersOf(propertyId, ref, tx);
    if (users.length === 0) return;
    throw ApiError.conflict(
      'id',
      `${RESOURCE_LABELS[ref.kind]} "${ref.id}" is used by ${users.join(', ')}; change or delete ${users.length > 1 ? 'those' : 'that'} first`,
    );
  }
}
