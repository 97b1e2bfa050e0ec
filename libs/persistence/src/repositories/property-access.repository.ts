import type { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../transaction';

/** Which properties an API key's list may show: the account's, narrowed by the key and filters. */
export interface VisiblePropertiesFilter {
  /** The key's properties; null: every property of the account. */
  keyPropertyIds: readonly string[] | null;
  propertyId?: string;
  /** A list of the account's (the caller has checked that it is). */
  propertyListId?: string;
}

/** The reads behind tenancy: which account a property belongs to, and which property a call does. */
export class PropertyAccessRepository {
  constructor(private readonly ds: DataSource) {}

  /** Whether the property exists and is the account's. */
  async accountOwns(accountId: string, propertyId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM properties WHERE id = $1 AND account_id = $2`,
      [propertyId, accountId],
    );
    return rows.length > 0;
  }

  /** Those of `propertyIds` that are the account's properties. */
  async ownedAmong(accountId: string, propertyIds: readonly string[], tx?: Tx): Promise<string[]> {
    const rows: { id: string }[] = await managerOf(this.ds, tx).query(
      `SELECT id FROM properties WHERE account_id = $1 AND id = ANY($2::uuid[])`,
      [accountId, propertyIds],
    );
    return rows.map((r) => r.id);
  }

  /** The call's property; null when the call does not exist or has none. */
  async propertyOfCall(callId: string): Promise<string | null> {
    const rows: { propertyId: string | null }[] = await this.ds.query(
      `SELECT property_id AS "propertyId" FROM calls WHERE id = $1`,
      [callId],
    );
    return rows[0]?.propertyId ?? null;
  }

  /** The account's property ids that pass every filter given. */
  async visibleIds(accountId: string, f: VisiblePropertiesFilter): Promise<string[]> {
    const params: unknown[] = [accountId];
    let sql = `SELECT p.id FROM properties p WHERE p.account_id = $1`;
    if (f.keyPropertyIds !== null) {
      params.push(f.keyPropertyIds);
      sql += ` AND p.id = ANY($${params.length}::uuid[])`;
    }
    if (f.propertyId !== undefined) {
      params.push(f.propertyId);
      sql += ` AND p.id = $${params.length}`;
    }
    if (f.propertyListId !== undefined) {
      params.push(f.propertyListId);
      sql += ` AND p.id IN (SELECT property_id FROM property_list_members WHERE list_id = $${params.length})`;
    }
    const rows: { id: string }[] = await this.ds.query(sql, params);
    return rows.map((r) => r.id);
  }
}
