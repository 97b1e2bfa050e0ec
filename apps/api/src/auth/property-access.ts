import { Injectable } from '@nestjs/common';
import { PropertyAccessRepository, PropertyListRepository, type Tx } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid-param.pipe';
import { keyAllowsProperty, type AccessScope } from './access-scope';

/**
 * The one place that decides which properties a key reaches: its account's, narrowed to the
 * key's list. Anything else answers 404 exactly like an id that does not exist, so a key learns
 * nothing about other tenants.
 */
@Injectable()
export class PropertyAccess {
  constructor(
    private readonly properties: PropertyAccessRepository,
    private readonly lists: PropertyListRepository,
  ) {}

  async canReach(scope: AccessScope, propertyId: string): Promise<boolean> {
    if (!isUuid(propertyId) || !keyAllowsProperty(scope, propertyId.toLowerCase())) return false;
    return this.properties.accountOwns(scope.accountId, propertyId);
  }

  async assertReach(scope: AccessScope, propertyId: string): Promise<void> {
    if (!(await this.canReach(scope, propertyId))) throw ApiError.notFound('property', propertyId);
  }

  /**
   * The one rule for calls named by id: a call of a property out of the key's reach (or of no
   * property) is "not found", exactly like a call that does not exist.
   */
  async assertCallReach(scope: AccessScope, callId: string): Promise<void> {
    const propertyId = await this.properties.propertyOfCall(callId);
    if (!propertyId || !(await this.canReach(scope, propertyId))) throw ApiError.notFound('call', callId);
  }

  /**
   * Property ids in a body must be the account's: each one that is not is named (422). Whether the
   * key reaches them is the caller's rule (only unrestricted keys name properties this way).
   */
  async checkAccountProperties(
    accountId: string,
    propertyIds: readonly string[],
    field: string,
    tx?: Tx,
  ): Promise<void> {
    const known = new Set(await this.properties.ownedAmong(accountId, propertyIds, tx));
    const errors = propertyIds.flatMap((id, i) =>
      known.has(id.toLowerCase())
        ? []
        : [{ field: `${field}[${i}]`, message: `property ${id} does not exist` }],
    );
    if (errors.length) throw ApiError.invalid(errors);
  }

  /**
   * Property ids a list may show: the key's reach, narrowed by the optional `propertyId` and
   * `propertyListId` filters. A filter naming something out of reach is a 404 (field named).
   */
  async visibleIds(
    scope: AccessScope,
    f: { propertyId?: string; propertyListId?: string } = {},
  ): Promise<string[]> {
    if (f.propertyId !== undefined) await this.assertReach(scope, f.propertyId);
    if (
      f.propertyListId !== undefined &&
      !(isUuid(f.propertyListId) && (await this.lists.exists(scope.accountId, f.propertyListId)))
    )
      throw ApiError.notFound('property list', f.propertyListId);
    return this.properties.visibleIds(scope.accountId, { keyPropertyIds: scope.propertyIds, ...f });
  }
}
