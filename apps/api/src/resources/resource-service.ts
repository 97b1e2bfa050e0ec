import { Inject } from '@nestjs/common';
import { Transactions, type ResourceRow, type ResourceTable, type Tx } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { PropertiesService } from '../properties/properties.service';
import { RESOURCE_LABELS, ResourceReferences, type ResourceKind } from './resource-references';

/** What every resource's view has, around the fields of its own kind. */
type CommonFields = 'propertyId' | 'id' | 'name' | 'createdAt' | 'updatedAt';

/** create: 409 when the id is taken; replace: create or replace (PUT); update: 404 when missing (PATCH). */
export type WriteMode = 'create' | 'replace' | 'update';

/**
 * The rules every resource kind shares, written once: 404 for an unknown property or resource,
 * 409 for a duplicate id on create, create-or-replace on PUT, and no delete while something uses
 * the resource. Writes hold the property's lock, so the checks a kind makes in `build` see the
 * same resources the write commits against. A kind's service adds its view's own fields and its own checks.
 * Methods taking a `tx` run inside it (a bundle applied all-or-nothing) instead of their own.
 */
export abstract class ResourceService<E extends ResourceRow, V extends Pick<ResourceRow, CommonFields>> {
  // Injected by property, so each kind's constructor names only what is its own.
  @Inject(PropertiesService) private readonly properties: PropertiesService;
  @Inject(ResourceReferences) private readonly references: ResourceReferences;
  @Inject(Transactions) private readonly transactions: Transactions;
  protected readonly label: string;

  protected constructor(
    readonly kind: ResourceKind,
    private readonly rows: ResourceTable<E>,
  ) {
    this.label = RESOURCE_LABELS[kind];
  }

  /** The kind's own fields of its view (the body's shape, so a GET can be edited and PUT back). */
  protected abstract fields(row: E): Omit<V, CommonFields>;

  /** The row as the api shows it. */
  protected view(r: E): V {
    return {
      propertyId: r.propertyId,
      id: r.id,
      name: r.name,
      ...this.fields(r),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    } as V;
  }

  /** 404 for a property that does not exist (or that the key does not reach). */
  protected async propertyExists(propertyId: string, tx?: Tx): Promise<void> {
    await this.properties.getProperty(propertyId, tx);
  }

  /** `tx`: read inside a transaction (a bundle's writes before they commit). */
  async list(propertyId: string, tx?: Tx): Promise<V[]> {
    await this.propertyExists(propertyId, tx);
    return (await this.rows.list(propertyId, tx)).map((r) => this.view(r));
  }

  async get(propertyId: string, id: string): Promise<V> {
    return this.view(await this.row(propertyId, id));
  }

  /** The row as stored; 404 for an unknown property or resource. */
  protected async row(propertyId: string, id: string): Promise<E> {
    await this.propertyExists(propertyId);
    const row = await this.rows.find(propertyId, id);
    if (!row) throw ApiError.notFound(this.label, id);
    return row;
  }

  /**
   * Writes the resource as `mode` says. `build` checks the body against the property's other
   * resources and returns the columns to write; it runs in the transaction, after the lock, and
   * sees the row being replaced (null when there is none).
   */
  protected write(
    propertyId: string,
    id: string,
    mode: WriteMode,
    build: (existing: E | null, tx: Tx) => Promise<Partial<E>>,
    tx?: Tx,
  ): Promise<V> {
    return this.transactions.within(tx, async (t) => {
      await this.properties.lockProperty(propertyId, t);
      const existing = await this.rows.find(propertyId, id, t);
      if (existing && mode === 'create')
        throw ApiError.conflict('id', `a ${this.label} with id "${id}" already exists in this property`);
      if (!existing && mode === 'update') throw ApiError.notFound(this.label, id);
      return this.view(await this.rows.write(propertyId, id, existing, await build(existing, t), t));
    });
  }

  /** Deletes the resource unless a call flow, ring group or voicemail box still uses it (409). */
  remove(propertyId: string, id: string, tx?: Tx): Promise<void> {
    return this.transactions.within(tx, async (t) => {
      await this.properties.lockProperty(propertyId, t);
      const row = await this.rows.find(propertyId, id, t);
      if (!row) throw ApiError.notFound(this.label, id);
      await this.references.refuseIfUsed(propertyId, { kind: this.kind, id }, t);
      await this.rows.delete(propertyId, id, t);
      this.removed(row, t);
    });
  }

  /** What a kind does once its row is deleted in `tx` (audio drops its bytes when that commits). */
  protected removed(_row: E, _tx: Tx): void {}
}
