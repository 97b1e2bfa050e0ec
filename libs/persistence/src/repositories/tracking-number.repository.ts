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

/** Tracking numbers: the numbers a property owns, each of one tracking source. */
export class TrackingNumberRepository {
  constructor(private readonly ds: DataSource) {}

  /** Whether some property (of any account) has this number. */
  isTracked(number: string): Promise<boolean> {
    return this.ds.getRepository(TrackingNumberEntity).exists({ where: { number } });
  }

  save(row: TrackingNumberEntity, tx?: Tx): Promise<TrackingNumberEntity> {
    return managerOf(this.ds, tx).getRepository(TrackingNumberEntity).save(row);
  }

  async delete(id: string): Promise<void> {
    await this.ds.getRepository(TrackingNumberEntity).delete({ id });
  }

  /** The property's numbers with their sources, by source name then number. */
  async withSources(propertyId: string): Promise<CallerIdNumber[]> {
    const rows: CallerIdNumber[] = await this.ds.query(
      `${WITH_SOURCE} WHERE n.property_id = $1 ORDER BY s.name, n.number`,
      [propertyId],
    );
    return rows;
  }

  /** The property's tracking number `number` with its source, or null. */
  async findWithSource(propertyId: string, number: string): Promise<CallerIdNumber | null> {
    const rows: CallerIdNumber[] = await this.ds.query(
      `${WITH_SOURCE} WHERE n.property_id = $1 AND n.number = $2`,
      [propertyId, number],
    );
    return rows[0] ?? null;
  }
}
