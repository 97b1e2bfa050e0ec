import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CallFlowEntity,
  managerOf,
  PropertyEntity,
  TrackingSourceEntity,
  Transactions,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { lockProperty } from '../common/property-lock';
import { checkFlowOfProperty } from '../properties/flow-of-property';
import type { DefaultRoutingResult, DefaultRoutingView, RoutingChange } from './default-routing.view';
import type { ApplyDefaultRoutingDto } from './dto';

/**
 * A property's default call flow, and giving it to the property's tracking numbers in one go.
 * Both hold the property's lock, so numbers are never assigned a default that is being changed.
 */
@Injectable()
export class DefaultRoutingService {
  constructor(
    private readonly ds: DataSource,
    private readonly transactions: Transactions,
  ) {}

  private async view(m: EntityManager, callFlowId: string | null): Promise<DefaultRoutingView> {
    const flow = callFlowId
      ? await m.getRepository(CallFlowEntity).findOne({ where: { id: callFlowId } })
      : null;
    return { callFlowId: flow?.id ?? null, callFlowName: flow?.name ?? null };
  }

  async get(propertyId: string): Promise<DefaultRoutingView> {
    const p = await this.ds.getRepository(PropertyEntity).findOne({ where: { id: propertyId } });
    if (!p) throw ApiError.notFound('property', propertyId);
    return this.view(this.ds.manager, p.defaultCallFlowId);
  }

  /** Sets (null: clears) the default flow; `tx` runs it in the caller's transaction (a bundle). */
  async set(propertyId: string, callFlowId: string | null, tx?: Tx): Promise<DefaultRoutingView> {
    if (!tx) return this.transactions.run((t) => this.set(propertyId, callFlowId, t));
    const m = managerOf(this.ds, tx);
    await lockProperty(m, propertyId);
    await checkFlowOfProperty(m, propertyId, callFlowId);
    await m.query(`UPDATE properties SET default_call_flow_id = $2 WHERE id = $1`, [propertyId, callFlowId]);
    return this.view(m, callFlowId);
  }

  /**
   * Gives the default flow to every tracking number of the property (or only those without a
   * flow, or only those of some sources) in one transaction, and says which numbers changed.
   * Numbers already on the default flow are not changes. A dry run only lists them.
   */
  async apply(propertyId: string, dto: ApplyDefaultRoutingDto): Promise<DefaultRoutingResult> {
    return this.ds.transaction(async (m) => {
      const p = await lockProperty(m, propertyId);
      const callFlowId = p.defaultCallFlowId;
      if (!callFlowId)
        throw ApiError.conflict(
          'callFlowId',
          'the property has no default call flow; set one with PUT /v1/properties/{propertyId}/default-routing',
        );
      if (dto.sourceIds) await this.checkSources(m, propertyId, dto.sourceIds);
      const params: unknown[] = [propertyId, callFlowId];
      let sql = `SELECT id AS "numberId", number, source_id AS "sourceId", call_flow_id AS "previousCallFlowId"
                   FROM tracking_numbers
                  WHERE property_id = $1 AND call_flow_id IS DISTINCT FROM $2`;
      if (dto.onlyUnassigned) sql += ` AND call_flow_id IS NULL`;
      if (dto.sourceIds) {
        params.push(dto.sourceIds);
        sql += ` AND source_id = ANY($3::uuid[])`;
      }
      const changes: RoutingChange[] = await m.query(`${sql} ORDER BY number FOR UPDATE`, params);
      const dryRun = dto.dryRun ?? false;
      if (!dryRun && changes.length)
        await m.query(`UPDATE tracking_numbers SET call_flow_id = $1 WHERE id = ANY($2::uuid[])`, [
          callFlowId,
          changes.map((c) => c.numberId),
        ]);
      return { callFlowId, dryRun, changes };
    });
  }

  private async checkSources(m: EntityManager, propertyId: string, sourceIds: string[]): Promise<void> {
    const own = new Set(
      (await m.getRepository(TrackingSourceEntity).find({ where: { propertyId }, select: { id: true } })).map(
        (s) => s.id,
      ),
    );
    const errors = sourceIds.flatMap((id, i) =>
      own.has(id.toLowerCase())
        ? []
        : [{ field: `sourceIds[${i}]`, message: `${id} is not a source of this property` }],
    );
    if (errors.length) throw ApiError.invalid(errors);
  }
}
