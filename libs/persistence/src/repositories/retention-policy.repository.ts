import type { DataSource } from 'typeorm';
import type { RetentionCategory, RetentionDays, RetentionOverride } from '@switchboard/domain';

/** A policy as stored: categories with a period (checked by libs/domain before saving). */
export type StoredRetentionPolicy = Partial<Record<RetentionCategory, RetentionDays>>;
export type StoredRetentionOverrides = Partial<Record<RetentionCategory, RetentionOverride>>;

/** A property a retention run looks at: its account's policy and its own overrides. */
export interface PropertyRetention {
  propertyId: string;
  accountId: string;
  policy: StoredRetentionPolicy;
  overrides: StoredRetentionOverrides;
}

/** Accounts' retention policies and properties' overrides (docs/privacy.md). */
export class RetentionPolicyRepository {
  constructor(private readonly ds: DataSource) {}

  /** The account's policy; null when there is no such account. */
  async accountPolicy(accountId: string): Promise<StoredRetentionPolicy | null> {
    const [row]: { p: StoredRetentionPolicy }[] = await this.ds.query(
      `SELECT retention_policy AS p FROM accounts WHERE id = $1`,
      [accountId],
    );
    return row ? row.p : null;
  }

  async setAccountPolicy(accountId: string, policy: StoredRetentionPolicy): Promise<void> {
    await this.ds.query(`UPDATE accounts SET retention_policy = $2 WHERE id = $1`, [
      accountId,
      JSON.stringify(policy),
    ]);
  }

  /** The property's overrides and its account's policy; null when there is no such property. */
  async ofProperty(propertyId: string): Promise<PropertyRetention | null> {
    const [row]: PropertyRetention[] = await this.ds.query(
      `SELECT p.id AS "propertyId", p.account_id AS "accountId", a.retention_policy AS policy,
              p.retention_overrides AS overrides
         FROM properties p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1`,
      [propertyId],
    );
    return row ?? null;
  }

  async setPropertyOverrides(propertyId: string, overrides: StoredRetentionOverrides): Promise<void> {
    await this.ds.query(`UPDATE properties SET retention_overrides = $2 WHERE id = $1`, [
      propertyId,
      JSON.stringify(overrides),
    ]);
  }

  /**
   * The next properties in id order after `afterId` (of one account, or of all when null), each
   * with its account's policy and its overrides: a run walks them in pages.
   */
  async propertiesAfter(
    accountId: string | null,
    afterId: string | null,
    limit: number,
  ): Promise<PropertyRetention[]> {
    return this.ds.query(
      `SELECT p.id AS "propertyId", p.account_id AS "accountId", a.retention_policy AS policy,
              p.retention_overrides AS overrides
         FROM properties p JOIN accounts a ON a.id = p.account_id
        WHERE ($1::uuid IS NULL OR p.account_id = $1) AND ($2::uuid IS NULL OR p.id > $2)
        ORDER BY p.id LIMIT $3`,
      [accountId, afterId, limit],
    );
  }

  /**
   * Every `callerData` period in force: each account's, and each property override's (a property
   * whose override is "forever" keeps its callers; null defers to the account, counted already).
   */
  async callerDataPeriods(): Promise<RetentionDays[]> {
    const rows: { d: number | null }[] = await this.ds.query(
      `SELECT (retention_policy->>'callerData')::int AS d FROM accounts
        WHERE jsonb_typeof(retention_policy->'callerData') = 'number'
       UNION ALL
       SELECT (retention_overrides->>'callerData')::int FROM properties
        WHERE jsonb_typeof(retention_overrides->'callerData') = 'number'`,
    );
    return rows.map((r) => r.d);
  }
}
