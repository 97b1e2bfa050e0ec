import type { DataSource } from 'typeorm';
import { PropertyEntity } from '../entities';
import { rebuildCallRollup } from '../reports/call-rollup';
import { managerOf, type Tx } from '../transaction';

/** The fields a new property is made with; the rest are the database's defaults. */
export type NewProperty = Pick<PropertyEntity, 'accountId' | 'name' | 'timeZone' | 'address' | 'phone'>;

/** Properties: the businesses whose calls are tracked, and their settings. */
export class PropertyRepository {
  constructor(private readonly ds: DataSource) {}

  private rows(tx?: Tx) {
    return managerOf(this.ds, tx).getRepository(PropertyEntity);
  }

  find(propertyId: string, tx?: Tx): Promise<PropertyEntity | null> {
    return this.rows(tx).findOne({ where: { id: propertyId } });
  }

  /**
   * Locks a property's row for the rest of the transaction (null when there is none). Every write
   * of a property's resources and call flows takes it first, so a flow saved with a reference and
   * a delete of that resource never both pass their checks. NO KEY UPDATE leaves rows that merely
   * reference the property (call records, tracking numbers) free to be written meanwhile.
   */
  lockForUpdate(propertyId: string, tx: Tx): Promise<PropertyEntity | null> {
    return this.rows(tx).findOne({ where: { id: propertyId }, lock: { mode: 'for_no_key_update' } });
  }

  create(p: NewProperty): Promise<PropertyEntity> {
    return this.rows().save(this.rows().create(p));
  }

  save(p: PropertyEntity, tx?: Tx): Promise<PropertyEntity> {
    return this.rows(tx).save(p);
  }

  /** A page of the properties among `ids` (oldest first), optionally those whose name contains `q`. */
  async page(
    ids: string[],
    q: { q?: string; limit: number; offset: number },
  ): Promise<{ items: PropertyEntity[]; total: number }> {
    const query = this.rows()
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids)', { ids })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(q.limit)
      .skip(q.offset);
    if (q.q) query.andWhere('p.name ILIKE :q', { q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  /** How many tracking numbers and calls the property has. */
  async contents(propertyId: string): Promise<{ numbers: number; calls: number }> {
    const [counts]: { numbers: number; calls: number }[] = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM tracking_numbers WHERE property_id = $1) AS numbers,
              (SELECT count(*)::int FROM calls WHERE property_id = $1) AS calls`,
      [propertyId],
    );
    return counts;
  }

  async delete(propertyId: string): Promise<void> {
    await this.rows().delete({ id: propertyId });
  }

  /** Counts the property's calls into the call rollup again (its days are the property's local days). */
  async rebuildCallRollup(propertyId: string, tx?: Tx): Promise<void> {
    await rebuildCallRollup(managerOf(this.ds, tx), [propertyId]);
  }
}
