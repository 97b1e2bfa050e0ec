import type { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** What a request's key is, as the auth guard needs it: found by its public prefix. */
export interface ActiveApiKey {
  id: string;
  accountId: string;
  hash: Buffer;
  readOnly: boolean;
  propertyIds: string[] | null;
}

/** API keys of accounts: only their hashes are stored. */
export class ApiKeyRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores a new key and answers its row as read back (without the hash). */
  async create(
    key: Pick<ApiKeyEntity, 'accountId' | 'name' | 'prefix' | 'secretHash' | 'readOnly' | 'propertyIds'>,
    tx?: Tx,
  ): Promise<ApiKeyEntity> {
    const repo = managerOf(this.ds, tx).getRepository(ApiKeyEntity);
    const saved = await repo.save(repo.create(key));
    return repo.findOneByOrFail({ id: saved.id });
  }

  /** The account's keys, oldest first (revoked ones too). */
  listOfAccount(accountId: string): Promise<ApiKeyEntity[]> {
    return this.ds.getRepository(ApiKeyEntity).find({ where: { accountId }, order: { createdAt: 'ASC' } });
  }

  /** The account's key, or null when the account has no such key. */
  findOfAccount(accountId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.ds.getRepository(ApiKeyEntity).findOneBy({ id, accountId });
  }

  save(key: ApiKeyEntity): Promise<ApiKeyEntity> {
    return this.ds.getRepository(ApiKeyEntity).save(key);
  }

  /** The unrevoked key with this prefix, or null: one query, on every request an API key makes. */
  async findActiveByPrefix(prefix: string): Promise<ActiveApiKey | null> {
    const rows: ActiveApiKey[] = await this.ds.query(
      `SELECT id, account_id AS "accountId", secret_hash AS hash, read_only AS "readOnly",
              property_ids AS "propertyIds"
         FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL`,
      [prefix],
    );
    return rows[0] ?? null;
  }

  /** Records that the key was used now. */
  async touch(keyId: string): Promise<void> {
    await this.ds.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [keyId]);
  }
}
