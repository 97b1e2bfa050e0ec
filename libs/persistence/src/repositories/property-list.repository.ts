import type { DataSource } from 'typeorm';
import { PropertyListEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** Property lists: named groups of an account's properties, and their members. */
export class PropertyListRepository {
  constructor(private readonly ds: DataSource) {}

  /** The account's lists, oldest first. */
  listOfAccount(accountId: string): Promise<PropertyListEntity[]> {
    return this.ds
      .getRepository(PropertyListEntity)
      .find({ where: { accountId }, order: { createdAt: 'ASC' } });
  }

  /** The account's list, or null when the account has no such list. */
  findOfAccount(accountId: string, id: string, tx?: Tx): Promise<PropertyListEntity | null> {
    return managerOf(this.ds, tx).getRepository(PropertyListEntity).findOneBy({ id, accountId });
  }

  /** Whether the account has this list. */
  async exists(accountId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM property_lists WHERE id = $1 AND account_id = $2`,
      [id, accountId],
    );
    return rows.length > 0;
  }

  /** Writes a new list (no `id`) or an existing one's changed columns. */
  save(
    list: Partial<PropertyListEntity> & Pick<PropertyListEntity, 'accountId' | 'name'>,
    tx?: Tx,
  ): Promise<PropertyListEntity> {
    const repo = managerOf(this.ds, tx).getRepository(PropertyListEntity);
    return repo.save(repo.create(list));
  }

  /** The list's property ids, in id order. */
  async members(listId: string, tx?: Tx): Promise<string[]> {
    const rows: { id: string }[] = await managerOf(this.ds, tx).query(
      `SELECT property_id AS id FROM property_list_members WHERE list_id = $1 ORDER BY property_id`,
      [listId],
    );
    return rows.map((r) => r.id);
  }

  /** Makes these properties the list's only members. */
  async replaceMembers(listId: string, propertyIds: readonly string[], tx?: Tx): Promise<void> {
    const m = managerOf(this.ds, tx);
    await m.query(`DELETE FROM property_list_members WHERE list_id = $1`, [listId]);
    await m.query(
      `INSERT INTO property_list_members (list_id, property_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [listId, propertyIds],
    );
  }

  async delete(id: string): Promise<void> {
    await this.ds.getRepository(PropertyListEntity).delete({ id });
  }
}
