import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
  constructor(private readonly ds: DataSource) {}

  async canReach(scope: AccessScope, propertyId: string): Promise<boolean> {
    if (!isUuid(propertyId) || !keyAllowsProperty(scope, propertyId.toLowerCase())) return false;
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM properties WHERE id = $1 AND account_id = $2`,
      [propertyId, scope.accountId],
    );
    return rows.length > 0;
  }

  async assertReach(scope: AccessScope, propertyId: string): Promise<void> {
    if (!(await this.canReach(scope, propertyId))) throw ApiError.notFound('property', propertyId);
  }

  /**
   * The one rule for calls named by id: a call of a property out of the key's reach (or of no
   * property) is "not found", exactly like a call that does not exist.
   */
  async assertCallReach(scope: AccessScope, callId: string): Promise<void> {
    const rows: { propertyId: string | null }[] = await this.ds.query(
      `SELECT property_id AS "propertyId" FROM calls WHERE id = $1`,
      [callId],
    );
    const propertyId = rows[0]?.propertyId;
    if (!propertyId || !(await this.canReach(scope, propertyId))) throw ApiError.notFound('call', callId);
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
    const params: unknown[] = [scope.accountId];
    let sql = `SELECT p.id FROM properties p WHERE p.account_id = $1`;
    if (scope.propertyIds !== null) {
      params.push(scope.propertyIds);
      sql += ` AND p.id = ANY($${params.length}::uuid[])`;
    }
    if (f.propertyId !== undefined) {
      params.push(f.propertyId);
      sql += ` AND p.id = $${params.length}`;
    }
    if (f.propertyListId !== undefined) {
      const list: unknown[] = isUuid(f.propertyListId)
        ? await this.ds.query(`SELECT 1 FROM property_lists WHERE id = $1 AND account_id = $2`, [
            f.propertyListId,
            scope.accountId,
          ])
        : [];
      if (list.length === 0) throw ApiError.notFound('property list', f.propertyListId);
      params.push(f.propertyListId);
      sql += ` AND p.id IN (SELECT property_id FROM property_list_members WHERE list_id = $${params.length})`;
    }
    const rows: { id: string }[] = await this.ds.query(sql, params);
    return rows.map((r) => r.id);
  }
}
