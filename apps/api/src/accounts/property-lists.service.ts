import { Injectable } from '@nestjs/common';
import {
  isUniqueViolation,
  PropertyListRepository,
  Transactions,
  type PropertyListEntity,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { keyAllowsProperty, type AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { requireUnrestricted } from './api-keys.service';
import type { PropertyListView } from './accounts.view';
import type { SavePropertyListDto } from './dto';

/** Named groups of an account's properties, used as a filter on lists (`propertyListId`). */
@Injectable()
export class PropertyListsService {
  constructor(
    private readonly lists: PropertyListRepository,
    private readonly access: PropertyAccess,
    private readonly tx: Transactions,
  ) {}

  private async view(scope: AccessScope, l: PropertyListEntity, tx?: Tx): Promise<PropertyListView> {
    const propertyIds = (await this.lists.members(l.id, tx)).filter((id) => keyAllowsProperty(scope, id));
    return { id: l.id, name: l.name, propertyIds, createdAt: l.createdAt };
  }

  private async row(scope: AccessScope, id: string, tx?: Tx): Promise<PropertyListEntity> {
    const l = await this.lists.findOfAccount(scope.accountId, id, tx);
    if (!l) throw ApiError.notFound('property list', id);
    return l;
  }

  async list(scope: AccessScope): Promise<PropertyListView[]> {
    const rows = await this.lists.listOfAccount(scope.accountId);
    return Promise.all(rows.map((l) => this.view(scope, l)));
  }

  async get(scope: AccessScope, id: string): Promise<PropertyListView> {
    return this.view(scope, await this.row(scope, id));
  }

  /** Creates a list, or replaces one's name and members when `id` is given. */
  async save(scope: AccessScope, dto: SavePropertyListDto, id?: string): Promise<PropertyListView> {
    requireUnrestricted(scope, 'changing property lists');
    try {
      return await this.tx.run(async (tx) => {
        // The list first: another tenant's list id is a 404 whatever the body says.
        const list = id ? await this.row(scope, id, tx) : { accountId: scope.accountId };
        await this.access.checkAccountProperties(scope.accountId, dto.propertyIds, 'propertyIds', tx);
        const saved = await this.lists.save({ ...list, name: dto.name }, tx);
        await this.lists.replaceMembers(saved.id, dto.propertyIds, tx);
        return this.view(scope, saved, tx);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_property_lists_account_name'))
        throw ApiError.conflict('name', `a property list named "${dto.name}" already exists`);
      throw err;
    }
  }

  async remove(scope: AccessScope, id: string): Promise<void> {
    requireUnrestricted(scope, 'changing property lists');
    const l = await this.row(scope, id);
    await this.lists.delete(l.id);
  }
}
