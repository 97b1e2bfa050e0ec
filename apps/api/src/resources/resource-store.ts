import type {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';
import { managerOf, PropertyEntity, type Tx } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { lockProperty } from '../common/property-lock';
import { RESOURCE_LABELS, refuseIfUsed, type ResourceKind } from './resource-references';

/** The columns every property resource has (see property-resources.entity.ts). */
export interface ResourceRow extends ObjectLiteral {
  propertyId: string;
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** create: 409 when the id is taken; replace: create or replace (PUT); update: 404 when missing (PATCH). */
export type WriteMode = 'create' | 'replace' | 'update';

/**
 * The rules every resource kind shares, written once: 404 for an unknown property or resource,
 * 409 for a duplicate id on create, create-or-replace on PUT, and no delete while something uses
 * the resource. Writes hold the property's lock (lockProperty), so the checks a kind makes in
 * `build` see the same resources the write commits against.
 */
export class ResourceStore<E extends ResourceRow> {
  readonly label: string;

  constructor(
    private readonly ds: DataSource,
    private readonly entity: EntityTarget<E>,
    readonly kind: ResourceKind,
    private readonly tx?: Tx,
  ) {
    this.label = RESOURCE_LABELS[kind];
  }

  /**
   * This store writing inside `tx` (a bundle applied all-or-nothing) instead of a transaction per
   * write; itself when there is none.
   */
  within(tx: Tx | undefined): ResourceStore<E> {
    return tx ? new ResourceStore(this.ds, this.entity, this.kind, tx) : this;
  }

  private key(propertyId: string, id: string): FindOptionsWhere<E> {
    return { propertyId, id } as FindOptionsWhere<E>;
  }

  /** 404 for a property that does not exist (or that the key does not reach). */
  async propertyExists(propertyId: string): Promise<void> {
    if (!(await this.ds.getRepository(PropertyEntity).exists({ where: { id: propertyId } })))
      throw ApiError.notFound('property', propertyId);
  }

  /** `tx`: read inside a transaction (a bundle's writes before they commit). */
  async list(propertyId: string, tx?: Tx): Promise<E[]> {
    await this.propertyExists(propertyId);
    return managerOf(this.ds, tx)
      .getRepository(this.entity)
      .find({ where: { propertyId } as FindOptionsWhere<E>, order: { id: 'ASC' } as FindOptionsOrder<E> });
  }

  async get(propertyId: string, id: string): Promise<E> {
    await this.propertyExists(propertyId);
    const row = await this.ds.getRepository(this.entity).findOne({ where: this.key(propertyId, id) });
    if (!row) throw ApiError.notFound(this.label, id);
    return row;
  }

  /**
   * Writes the resource as `mode` says. `build` checks the body against the property's other
   * resources and returns the columns to write; it runs in the transaction, after the lock, and
   * sees the row being replaced (null when there is none).
   */
  async write(
    propertyId: string,
    id: string,
    mode: WriteMode,
    build: (m: EntityManager, existing: E | null) => Promise<Partial<E>>,
  ): Promise<E> {
    return this.run(async (m) => {
      await lockProperty(m, propertyId);
      const repo = m.getRepository(this.entity);
      const existing = await repo.findOne({ where: this.key(propertyId, id) });
      if (existing && mode === 'create')
        throw ApiError.conflict('id', `a ${this.label} with id "${id}" already exists in this property`);
      if (!existing && mode === 'update') throw ApiError.notFound(this.label, id);
      const columns = await build(m, existing);
      const row: E = existing
        ? repo.merge(existing, columns as DeepPartial<E>)
        : repo.create({ ...columns, propertyId, id } as DeepPartial<E>);
      await repo.save(row);
      // Read back: database defaults (timestamps, audio's public id) are not on the saved object.
      return repo.findOneOrFail({ where: this.key(propertyId, id) });
    });
  }

  /** Deletes the resource unless a call flow, ring group or voicemail box still uses it (409). */
  async remove(propertyId: string, id: string): Promise<void> {
    await this.removeRow(propertyId, id);
  }

  /** remove, returning the deleted row for what lives outside the database (audio bytes). */
  async removeRow(propertyId: string, id: string): Promise<E> {
    return this.run(async (m) => {
      await lockProperty(m, propertyId);
      const repo = m.getRepository(this.entity);
      const row = await repo.findOne({ where: this.key(propertyId, id) });
      if (!row) throw ApiError.notFound(this.label, id);
      await refuseIfUsed(m, propertyId, { kind: this.kind, id });
      await repo.delete(this.key(propertyId, id));
      return row;
    });
  }

  private run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.tx ? work(managerOf(this.ds, this.tx)) : this.ds.transaction(work);
  }
}
