import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, Transactions, type ApiKeyEntity, type Tx } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { isUnrestricted, type AccessScope } from '../auth/access-scope';
import { generateApiKey } from '../auth/api-key-format';
import { PropertyAccess } from '../auth/property-access';
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

/** API keys of an account: created (the key is shown once), listed without secrets, revoked. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly access: PropertyAccess,
    private readonly tx: Transactions,
  ) {}

  /** Makes a key for the account; the returned `key` is never shown again. */
  async issue(
    accountId: string,
    o: { name: string; readOnly?: boolean; propertyIds?: string[] | null },
    tx?: Tx,
  ): Promise<CreatedApiKeyView> {
    const { key, prefix, hash } = generateApiKey();
    const saved = await this.keys.create(
      {
        accountId,
        name: o.name,
        prefix,
        secretHash: hash,
        readOnly: o.readOnly ?? false,
        propertyIds: o.propertyIds?.map((id) => id.toLowerCase()) ?? null,
      },
      tx,
    );
    return { ...view(saved), key };
  }

  async create(scope: AccessScope, dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    requireUnrestricted(scope, 'creating API keys');
    return this.tx.run(async (tx) => {
      if (dto.propertyIds)
        await this.access.checkAccountProperties(scope.accountId, dto.propertyIds, 'propertyIds', tx);
      return this.issue(scope.accountId, dto, tx);
    });
  }

  async list(scope: AccessScope): Promise<ApiKeyView[]> {
    requireUnrestricted(scope, 'listing API keys');
    return (await this.keys.listOfAccount(scope.accountId)).map(view);
  }

  /** Revoked keys stop working at once; the row stays so the key's history remains readable. */
  async revoke(scope: AccessScope, id: string): Promise<ApiKeyView> {
    requireUnrestricted(scope, 'revoking API keys');
    const row = await this.keys.findOfAccount(scope.accountId, id);
    if (!row) throw ApiError.notFound('API key', id);
    row.revokedAt ??= new Date();
    return view(await this.keys.save(row));
  }
}
