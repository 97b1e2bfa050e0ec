import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db-errors';
import { managerOf, type Tx } from '../transaction';

/** What a visit is shown once every number of its pool is held. */
export const EXHAUSTION_POLICIES = ['overflow', 'main_number', 'reuse_lru'] as const;
export type ExhaustionPolicy = (typeof EXHAUSTION_POLICIES)[number];

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

/** A source's pool as a visit's number is chosen from it. */
export interface SourcePool {
  id: string;
  exhaustionPolicy: ExhaustionPolicy;
  overflowNumber: string | null;
}

/** What a pool's settings change. */
export interface PoolSettings {
  name: string;
  exhaustionPolicy: ExhaustionPolicy;
  overflowTrackingNumberId: string | null;
}

const POOL_SELECT = `SELECT pl.id, pl.property_id AS "propertyId", pl.source_id AS "sourceId", pl.name,
    pl.exhaustion_policy AS "exhaustionPolicy", pl.overflow_tracking_number_id AS "overflowTrackingNumberId",
    coalesce((SELECT array_agg(n.id ORDER BY n.number) FROM tracking_numbers n WHERE n.pool_id = pl.id), '{}')
      AS "trackingNumberIds",
    pl.created_at AS "createdAt"
  FROM number_pools pl`;

/**
 * Number pools (DNI): the tracking numbers a source shows its visitors in turn, what a visit is
 * shown when all are held, and how often that happened; and the number a source without a pool
 * shows. Who holds which number is PoolHoldRepository's.
 */
export class NumberPoolRepository {
  constructor(private readonly ds: DataSource) {}

  async list(propertyId: string): Promise<Pool[]> {
    return this.ds.query<Pool[]>(`${POOL_SELECT} WHERE pl.property_id = $1 ORDER BY pl.created_at, pl.id`, [
      propertyId,
    ]);
  }

  async get(propertyId: string, poolId: string, tx?: Tx): Promise<Pool | null> {
    const rows = await managerOf(this.ds, tx).query<Pool[]>(
      `${POOL_SELECT} WHERE pl.property_id = $1 AND pl.id = $2`,
      [propertyId, poolId],
    );
    return rows[0] ?? null;
  }

  /** The new pool's id; null when the source has a pool already. */
  async create(
    propertyId: string,
    sourceId: string,
    settings: PoolSettings,
    tx?: Tx,
  ): Promise<string | null> {
    try {
      const [{ id }] = await managerOf(this.ds, tx).query<{ id: string }[]>(
        `INSERT INTO number_pools (property_id, source_id, name, exhaustion_policy, overflow_tracking_number_id)
         VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [propertyId, sourceId, settings.name, settings.exhaustionPolicy, settings.overflowTrackingNumberId],
      );
      return id;
    } catch (err) {
      if (isUniqueViolation(err, 'uq_number_pools_source')) return null;
      throw err;
    }
  }

  async update(poolId: string, settings: PoolSettings, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE number_pools SET name = $2, exhaustion_policy = $3, overflow_tracking_number_id = $4 WHERE id = $1`,
      [poolId, settings.name, settings.exhaustionPolicy, settings.overflowTrackingNumberId],
    );
  }

  /** The numbers go back to being plain source numbers; their hold history stays for attribution. */
  async remove(poolId: string): Promise<void> {
    await this.ds.query(`DELETE FROM number_pools WHERE id = $1`, [poolId]);
  }

  /** The property's tracking numbers among `ids`, with their source and pool, locked for `tx`. */
  async lockNumbers(
    propertyId: string,
    ids: readonly string[],
    tx: Tx,
  ): Promise<{ id: string; sourceId: string; poolId: string | null }[]> {
    return managerOf(this.ds, tx).query<{ id: string; sourceId: string; poolId: string | null }[]>(
      `SELECT id, source_id AS "sourceId", pool_id AS "poolId" FROM tracking_numbers
        WHERE property_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`,
      [propertyId, ids],
    );
  }

  /**
   * The pool's numbers become exactly `ids`. Numbers leaving the pool lose their hold (a visitor's
   * page falls back at its next beat).
   */
  async setNumbers(poolId: string, ids: readonly string[], tx: Tx): Promise<void> {
    const m = managerOf(this.ds, tx);
    await m.query(
      `UPDATE tracking_numbers SET pool_id = NULL, held_by_session_id = NULL, held_until = NULL
        WHERE pool_id = $1 AND NOT (id = ANY($2::uuid[]))`,
      [poolId, ids],
    );
    await m.query(`UPDATE tracking_numbers SET pool_id = $1 WHERE id = ANY($2::uuid[])`, [poolId, ids]);
  }

  /** A tracking number of the property, with its pool; null when it is none of the property's. */
  async findNumber(numberId: string, propertyId: string, tx?: Tx): Promise<{ poolId: string | null } | null> {
    const rows = await managerOf(this.ds, tx).query<{ poolId: string | null }[]>(
      `SELECT pool_id AS "poolId" FROM tracking_numbers WHERE id = $1 AND property_id = $2`,
      [numberId, propertyId],
    );
    return rows[0] ?? null;
  }

  /** How many assignments found every number of the pool held. */
  async exhaustedCount(poolId: string): Promise<number> {
    const [{ exhausted }] = await this.ds.query<{ exhausted: number }[]>(
      `SELECT exhausted_count::int AS exhausted FROM number_pools WHERE id = $1`,
      [poolId],
    );
    return exhausted;
  }

  /** One more assignment found every number of the pool held. */
  async countExhaustion(poolId: string, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE number_pools SET exhausted_count = exhausted_count + 1 WHERE id = $1`,
      [poolId],
    );
  }

  /** The source's pool, with its overflow number; null when it has none. */
  async ofSource(sourceId: string): Promise<SourcePool | null> {
    const rows = await this.ds.query<SourcePool[]>(
      `SELECT pl.id, pl.exhaustion_policy AS "exhaustionPolicy", o.number AS "overflowNumber"
         FROM number_pools pl LEFT JOIN tracking_numbers o ON o.id = pl.overflow_tracking_number_id
        WHERE pl.source_id = $1`,
      [sourceId],
    );
    return rows[0] ?? null;
  }

  /** What a source without a pool shows: its first number outside any pool; null when it has none. */
  async plainNumberOf(sourceId: string): Promise<string | null> {
    const rows = await this.ds.query<{ number: string }[]>(
      `SELECT number FROM tracking_numbers WHERE source_id = $1 AND pool_id IS NULL
        ORDER BY created_at ASC, number ASC LIMIT 1`,
      [sourceId],
    );
    return rows[0]?.number ?? null;
  }
}
