import type { DataSource } from 'typeorm';
import { TrackingNumberEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

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
  ): Promise<TrackingNumberEntity[]> {
    return this.rows().find({
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

  /** Inserts a new number (made with `new TrackingNumberEntity()`) or updates a read one. */
  save(n: TrackingNumberEntity, tx?: Tx): Promise<TrackingNumberEntity> {
    return this.rows(tx).save(n);
  }
}
