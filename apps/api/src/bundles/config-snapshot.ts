import { Injectable } from '@nestjs/common';
import type {
  BundleFlow,
  BundleRingGroup,
  BundleSchedule,
  BundleSource,
  ConfigSnapshot,
  SnapshotAudio,
} from '@switchboard/bundle';
import { sortKeys } from '@switchboard/domain';
import {
  AudioRepository,
  CallFlowRepository,
  PropertyRepository,
  TrackingNumberRepository,
  TrackingSourceRepository,
  type Tx,
} from '@switchboard/persistence';
import { AgentsService } from '../resources/agents/agents.service';
import { RingGroupsService } from '../resources/ring-groups/ring-groups.service';
import { SchedulesService } from '../resources/schedules/schedules.service';
import { VoicemailBoxesService } from '../resources/voicemail-boxes/voicemail-boxes.service';

/** A view without the columns every row has (they are not configuration). */
function item<T extends { propertyId: string; createdAt: Date; updatedAt: Date; warnings?: unknown }>(
  view: T,
): Omit<T, 'propertyId' | 'createdAt' | 'updatedAt' | 'warnings'> {
  const { propertyId: _p, createdAt: _c, updatedAt: _u, warnings: _w, ...rest } = view;
  return rest;
}

/** `id` and `name` first, the rest in sorted order. */
function ordered<T extends { id: string; name: string }>(x: T): T {
  const { id, name, ...rest } = x;
  return { id, name, ...sortKeys(rest) } as T;
}

/** Code-point order, not the database's collation: the same on every server. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { name: string }, b: { name: string }) => compare(a.name, b.name);
const byId = (a: { id: string }, b: { id: string }) => compare(a.id, b.id);

/**
 * Reads snapshots (libs/bundle's ConfigSnapshot) with the resource services' own row-to-body
 * mapping (their list views).
 */
@Injectable()
export class ConfigSnapshotReader {
  constructor(
    private readonly properties: PropertyRepository,
    private readonly audioFiles: AudioRepository,
    private readonly flows: CallFlowRepository,
    private readonly sources: TrackingSourceRepository,
    private readonly numbers: TrackingNumberRepository,
    private readonly schedules: SchedulesService,
    private readonly agents: AgentsService,
    private readonly ringGroups: RingGroupsService,
    private readonly boxes: VoicemailBoxesService,
  ) {}

  /** Reads inside `tx`, so an apply sees its own uncommitted writes; null when there is no such property. */
  async read(propertyId: string, tx: Tx): Promise<ConfigSnapshot | null> {
    const property = await this.properties.find(propertyId, tx);
    if (!property) return null;
    // One after another: the queries share the transaction's connection.
    const schedules = await this.schedules.list(propertyId, tx);
    const agents = await this.agents.list(propertyId, tx);
    const audio = await this.audioFiles.list(propertyId, tx);
    const ringGroups = await this.ringGroups.list(propertyId, tx);
    const boxes = await this.boxes.list(propertyId, tx);
    const flows = await this.flows.currentDefinitions(propertyId, tx);
    const sources = await this.sources.list(propertyId, tx);
    const numbers = await this.numbers.list(propertyId, {}, tx);
    const sourceNames = new Map(sources.map((s) => [s.id, s.name]));
    const flowNames = new Map(flows.map((f) => [f.id, f.name]));
    const defaultFlow = property.defaultCallFlowId ? flowNames.get(property.defaultCallFlowId) : undefined;
    return {
      property: { name: property.name, time_zone: property.timeZone },
      ...(defaultFlow !== undefined ? { default_flow: defaultFlow } : {}),
      sources: sources
        .map((s): BundleSource => ({
          name: s.name,
          ...(s.standardKey !== null ? { standardKey: s.standardKey } : {}),
          dniRules: s.dniRules as BundleSource['dniRules'],
          priority: s.priority,
          ...(s.lastTouch ? { lastTouch: true } : {}),
        }))
        .sort(byName),
      schedules: schedules.map((s) => ordered(item(s) as BundleSchedule)).sort(byId),
      agents: agents.map((a) => ordered(item(a))).sort(byId),
      audio: audio
        .map((a) => ({
          id: a.id,
          name: a.name,
          contentType: a.contentType as SnapshotAudio['contentType'],
          sha256: a.sha256,
        }))
        .sort(byId),
      ring_groups: ringGroups
        .map((g) => ordered(item(g) as BundleRingGroup & { rotationPointer: number }))
        .sort(byId),
      voicemail_boxes: boxes
        .map((b) => {
          const { agentId, greeting, notifyWebhookUrl, notifyEmails, ...rest } = item(b);
          // Absent and null mean the same to an apply; the export leaves them out.
          return ordered({
            ...rest,
            ...(agentId !== null ? { agentId } : {}),
            ...(greeting !== null ? { greeting } : {}),
            ...(notifyWebhookUrl !== null ? { notifyWebhookUrl } : {}),
            ...(notifyEmails.length ? { notifyEmails } : {}),
          });
        })
        .sort(byId),
      flows: flows
        .map((f) => ({ name: f.name, definition: sortKeys(f.definition) as BundleFlow['definition'] }))
        .sort(byName),
      numbers: numbers
        .map((n) => ({
          number: n.number,
          source: sourceNames.get(n.sourceId) ?? '',
          // A number whose flow handles calls has no forwarding destination ('' in the column).
          ...(n.forwardTo ? { forward_to: n.forwardTo } : {}),
          ...(n.greetingText !== null
            ? { greeting: { text: n.greetingText } }
            : n.greetingAudioUrl !== null
              ? { greeting: { audio_url: n.greetingAudioUrl } }
              : {}),
          ...(n.callFlowId && flowNames.has(n.callFlowId) ? { flow: flowNames.get(n.callFlowId) } : {}),
        }))
        .sort((a, b) => compare(a.number, b.number)),
    };
  }
}
