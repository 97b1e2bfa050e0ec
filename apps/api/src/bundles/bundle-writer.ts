import { Injectable } from '@nestjs/common';
import {
  CallFlowRepository,
  TrackingNumberRepository,
  TrackingSourceRepository,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { validateBody } from '../common/validation';
import { CallFlowsService } from '../call-flows/call-flows.service';
import { DefaultRoutingService } from '../default-routing/default-routing.service';
import { CreateTrackingNumberDto } from '../properties/dto';
import { PropertiesService } from '../properties/properties.service';
import { AgentsService } from '../resources/agents/agents.service';
import { AudioService } from '../resources/audio/audio.service';
import { RingGroupsService } from '../resources/ring-groups/ring-groups.service';
import { SchedulesService } from '../resources/schedules/schedules.service';
import { VoicemailBoxesService } from '../resources/voicemail-boxes/voicemail-boxes.service';
import type { CheckedBundle } from './bundle-check';
import { atPath, fieldsAt } from './bundle-paths';

/** What pruning needs of a resource kind's service: its list and its delete. */
interface PrunableResources {
  list(propertyId: string, tx?: Tx): Promise<{ id: string }[]>;
  remove(propertyId: string, id: string, tx?: Tx): Promise<void>;
}
/** A tracking number's API fields as a bundle names them. */
const NUMBER_FIELDS: Record<string, string> = {
  sourceId: 'source',
  forwardTo: 'forward_to',
  greetingText: 'greeting.text',
  greetingAudioUrl: 'greeting.audio_url',
  callFlowId: 'flow',
};
const numberField = (f: string) => NUMBER_FIELDS[f] ?? f;

/** The property's own setting as the bundle names it. */
const propertyField = (f: string) => (f === 'timeZone' ? 'time_zone' : f);

export interface WriteOptions {
  /** Apply the bundle's time zone (an import leaves the target's settings alone). */
  settings: boolean;
  /** Remove the schedules, agents, audio, ring groups and voicemail boxes the bundle does not list. */
  prune: boolean;
}

/**
 * Writes a checked bundle inside one transaction through the same services (and so the same
 * rules) as the REST endpoints: each kind before the kinds that name it (agents and audio before
 * ring groups and boxes, all resources before flows, flows before numbers and the default flow).
 * Every failure names the item's place in the bundle and leaves the transaction to roll back.
 */
@Injectable()
export class BundleWriter {
  constructor(
    private readonly sourceRows: TrackingSourceRepository,
    private readonly numberRows: TrackingNumberRepository,
    private readonly flowRows: CallFlowRepository,
    private readonly properties: PropertiesService,
    private readonly schedules: SchedulesService,
    private readonly agents: AgentsService,
    private readonly audio: AudioService,
    private readonly ringGroups: RingGroupsService,
    private readonly boxes: VoicemailBoxesService,
    private readonly flows: CallFlowsService,
    private readonly defaultRouting: DefaultRoutingService,
  ) {}

  async write(tx: Tx, propertyId: string, c: CheckedBundle, opts: WriteOptions): Promise<void> {
    if (opts.settings)
      await atPath(
        'property',
        () => this.properties.updateProperty(propertyId, { timeZone: c.timeZone }, tx),
        propertyField,
      );

    // Sources are matched by name and never removed: a source is attribution history. An existing
    // one takes the bundle's DNI rules and priority when it gives them.
    const sources = await this.sourceRows.list(propertyId, tx);
    const byName = new Map(sources.map((s) => [s.name, s]));
    const sourceIds = new Map(sources.map((s) => [s.name, s.id]));
    for (const [i, dto] of c.sources.entries()) {
      if (dto.name === undefined) continue;
      const existing = byName.get(dto.name);
      if (existing) {
        const { dniRules, priority, lastTouch } = dto;
        if (dniRules !== undefined || priority !== undefined || lastTouch !== undefined)
          await atPath(`sources[${i}]`, () =>
            this.properties.updateSource(propertyId, existing.id, { dniRules, priority, lastTouch }, tx),
          );
        continue;
      }
      const s = await atPath(`sources[${i}]`, () => this.properties.createSource(propertyId, dto, tx));
      sourceIds.set(s.name, s.id);
    }

    for (const [i, dto] of c.schedules.entries())
      await atPath(`schedules[${i}]`, () => this.schedules.save(propertyId, dto, 'replace', dto.id, tx));
    for (const [i, dto] of c.agents.entries())
      await atPath(`agents[${i}]`, () => this.agents.save(propertyId, dto, 'replace', dto.id, tx));
    for (const [i, dto] of c.audio.entries())
      await atPath(`audio[${i}]`, () => this.audio.save(propertyId, dto, 'replace', dto.id, tx));
    for (const [i, dto] of c.ringGroups.entries())
      await atPath(`ring_groups[${i}]`, () => this.ringGroups.save(propertyId, dto, 'replace', dto.id, tx));
    for (const [i, dto] of c.voicemailBoxes.entries())
      await atPath(`voicemail_boxes[${i}]`, () => this.boxes.save(propertyId, dto, 'replace', dto.id, tx));

    for (const [i, dto] of c.flows.entries())
      await atPath(`flows[${i}]`, () => this.flows.saveByName(propertyId, dto.name, dto.definition, tx));
    // Numbers and the default flow may name the bundle's flows or ones the property already has.
    const flows = await this.flowRows.list(propertyId, tx);
    const flowIds = new Map(flows.map((f) => [f.name, f.id]));

    await this.writeNumbers(tx, propertyId, c, sourceIds, flowIds);

    if (c.bundle.default_flow !== undefined) {
      const flowId = flowIds.get(c.bundle.default_flow);
      if (!flowId)
        throw ApiError.invalid([
          {
            field: 'default_flow',
            message: `"${c.bundle.default_flow}" is not a flow of the bundle or the property`,
          },
        ]);
      await atPath(
        'default_flow',
        () => this.defaultRouting.set(propertyId, flowId, tx),
        () => '',
      );
    }

    if (opts.prune) await this.prune(tx, propertyId, c);
  }

  private async writeNumbers(
    tx: Tx,
    propertyId: string,
    c: CheckedBundle,
    sourceIds: Map<string, string>,
    flowIds: Map<string, string>,
  ): Promise<void> {
    const rows = await this.numberRows.list(propertyId, {}, tx);
    const existing = new Map(rows.map((r) => [r.number, r]));
    for (const [i, n] of c.bundle.numbers.entries()) {
      const at = `numbers[${i}]`;
      const sourceId = sourceIds.get(n.source);
      if (!sourceId)
        throw ApiError.invalid([
          { field: `${at}.source`, message: `"${n.source}" is not a source of the bundle or the property` },
        ]);
      const callFlowId = n.flow === undefined ? null : flowIds.get(n.flow);
      if (callFlowId === undefined)
        throw ApiError.invalid([
          { field: `${at}.flow`, message: `"${n.flow}" is not a flow of the bundle or the property` },
        ]);
      const { value: dto, errors } = await validateBody(CreateTrackingNumberDto, {
        number: n.number,
        sourceId,
        callFlowId,
        forwardTo: n.forward_to,
        greetingText: n.greeting && 'text' in n.greeting ? n.greeting.text : null,
        greetingAudioUrl: n.greeting && 'audio_url' in n.greeting ? n.greeting.audio_url : null,
      });
      if (errors.length) throw ApiError.invalid(fieldsAt(at, errors, numberField));
      const row = existing.get(dto.number);
      // A number another property has is a 409 from the create, as on POST …/tracking-numbers.
      if (!row)
        await atPath(at, () => this.properties.createTrackingNumber(propertyId, dto, tx), numberField);
      else {
        const { number: _n, ...changes } = dto;
        await atPath(
          at,
          () =>
            this.properties.updateTrackingNumber(
              propertyId,
              row.id,
              {
                ...changes,
                greetingText: dto.greetingText ?? null,
                greetingAudioUrl: dto.greetingAudioUrl ?? null,
              },
              tx,
            ),
          numberField,
        );
      }
    }
  }

  /**
   * Removes what the bundle does not list, users before what they use (boxes and ring groups use
   * agents and audio), through each service's delete and its "still used?" rule: a resource a
   * flow the bundle leaves alone still names is a 409, and nothing is removed.
   */
  private async prune(tx: Tx, propertyId: string, c: CheckedBundle): Promise<void> {
    const kinds: [string, { id?: string }[], PrunableResources][] = [
      ['voicemail_boxes', c.voicemailBoxes, this.boxes],
      ['ring_groups', c.ringGroups, this.ringGroups],
      ['schedules', c.schedules, this.schedules],
      ['audio', c.audio, this.audio],
      ['agents', c.agents, this.agents],
    ];
    for (const [kind, listed, service] of kinds) {
      const keep = new Set(listed.map((x) => x.id));
      for (const { id } of await service.list(propertyId, tx))
        if (!keep.has(id))
          await atPath(
            kind,
            () => service.remove(propertyId, id, tx),
            () => '',
          );
    }
  }
}
