import { Injectable } from '@nestjs/common';
import {
  DniSettingsRepository,
  NumberPoolRepository,
  PoolHoldRepository,
  TrackingSourceRepository,
  Transactions,
  type DniSettings,
  type ExhaustionPolicy,
  type Pool,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import type { CreatePoolDto, UpdateDniSettingsDto, UpdatePoolDto } from './dto';

/** A site origin as browsers send it: scheme, host and port, lower case, no path. */
function origin(value: string): string {
  return new URL(value).origin.toLowerCase();
}

/** A property's DNI settings and number pools (admin API, with a key). */
@Injectable()
export class DniSettingsService {
  constructor(
    private readonly dni: DniSettingsRepository,
    private readonly pools: NumberPoolRepository,
    private readonly holds: PoolHoldRepository,
    private readonly sources: TrackingSourceRepository,
    private readonly tx: Transactions,
  ) {}

  async settings(propertyId: string): Promise<DniSettings> {
    const settings = await this.dni.get(propertyId);
    if (!settings) throw ApiError.notFound('property', propertyId);
    return settings;
  }

  async updateSettings(propertyId: string, dto: UpdateDniSettingsDto): Promise<DniSettings> {
    const current = await this.settings(propertyId);
    await this.dni.update(propertyId, {
      allowedOrigins: dto.allowedOrigins
        ? [...new Set(dto.allowedOrigins.map(origin))]
        : current.allowedOrigins,
      swapNumbers: dto.swapNumbers ? [...new Set(dto.swapNumbers)] : current.swapNumbers,
      sessionGraceMinutes: dto.sessionGraceMinutes ?? current.sessionGraceMinutes,
      lookbackMinutes: dto.lookbackMinutes ?? current.lookbackMinutes,
      attributionModel: dto.attributionModel ?? current.attributionModel,
      repeatCallerWindowDays:
        dto.repeatCallerWindowDays !== undefined
          ? dto.repeatCallerWindowDays
          : current.repeatCallerWindowDays,
      formTracking: dto.formTracking
        ? {
            enabled: dto.formTracking.enabled,
            fieldMap: dto.formTracking.fieldMap ?? current.formTracking.fieldMap,
          }
        : current.formTracking,
    });
    return this.settings(propertyId);
  }

  async listPools(propertyId: string): Promise<Pool[]> {
    return this.pools.list(propertyId);
  }

  async getPool(propertyId: string, poolId: string, tx?: Tx): Promise<Pool> {
    const pool = await this.pools.get(propertyId, poolId, tx);
    if (!pool) throw ApiError.notFound('pool', poolId);
    return pool;
  }

  async createPool(propertyId: string, dto: CreatePoolDto): Promise<Pool> {
    return this.tx.run(async (tx) => {
      const source = await this.sources.find(propertyId, dto.sourceId, tx);
      if (!source)
        throw ApiError.invalid([
          { field: 'sourceId', message: `${dto.sourceId} is not a source of this property` },
        ]);
      await this.checkOverflow(propertyId, dto.overflowTrackingNumberId, dto.exhaustionPolicy, null, tx);
      const id = await this.pools.create(
        propertyId,
        dto.sourceId,
        {
          name: dto.name ?? `${source.name} pool`,
          exhaustionPolicy: dto.exhaustionPolicy,
          overflowTrackingNumberId: dto.overflowTrackingNumberId ?? null,
        },
        tx,
      );
      if (id === null) throw ApiError.conflict('sourceId', 'this source has a pool already');
      await this.setNumbers(propertyId, id, dto.sourceId, dto.trackingNumberIds, tx);
      return this.getPool(propertyId, id, tx);
    });
  }

  async updatePool(propertyId: string, poolId: string, dto: UpdatePoolDto): Promise<Pool> {
    return this.tx.run(async (tx) => {
      const pool = await this.getPool(propertyId, poolId, tx);
      const policy = dto.exhaustionPolicy ?? pool.exhaustionPolicy;
      const overflow =
        dto.overflowTrackingNumberId !== undefined
          ? dto.overflowTrackingNumberId
          : pool.overflowTrackingNumberId;
      if (dto.trackingNumberIds)
        await this.setNumbers(propertyId, poolId, pool.sourceId, dto.trackingNumberIds, tx);
      await this.checkOverflow(propertyId, overflow, policy, poolId, tx);
      await this.pools.update(
        poolId,
        { name: dto.name ?? pool.name, exhaustionPolicy: policy, overflowTrackingNumberId: overflow },
        tx,
      );
      return this.getPool(propertyId, poolId, tx);
    });
  }

  /** The numbers go back to being plain source numbers; their hold history stays for attribution. */
  async deletePool(propertyId: string, poolId: string): Promise<void> {
    await this.getPool(propertyId, poolId);
    await this.pools.remove(poolId);
  }

  async utilization(propertyId: string, poolId: string) {
    const pool = await this.getPool(propertyId, poolId);
    const { total, held } = await this.holds.utilization(poolId, new Date());
    const exhausted = await this.pools.exhaustedCount(poolId);
    return {
      poolId: pool.id,
      total,
      held,
      free: total - held,
      /** Held share of the pool, 0–1. */
      utilization: total ? held / total : 0,
      /** Assignments that found every number held (the exhaustion policy applied). */
      exhaustedAssignments: exhausted,
    };
  }

  /**
   * The pool's numbers become exactly `ids`: tracking numbers of the pool's source, in no other
   * pool. Numbers leaving the pool lose their hold (a visitor's page falls back at its next beat).
   */
  private async setNumbers(
    propertyId: string,
    poolId: string,
    sourceId: string,
    ids: string[],
    tx: Tx,
  ): Promise<void> {
    const rows = await this.pools.lockNumbers(propertyId, ids, tx);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const problems = ids.flatMap((id, i) => {
      const r = byId.get(id);
      const field = `trackingNumberIds[${i}]`;
      if (!r) return [{ field, message: `${id} is not a tracking number of this property` }];
      if (r.sourceId !== sourceId)
        return [{ field, message: `${id} belongs to another source than the pool's` }];
      if (r.poolId && r.poolId !== poolId) return [{ field, message: `${id} is in another pool` }];
      return [];
    });
    if (problems.length) throw ApiError.invalid(problems);
    await this.pools.setNumbers(poolId, ids, tx);
  }

  private async checkOverflow(
    propertyId: string,
    overflowId: string | null | undefined,
    policy: ExhaustionPolicy,
    poolId: string | null,
    tx: Tx,
  ): Promise<void> {
    const field = 'overflowTrackingNumberId';
    if (policy === 'overflow' && !overflowId)
      throw ApiError.invalid([{ field, message: 'the overflow policy needs an overflow tracking number' }]);
    if (!overflowId) return;
    const number = await this.pools.findNumber(overflowId, propertyId, tx);
    if (!number)
      throw ApiError.invalid([{ field, message: `${overflowId} is not a tracking number of this property` }]);
    if (number.poolId && number.poolId === poolId)
      throw ApiError.invalid([
        { field, message: "the overflow number must not be one of the pool's numbers" },
      ]);
  }
}
