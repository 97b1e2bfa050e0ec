import type {
  DataSource,
  DeepPartial,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
} from 'typeorm';
import { managerOf, type Tx } from '../transaction';

/** The columns every property resource has (see property-resources.entity.ts). */
export interface ResourceRow extends ObjectLiteral {
  propertyId: string;
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The reads and writes every property resource table shares, keyed by property and the resource's
 * slug. Each kind's repository extends it with what only that kind stores.
 */
export abstract class ResourceTable<E extends ResourceRow> {
  protected constructor(
    protected readonly ds: DataSource,
    private readonly entity: EntityTarget<E>,
  ) {}

  protected repo(tx?: Tx): Repository<E> {
    return managerOf(this.ds, tx).getRepository(this.entity);
  }

  private key(propertyId: string, id: string): FindOptionsWhere<E> {
    return { propertyId, id } as FindOptionsWhere<E>;
  }

  /** The property's resources of this kind, by id. */
  list(propertyId: string, tx?: Tx): Promise<E[]> {
    return this.repo(tx).find({
      where: { propertyId } as FindOptionsWhere<E>,
      order: { id: 'ASC' } as FindOptionsOrder<E>,
    });
  }

  find(propertyId: string, id: string, tx?: Tx): Promise<E | null> {
    return this.repo(tx).findOne({ where: this.key(propertyId, id) });
  }

  exists(propertyId: string, id: string, tx?: Tx): Promise<boolean> {
    return this.repo(tx).exists({ where: this.key(propertyId, id) });
  }

  /** Writes `columns` over `existing`, or a new row when there is none; returns the row as stored. */
  async write(propertyId: string, id: string, existing: E | null, columns: Partial<E>, tx?: Tx): Promise<E> {
    const repo = this.repo(tx);
    const row: E = existing
      ? repo.merge(existing, columns as DeepPartial<E>)
      : repo.create({ ...columns, propertyId, id } as DeepPartial<E>);
    await repo.save(row);
    // Read back: database defaults (timestamps, audio's public id) are not on the saved object.
    return repo.findOneOrFail({ where: this.key(propertyId, id) });
  }

  async delete(propertyId: string, id: string, tx?: Tx): Promise<void> {
    await this.repo(tx).delete(this.key(propertyId, id));
  }
}
