import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PoolHoldRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/db-errors';
import type { CreatePoolDto, ExhaustionPolicy, UpdateDniSettingsDto, UpdatePoolDto } from './dto';

export interface DniSettings {
  dniKey: string;
  allowedOrigins: string[];
  swapNumbers: string[];
  sessionGraceMinutes: number;
  lookbackMinutes: number;
  attributionModel: 'first_touch' | 'last_touch';
  repeatCallerWindowDays: number | null;
}

export interface Pool {
  id: string;
  propertyId: string;
  sourceId: string;
  name: string;
  exhaustionPolicy: ExhaustionPolicy;
  overflowTrackingNumberId: string | null;
  trackingNumberIds: string[];
  createdAt: Date;
}

const POOL_SELECT = `SELECT pl.id, pl.property_id AS "propertyId", pl.source_id AS "sourceId", pl.name,
    pl.exhaustion_policy AS "exhaustionPolicy", pl.overflow_tracking_number_id AS "overflowTrackingNumberId",
    coalesce((SELECT array_agg(n.id ORDER BY n.number) FROM tracking_numbers n WHERE n.pool_id = pl.id), '{}')
      AS "trackingNumberIds",
    pl.created_at AS "createdAt"
  FROM number_pools pl`;

/** A site origin as browsers send it: scheme, host and port, lower case, no path. */
function origin(value: string): string {
  return new URL(value).origin.toLowerCase();
}

/** A property's DNI settings and number pools (admin API, with a key). */
@Injectable()
export class DniSettingsService {
  constructor(private readonly ds: DataSource) {}

  async settings(propertyId: string): Promise<DniSettings> {
    const rows: DniSettings[] = await this.ds.query(
      `SELECT dni_key AS "dniKey", dni_allowed_origins AS "allowedOrigins", dni_swap_numbers AS "swapNumbers",
              dni_session_grace_minutes AS "sessionGraceMinutes", dni_lookback_minutes AS "lookbackMinutes",
              dni_attribution_model AS "attributionModel", repeat_caller_window_days AS "repeatCallerWindowDays"
         FROM properties WHERE id = $1`,
      [propertyId],
    );
    if (!rows[0]) throw ApiError.notFound('property', propertyId);
    return rows[0];
  }

  async updateSettings(propertyId: string, dto: UpdateDniSettingsDto): Promise<DniSettings> {
    const current = await this.settings(propertyId);
    const next = {
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
    };
    await this.ds.query(
      `UPDATE properties SET dni_allowed_origins = $2, dni_swap_numbers = $3, dni_session_grace_minutes = $4,
              dni_lookback_minutes = $5, dni_attribution_model = $6, repeat_caller_window_days = $7
        WHERE id = $1`,
      [
        propertyId,
        next.allowedOrigins,
        next.swapNumbers,
        next.sessionGraceMinutes,
        next.lookbackMinutes,
        next.attributionModel,
        next.repeatCallerWindowDays,
      ],
    );
    return this.settings(propertyId);
  }

  async listPools(propertyId: string): Promise<Pool[]> {
    return this.ds.query(`${POOL_SELECT} WHERE pl.property_id = $1 ORDER BY pl.created_at, pl.id`, [
      propertyId,
    ]);
  }

  async getPool(propertyId: string, poolId: string, m: EntityManager | DataSource = this.ds): Promise<Pool> {
    const rows: Pool[] = await m.query(`${POOL_SELECT} WHERE pl.property_id = $1 AND pl.id = $2`, [
      propertyId,
      poolId,
    ]);
    if (!rows[0]) throw ApiError.notFound('pool', poolId);
    return rows[0];
  }

