import type { DataSource } from 'typeorm';
import type { CallFlow } from '@switchboard/domain';
import { CallFlowEntity, CallFlowVersionEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** A flow row with the version a read or write is about. */
export interface FlowWithVersion {
  f: CallFlowEntity;
  v: CallFlowVersionEntity;
}

/** Call flows and their immutable versions. */
export class CallFlowRepository {
  constructor(private readonly ds: DataSource) {}

  private flows(tx?: Tx) {
    return managerOf(this.ds, tx).getRepository(CallFlowEntity);
  }

  private versionRows(tx?: Tx) {
    return managerOf(this.ds, tx).getRepository(CallFlowVersionEntity);
  }

  /** A flow by id alone (the property's default names it so). */
  byId(flowId: string, tx?: Tx): Promise<CallFlowEntity | null> {
    return this.flows(tx).findOne({ where: { id: flowId } });
  }

  find(propertyId: string, flowId: string, tx?: Tx): Promise<CallFlowEntity | null> {
    return this.flows(tx).findOne({ where: { id: flowId, propertyId } });
  }

  /** The flow, locked for the rest of the transaction: concurrent saves get consecutive versions. */
  lockForUpdate(propertyId: string, flowId: string, tx: Tx): Promise<CallFlowEntity | null> {
    return this.flows(tx).findOne({ where: { id: flowId, propertyId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The property's flow named `name`, locked as lockForUpdate. */
  lockByName(propertyId: string, name: string, tx: Tx): Promise<CallFlowEntity | null> {
    return this.flows(tx).findOne({ where: { propertyId, name }, lock: { mode: 'pessimistic_write' } });
  }

  exists(propertyId: string, flowId: string, tx?: Tx): Promise<boolean> {
    return this.flows(tx).exists({ where: { id: flowId, propertyId } });
  }

  /** The property's flows, oldest first. */
  list(propertyId: string, tx?: Tx): Promise<CallFlowEntity[]> {
    return this.flows(tx).find({ where: { propertyId }, order: { createdAt: 'ASC' } });
  }

  version(flowId: string, version: number, tx?: Tx): Promise<CallFlowVersionEntity | null> {
    return this.versionRows(tx).findOne({ where: { flowId, version } });
  }

  /** Every version's number and time, oldest first. */
  async versions(flowId: string): Promise<{ version: number; createdAt: Date }[]> {
    const rows = await this.versionRows().find({
      where: { flowId },
      order: { version: 'ASC' },
      select: { version: true, createdAt: true },
    });
    return rows.map((r) => ({ version: r.version, createdAt: r.createdAt }));
  }

  /** Every flow of the property with its current version's definition, by name. */
  currentDefinitions(
    propertyId: string,
    tx?: Tx,
  ): Promise<{ id: string; name: string; definition: CallFlow }[]> {
    return managerOf(this.ds, tx).query(
      `SELECT f.id, f.name, v.definition
         FROM call_flows f JOIN call_flow_versions v ON v.flow_id = f.id AND v.version = f.current_version
        WHERE f.property_id = $1 ORDER BY f.name`,
      [propertyId],
    );
  }

  /** A new flow at version 1. */
  async insert(propertyId: string, name: string, definition: CallFlow, tx?: Tx): Promise<FlowWithVersion> {
    const f = await this.flows(tx).save(this.flows(tx).create({ propertyId, name, currentVersion: 1 }));
    const v = await this.versionRows(tx).save(
      this.versionRows(tx).create({ flowId: f.id, version: 1, definition }),
    );
    return { f, v };
  }

  /** The next version of `f`, renamed when `name` is given; `f` must be locked (lockForUpdate). */
  async addVersion(
    f: CallFlowEntity,
    definition: CallFlow,
    name?: string,
    tx?: Tx,
  ): Promise<FlowWithVersion> {
    f.currentVersion += 1;
    if (name !== undefined) f.name = name;
    const saved = await this.flows(tx).save(f);
    const v = await this.versionRows(tx).save(
      this.versionRows(tx).create({ flowId: f.id, version: f.currentVersion, definition }),
    );
    return { f: saved, v };
  }

  /** What routes calls to the flow: its tracking numbers, and `default routing` for the property's default. */
  async users(flowId: string, tx?: Tx): Promise<string[]> {
    const rows: { number: string }[] = await managerOf(this.ds, tx).query(
      `SELECT number FROM tracking_numbers WHERE call_flow_id = $1
       UNION ALL SELECT 'default routing' FROM properties WHERE default_call_flow_id = $1`,
      [flowId],
    );
    return rows.map((r) => r.number);
  }

  /** Deletes the flow and its versions. */
  async delete(flowId: string, tx?: Tx): Promise<void> {
    await this.flows(tx).delete({ id: flowId });
  }
}
