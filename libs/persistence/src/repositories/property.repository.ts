import type { DataSource } from 'typeorm';
import { PropertyEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** Properties: the rows every other configuration row belongs to. */
export class PropertyRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Locks a property's row for the rest of the transaction (null when there is none). Every write of
   * a property's resources and call flows takes it first, so a flow saved with a reference and a
   * delete of that resource never both pass their checks. NO KEY UPDATE leaves rows that merely
   * reference the property (call records, tracking numbers) free to be written meanwhile.
   */
  lockForUpdate(propertyId: string, tx: Tx): Promise<PropertyEntity | null> {
    return managerOf(this.ds, tx)
      .getRepository(PropertyEntity)
      .findOne({ where: { id: propertyId }, lock: { mode: 'for_no_key_update' } });
  }
}
