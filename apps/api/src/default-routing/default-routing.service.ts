import { Injectable } from '@nestjs/common';
import {
  CallFlowRepository,
  DefaultRoutingRepository,
  TrackingSourceRepository,
  Transactions,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { checkFlowOfProperty } from '../properties/flow-of-property';
import { PropertiesService } from '../properties/properties.service';
import type { DefaultRoutingResult, DefaultRoutingView } from './default-routing.view';
import type { ApplyDefaultRoutingDto } from './dto';

/**
 * A property's default call flow, and giving it to the property's tracking numbers in one go.
 * Both hold the property's lock, so numbers are never assigned a default that is being changed.
 */
@Injectable()
export class DefaultRoutingService {
  constructor(
    private readonly properties: PropertiesService,
    private readonly routing: DefaultRoutingRepository,
    private readonly flows: CallFlowRepository,
    private readonly sources: TrackingSourceRepository,
    private readonly transactions: Transactions,
  ) {}

  private async view(callFlowId: string | null, tx?: Tx): Promise<DefaultRoutingView> {
    const flow = callFlowId ? await this.flows.byId(callFlowId, tx) : null;
    return { callFlowId: flow?.id ?? null, callFlowName: flow?.name ?? null };
  }

  async get(propertyId: string): Promise<DefaultRoutingView> {
    const p = await this.properties.getProperty(propertyId);
    return this.view(p.defaultCallFlowId);
  }

  /** Sets (null: clears) the default flow; `tx` runs it in the caller's transaction (a bundle). */
  async set(propertyId: string, callFlowId: string | null, tx?: Tx): Promise<DefaultRoutingView> {
    return this.transactions.within(tx, async (t) => {
      await this.properties.lockProperty(propertyId, t);
      await checkFlowOfProperty(this.flows, propertyId, callFlowId, t);
      await this.routing.setDefault(propertyId, callFlowId, t);
      return this.view(callFlowId, t);
    });
  }

  /**
   * Gives the default flow to every tracking number of the property (or only those without a
   * flow, or only those of some sources) in one transaction, and says which numbers changed.
   * Numbers already on the default flow are not changes. A dry run only lists them.
   */
  async apply(propertyId: string, dto: ApplyDefaultRoutingDto): Promise<DefaultRoutingResult> {
    return this.transactions.run(async (tx) => {
      const p = await this.properties.lockProperty(propertyId, tx);
      const callFlowId = p.defaultCallFlowId;
      if (!callFlowId)
        throw ApiError.conflict(
          'callFlowId',
          'the property has no default call flow; set one with PUT /v1/properties/{propertyId}/default-routing',
        );
      if (dto.sourceIds) await this.checkSources(propertyId, dto.sourceIds, tx);
      const changes = await this.routing.offFlow(
        propertyId,
        callFlowId,
        { unassigned: dto.onlyUnassigned, sourceIds: dto.sourceIds },
        tx,
      );
      const dryRun = dto.dryRun ?? false;
      if (!dryRun && changes.length)
        await this.routing.assign(
          changes.map((c) => c.numberId),
          callFlowId,
          tx,
        );
      return { callFlowId, dryRun, changes };
    });
  }

  private async checkSources(propertyId: string, sourceIds: string[], tx: Tx): Promise<void> {
    const own = new Set((await this.sources.list(propertyId, tx)).map((s) => s.id));
    const errors = sourceIds.flatMap((id, i) =>
      own.has(id.toLowerCase())
        ? []
        : [{ field: `sourceIds[${i}]`, message: `${id} is not a source of this property` }],
    );
    if (errors.length) throw ApiError.invalid(errors);
  }
}
