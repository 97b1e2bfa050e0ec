import type { EntityManager } from 'typeorm';
import {
  flowResources,
  ringGroupResources,
  voicemailBoxResources,
  type CallFlow,
  type ResourceKind,
  type ResourceRef,
} from '@switchboard/domain';
import { countVoicemailMessages, type StoredRingGroup } from '@switchboard/persistence';
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
 * What uses a resource: the current versions of the property's call flows (older versions only
 * serve calls already running, which resolved their resources at start), its ring groups and its
 * voicemail boxes, and for a box the messages in it. Each as `call flow "Main line"`, for the 409 message.
 */
async function usersOf(m: EntityManager, propertyId: string, ref: ResourceRef): Promise<string[]> {
  const flows: { name: string; definition: CallFlow }[] = await m.query(
    `SELECT f.name, v.definition
       FROM call_flows f JOIN call_flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
      WHERE f.property_id = $1 ORDER BY f.name`,
    [propertyId],
  );
  const groups: { id: string; definition: StoredRingGroup }[] = await m.query(
    `SELECT id, definition FROM ring_groups WHERE property_id = $1 ORDER BY id`,
    [propertyId],
  );
  const boxes: { id: string; agentId: string | null; greeting: unknown }[] = await m.query(
    `SELECT id, agent_id AS "agentId", greeting FROM voicemail_boxes WHERE property_id = $1 ORDER BY id`,
    [propertyId],
  );
  // What names what is libs/domain's (each step kind's descriptor, ring groups', boxes').
  const names = (refs: ResourceRef[]) => refs.some((r) => r.kind === ref.kind && r.id === ref.id);
  // A box's messages would be out of reach without it (the api reads them through their box).
  const messages = ref.kind === 'voicemail_box' ? await countVoicemailMessages(m, propertyId, ref.id) : 0;
  return [
    ...flows.filter((f) => names(flowResources(f.definition))).map((f) => `call flow "${f.name}"`),
    ...groups.filter((g) => names(ringGroupResources(g.definition))).map((g) => `ring group "${g.id}"`),
    ...boxes.filter((b) => names(voicemailBoxResources(b))).map((b) => `voicemail box "${b.id}"`),
    ...(messages ? [`${messages} voicemail message${messages > 1 ? 's' : ''}`] : []),
  ];
}

/** 409 naming everything that still uses the resource; call it with the property locked. */
export async function refuseIfUsed(m: EntityManager, propertyId: string, ref: ResourceRef): Promise<void> {
  const users = await usersOf(m, propertyId, ref);
  if (users.length === 0) return;
  throw ApiError.conflict(
    'id',
    `${RESOURCE_LABELS[ref.kind]} "${ref.id}" is used by ${users.join(', ')}; change or delete ${users.length > 1 ? 'those' : 'that'} first`,
  );
}