  async createPool(propertyId: string, dto: CreatePoolDto): Promise<Pool> {
    return this.ds.transaction(async (m) => {
      const source: { name: string }[] = await m.query(
        `SELECT name FROM tracking_sources WHERE id = $1 AND property_id = $2`,
        [dto.sourceId, propertyId],
      );
      if (!source[0])
        throw ApiError.invalid([
          { field: 'sourceId', message: `${dto.sourceId} is not a source of this property` },
        ]);
      await this.checkOverflow(m, propertyId, dto.overflowTrackingNumberId, dto.exhaustionPolicy, null);
      let id: string;
      try {
        [{ id }] = await m.query(
          `INSERT INTO number_pools (property_id, source_id, name, exhaustion_policy, overflow_tracking_number_id)
           VALUES ($1,$2,$3,$4,$5) RETURNING id`,
          [
            propertyId,
            dto.sourceId,
            dto.name ?? `${source[0].name} pool`,
            dto.exhaustionPolicy,
            dto.overflowTrackingNumberId ?? null,
          ],
        );
      } catch (err) {
        if (isUniqueViolation(err, 'uq_number_pools_source'))
          throw ApiError.conflict('sourceId', 'this source has a pool already');
        throw err;
      }
      await this.setNumbers(m, propertyId, id, dto.sourceId, dto.trackingNumberIds);
      return this.getPool(propertyId, id, m);
    });
  }

  async updatePool(propertyId: string, poolId: string, dto: UpdatePoolDto): Promise<Pool> {
    return this.ds.transaction(async (m) => {
      const pool = await this.getPool(propertyId, poolId, m);
      const policy = dto.exhaustionPolicy ?? pool.exhaustionPolicy;
      const overflow =
        dto.overflowTrackingNumberId !== undefined
          ? dto.overflowTrackingNumberId
          : pool.overflowTrackingNumberId;
      if (dto.trackingNumberIds)
        await this.setNumbers(m, propertyId, poolId, pool.sourceId, dto.trackingNumberIds);
      await this.checkOverflow(m, propertyId, overflow, policy, poolId);
      await m.query(
        `UPDATE number_pools SET name = $2, exhaustion_policy = $3, overflow_tracking_number_id = $4 WHERE id = $1`,
        [poolId, dto.name ?? pool.name, policy, overflow],
      );
      return this.getPool(propertyId, poolId, m);
    });
  }

  /** The numbers go back to being plain source numbers; their hold history stays for attribution. */
  async deletePool(propertyId: string, poolId: string): Promise<void> {
    await this.getPool(propertyId, poolId);
    await this.ds.query(`DELETE FROM number_pools WHERE id = $1`, [poolId]);
  }

  async utilization(propertyId: string, poolId: string) {
    const pool = await this.getPool(propertyId, poolId);
    const { total, held } = await new PoolHoldRepository(this.ds).utilization(this.ds, poolId, new Date());
    const [{ exhausted }]: { exhausted: number }[] = await this.ds.query(
      `SELECT exhausted_count::int AS exhausted FROM number_pools WHERE id = $1`,
      [poolId],
    );
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
    m: EntityManager,
    propertyId: string,
    poolId: string,
    sourceId: string,
    ids: string[],
  ): Promise<void> {
    const rows: { id: string; sourceId: string; poolId: string | null }[] = await m.query(
      `SELECT id, source_id AS "sourceId", pool_id AS "poolId" FROM tracking_numbers
        WHERE property_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`,
      [propertyId, ids],
    );
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
    await m.query(
      `UPDATE tracking_numbers SET pool_id = NULL, held_by_session_id = NULL, held_until = NULL
        WHERE pool_id = $1 AND NOT (id = ANY($2::uuid[]))`,
      [poolId, ids],
    );
    await m.query(`UPDATE tracking_numbers SET pool_id = $1 WHERE id = ANY($2::uuid[])`, [poolId, ids]);
  }

  private async checkOverflow(
    m: EntityManager,
    propertyId: string,
    overflowId: string | null | undefined,
    policy: ExhaustionPolicy,
    poolId: string | null,
  ): Promise<void> {
    const field = 'overflowTrackingNumberId';
    if (policy === 'overflow' && !overflowId)
      throw ApiError.invalid([{ field, message: 'the overflow policy needs an overflow tracking number' }]);
    if (!overflowId) return;
    const rows: { poolId: string | null }[] = await m.query(
      `SELECT pool_id AS "poolId" FROM tracking_numbers WHERE id = $1 AND property_id = $2`,
      [overflowId, propertyId],
    );
    if (!rows[0])
      throw ApiError.invalid([{ field, message: `${overflowId} is not a tracking number of this property` }]);
    if (rows[0].poolId && rows[0].poolId === poolId)
      throw ApiError.invalid([
        { field, message: "the overflow number must not be one of the pool's numbers" },
      ]);
  }
}
