import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AudioFileEntity,
  managerOf,
  PropertyEntity,
  TrackingNumberEntity,
  TrackingSourceEntity,
  type Tx,
} from '@switchboard/persistence';
import type {
  Bundle,
  BundleAgent,
  BundleRingGroup,
  BundleSchedule,
  BundleSource,
  BundleVoicemailBox,
} from '@switchboard/scenarios';
import { sortKeys } from '../common/canonical-json';
import { CallFlowsService } from '../call-flows/call-flows.service';
import { AgentsService } from '../resources/agents/agents.service';
import { RingGroupsService } from '../resources/ring-groups/ring-groups.service';
import { SchedulesService } from '../resources/schedules/schedules.service';
import { VoicemailBoxesService } from '../resources/voicemail-boxes/voicemail-boxes.service';

export type BundleNumber = Bundle['numbers'][number];

/** An audio file as the snapshot holds it: its bytes by hash, read only when exporting. */
export interface SnapshotAudio {
  id: string;
  name: string;
  contentType: 'audio/mpeg' | 'audio/wav' | 'audio/x-wav';
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
  property: { name: string; time_zone: string };
  default_flow?: string;
  sources: BundleSource[];
  schedules: BundleSchedule[];
  agents: (BundleAgent & { available: boolean })[];
  audio: SnapshotAudio[];
  ring_groups: (BundleRingGroup & { rotationPointer: number })[];
  voicemail_boxes: BundleVoicemailBox[];
  flows: { name: string; definition: unknown }[];
  numbers: BundleNumber[];
}

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

/** Reads snapshots with the resource services' own row-to-body mapping (their list views). */
@Injectable()
export class ConfigSnapshotReader {
  constructor(
    private readonly ds: DataSource,
    private readonly schedules: SchedulesService,
    private readonly agents: AgentsService,
    private readonly ringGroups: RingGroupsService,
    private readonly boxes: VoicemailBoxesService,
    private readonly flows: CallFlowsService,
  ) {}

  /** Reads inside `tx`, so an apply sees its own uncommitted writes. */
  async read(tx: Tx, propertyId: string): Promise<ConfigSnapshot> {
    const m = managerOf(this.ds, tx);
    const property = await m.getRepository(PropertyEntity).findOneOrFail({ where: { id: propertyId } });
    // One after another: the queries share the transaction's connection.
    const schedules = await this.schedules.list(propertyId, tx);
    const agents = await this.agents.list(propertyId, tx);
    const audio = await m.getRepository(AudioFileEntity).find({ where: { propertyId } });
    const ringGroups = await this.ringGroups.list(propertyId, tx);
    const boxes = await this.boxes.list(propertyId, tx);
    const flows = await this.flows.currentDefinitions(propertyId, tx);
    const sources = await m.getRepository(TrackingSourceEntity).find({ where: { propertyId } });
    const numbers = await m.getRepository(TrackingNumberEntity).find({ where: { propertyId } });
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
      flows: flows.map((f) => ({ name: f.name, definition: sortKeys(f.definition) })).sort(byName),
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

/** The published bundle: the snapshot without state, with each audio file's bytes inline. */
export async function snapshotToBundle(
  s: ConfigSnapshot,
  contentOf: (audioId: string) => Promise<Buffer>,
): Promise<Bundle> {
  const audio = [];
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
