import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PropertyListEntity } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/db-errors';
import { keyAllowsProperty, type AccessScope } from '../auth/access-scope';
import { checkAccountProperties, requireUnrestricted } from './api-keys.service';
import type { PropertyListView } from './accounts.view';
import type { SavePropertyListDto } from './dto';

/** Named groups of an account's properties, used as a filter on lists (`propertyListId`). */
@Injectable()
export class PropertyListsService {
  constructor(private readonly ds: DataSource) {}

  private async members(m: EntityManager, listId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT property_id AS id FROM property_list_members WHERE list_id = $1 ORDER BY property_id`,
      [listId],
    );
    return rows.map((r) => r.id);
  }

  private async view(m: EntityManager, scope: AccessScope, l: PropertyListEntity): Promise<PropertyListView> {
    const propertyIds = (await this.members(m, l.id)).filter((id) => keyAllowsProperty(scope, id));
    return { id: l.id, name: l.name, propertyIds, createdAt: l.createdAt };
  }

  private async row(m: EntityManager, scope: AccessScope, id: string): Promise<PropertyListEntity> {
    const l = await m.getRepository(PropertyListEntity).findOneBy({ id, accountId: scope.accountId });
    if (!l) throw ApiError.notFound('property list', id);
    return l;
  }

  async list(scope: AccessScope): Promise<PropertyListView[]> {
    const rows = await this.ds
      .getRepository(PropertyListEntity)
      .find({ where: { accountId: scope.accountId }, order: { createdAt: 'ASC' } });
    return Promise.all(rows.map((l) => this.view(this.ds.manager, scope, l)));
  }

  async get(scope: AccessScope, id: string): Promise<PropertyListView> {
    return this.view(this.ds.manager, scope, await this.row(this.ds.manager, scope, id));
  }

  /** Creates a list, or replaces one's name and members when `id` is given. */
  async save(scope: AccessScope, dto: SavePropertyListDto, id?: string): Promise<PropertyListView> {
    requireUnrestricted(scope, 'changing property lists');
    try {
      return await this.ds.transaction(async (m) => {
        const repo = m.getRepository(PropertyListEntity);
        // The list first: another tenant's list id is a 404 whatever the body says.
        const list = id ? await this.row(m, scope, id) : repo.create({ accountId: scope.accountId });
        await checkAccountProperties(m, scope.accountId, dto.propertyIds, 'propertyIds');
        list.name = dto.name;
        const saved = await repo.save(list);
        await m.query(`DELETE FROM property_list_members WHERE list_id = $1`, [saved.id]);
        await m.query(
          `INSERT INTO property_list_members (list_id, property_id)
           SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
          [saved.id, dto.propertyIds],
        );
        return this.view(m, scope, saved);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_property_lists_account_name'))
        throw ApiError.conflict('name', `a property list named "${dto.name}" already exists`);
      throw err;
    }
  }

  async remove(scope: AccessScope, id: string): Promise<void> {
    requireUnrestricted(scope, 'changing property lists');
    const l = await this.row(this.ds.manager, scope, id);
    await this.ds.getRepository(PropertyListEntity).delete({ id: l.id });
  }
}
