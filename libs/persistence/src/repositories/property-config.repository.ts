import type { DataSource } from 'typeorm';
import type { CallFlow, ResourceKind } from '@switchboard/domain';
import {
  AgentEntity,
  AudioFileEntity,
  CallFlowEntity,
  PropertyEntity,
  RingGroupEntity,
  ScheduleEntity,
  TrackingNumberEntity,
  TrackingSourceEntity,
  VoicemailBoxEntity,
} from '../entities';
import { managerOf, type Tx } from '../transaction';

/** The table of each kind of property resource. */
const RESOURCE_ENTITIES = {
  schedule: ScheduleEntity,
  agent: AgentEntity,
  ring_group: RingGroupEntity,
  audio: AudioFileEntity,
  voicemail_box: VoicemailBoxEntity,
} as const satisfies Record<ResourceKind, unknown>;

/** A call flow's current version, by the flow's id and name. */
export interface CurrentFlow {
  id: string;
  name: string;
  definition: CallFlow;
}

/**
 * A property's configuration rows as a bundle reads them (an export, the snapshots an apply
 * compares, the names an apply matches items on). Each read takes the caller's transaction, so an
 * apply sees its own writes before they commit.
 */
export class PropertyConfigRepository {
  constructor(private readonly ds: DataSource) {}

  property(propertyId: string, tx?: Tx): Promise<PropertyEntity | null> {
    return managerOf(this.ds, tx)
      .getRepository(PropertyEntity)
      .findOne({ where: { id: propertyId } });
  }

  sources(propertyId: string, tx?: Tx): Promise<TrackingSourceEntity[]> {
    return managerOf(this.ds, tx).getRepository(TrackingSourceEntity).find({ where: { propertyId } });
  }

  numbers(propertyId: string, tx?: Tx): Promise<TrackingNumberEntity[]> {
    return managerOf(this.ds, tx).getRepository(TrackingNumberEntity).find({ where: { propertyId } });
  }

  /** The property's audio files, without their bytes. */
  audio(propertyId: string, tx?: Tx): Promise<AudioFileEntity[]> {
    return managerOf(this.ds, tx).getRepository(AudioFileEntity).find({ where: { propertyId } });
  }

  /** The ids of the property's resources of one kind. */
  async resourceIds(kind: ResourceKind, propertyId: string, tx?: Tx): Promise<string[]> {
    const rows = await managerOf(this.ds, tx)
      .getRepository<{ id: string; propertyId: string }>(RESOURCE_ENTITIES[kind])
      .find({ where: { propertyId }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** The property's call flows (their rows: names, ids, current version numbers). */
  flows(propertyId: string, tx?: Tx): Promise<CallFlowEntity[]> {
    return managerOf(this.ds, tx).getRepository(CallFlowEntity).find({ where: { propertyId } });
  }

  /** Every call flow of the property with its current version's definition, by name. */
  currentFlows(propertyId: string, tx?: Tx): Promise<CurrentFlow[]> {
    return managerOf(this.ds, tx).query<CurrentFlow[]>(
      `SELECT f.id, f.name, v.definition
         FROM call_flows f JOIN call_flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
        WHERE f.property_id = $1 ORDER BY f.name`,
      [propertyId],
    );
  }
}
