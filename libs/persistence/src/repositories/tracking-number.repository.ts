import type { DataSource } from 'typeorm';
import { TrackingNumberEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** A property's tracking number with its source: what an agent can place a call from. */
export interface CallerIdNumber {
  id: string;
  number: string;
  sourceId: string;
  sourceName: string;
}

const WITH_SOURCE = `SELECT n.id, n.number, s.id AS "sourceId", s.name AS "sourceName" FROM tracking_numbers n
  JOIN tracking_sources s ON s.id = n.source_id`;

/** Tracking numbers: the phone numbers a property publishes, each with its source and routing. */
export class TrackingNumberRepository {
  constructor(private readonly ds: DataSource) {}

  private rows(tx?: Tx) {
    return managerOf(this.ds, tx).getRepository(TrackingNumberEntity);
  }

  /** The property's numbers, oldest first, optionally only those of one source or one flow. */
  list(
    propertyId: string,
    f: { sourceId?: string; callFlowId?: string } = {},
    tx?: Tx,
  ): Promise<TrackingNumberEntity[]> {
    return this.rows(tx).find({
      where: {
        propertyId,
        ...(f.sourceId ? { sourceId: f.sourceId } : {}),
        ...(f.callFlowId ? { callFlowId: f.callFlowId } : {}),
      },
      order: { createdAt: 'ASC' },
    });
  }

  find(propertyId: string, numberId: string, tx?: Tx): Promise<TrackingNumberEntity | null> {
    return this.rows(tx).findOne({ where: { id: numberId, propertyId } });
  }

  /** Whether some property (of any account) has this number. */
  isTracked(number: string): Promise<boolean> {
    return this.rows().exists({ where: { number } });
  }

  /** Inserts a new number (made with `new TrackingNumberEntity()`) or updates a read one. */
  save(n: TrackingNumberEntity, tx?: Tx): Promise<TrackingNumberEntity> {
    return this.rows(tx).save(n);
  }

  async delete(id: string): Promise<void> {
    await this.rows().delete({ id });
  }

  /** The property's numbers with their sources, by source name then number. */
  withSources(propertyId: string): Promise<CallerIdNumber[]> {
    return this.ds.query<CallerIdNumber[]>(
      `${WITH_SOURCE} WHERE n.property_id = $1 ORDER BY s.name, n.number`,
      [propertyId],
    );
  }

  /** The property's tracking number `number` with its source, or null. */
  async findWithSource(propertyId: string, number: string): Promise<CallerIdNumber | null> {
    const rows = await this.ds.query<CallerIdNumber[]>(
      `${WITH_SOURCE} WHERE n.property_id = $1 AND n.number = $2`,
      [propertyId, number],
    );
    return rows[0] ?? null;
  }
}
