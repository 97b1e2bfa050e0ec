import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeyEntity } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { isUnrestricted, type AccessScope } from '../auth/access-scope';
import { generateApiKey } from '../auth/api-key-format';
import type { ApiKeyView, CreatedApiKeyView } from './accounts.view';
import type { CreateApiKeyDto } from './dto';

const view = (k: ApiKeyEntity): ApiKeyView => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  readOnly: k.readOnly,
  propertyIds: k.propertyIds,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
});

/** Only a key that can do everything may manage keys: otherwise a limited key could widen itself. */
export function requireUnrestricted(scope: AccessScope, what: string): void {
  if (!isUnrestricted(scope))
    throw ApiError.forbidden(
      'restricted_key',
      `${what} needs a key that is neither read-only nor property-limited`,
    );
}

/** Property ids in a body must be the account's: each one that is not is named (422). */
export async function checkAccountProperties(
  m: EntityManager,
  accountId: string,
  propertyIds: readonly string[],
  field: string,
): Promise<void> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM properties WHERE account_id = $1 AND id = ANY($2::uuid[])`,
    [accountId, propertyIds],
  );
  const known = new Set(rows.map((r) => r.id));
  const errors = propertyIds.flatMap((id, i) =>
    known.has(id.toLowerCase())
      ? []
      : [{ field: `${field}[${i}]`, message: `property ${id} does not exist` }],
  );
  if (errors.length) throw ApiError.invalid(errors);
}

/** API keys of an account: created (the key is shown once), listed without secrets, revoked. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly ds: DataSource) {}

  /** Makes a key for the account; the returned `key` is never shown again. */
  async issue(
    m: EntityManager,
    accountId: string,
    o: { name: string; readOnly?: boolean; propertyIds?: string[] | null },
  ): Promise<CreatedApiKeyView> {
    const { key, prefix, hash } = generateApiKey();
    const repo = m.getRepository(ApiKeyEntity);
    const saved = await repo.save(
      repo.create({
        accountId,
        name: o.name,
        prefix,
        secretHash: hash,
        readOnly: o.readOnly ?? false,
        propertyIds: o.propertyIds?.map((id) => id.toLowerCase()) ?? null,
      }),
    );
    return { ...view(await repo.findOneByOrFail({ id: saved.id })), key };
  }

  async create(scope: AccessScope, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    requireUnrestricted(scope, 'creating API keys');
    return this.ds.transaction(async (m) => {
      if (dto.propertyIds) await checkAccountProperties(m, scope.accountId, dto.propertyIds, 'propertyIds');
      return this.issue(m, scope.accountId, dto);
    });
  }

  async list(scope: AccessScope): Promise<ApiKeyView[]> {
    requireUnrestricted(scope, 'listing API keys');
    const rows = await this.ds
      .getRepository(ApiKeyEntity)
      .find({ where: { accountId: scope.accountId }, order: { createdAt: 'ASC' } });
    return rows.map(view);
  }

  /** Revoked keys stop working at once; the row stays so the key's history remains readable. */
  async revoke(scope: AccessScope, id: string): Promise<ApiKeyView> {
    requireUnrestricted(scope, 'revoking API keys');
    const repo = this.ds.getRepository(ApiKeyEntity);
    const row = await repo.findOneBy({ id, accountId: scope.accountId });
    if (!row) throw ApiError.notFound('API key', id);
    row.revokedAt ??= new Date();
    return view(await repo.save(row));
  }
}
