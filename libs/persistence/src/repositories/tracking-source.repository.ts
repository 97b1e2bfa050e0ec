import type { DataSource } from 'typeorm';
import { TrackingSourceEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** The fields a new source is made with. */
export type NewTrackingSource = Pick<
  TrackingSourceEntity,
  'propertyId' | 'name' | 'standardKey' | 'dniRules' | 'priority' | 'lastTouch'
>;

/** Tracking sources: where a property's callers and visitors come from. */
export class TrackingSourceRepository {
  constructor(private readonly ds: DataSource) {}

  private rows(tx?: Tx) {
    return managerOf(this.ds, tx).getRepository(TrackingSourceEntity);
  }

  /** The property's sources, oldest first. */
  list(propertyId: string, tx?: Tx): Promise<TrackingSourceEntity[]> {
    return this.rows(tx).find({ where: { propertyId }, order: { createdAt: 'ASC' } });
  }

  find(propertyId: string, sourceId: string, tx?: Tx): Promise<TrackingSourceEntity | null> {
    return this.rows(tx).findOne({ where: { id: sourceId, propertyId } });
  }

  create(s: NewTrackingSource, tx?: Tx): Promise<TrackingSourceEntity> {
    return this.rows(tx).save(this.rows(tx).create(s));
  }

  save(s: TrackingSourceEntity, tx?: Tx): Promise<TrackingSourceEntity> {
    return this.rows(tx).save(s);
  }

  async delete(sourceId: string): Promise<void> {
    await this.rows().delete({ id: sourceId });
  }
}
