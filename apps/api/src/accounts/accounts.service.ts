import { Injectable } from '@nestjs/common';
import { AccountRepository, Transactions, type AccountEntity } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import type { CreatedAccountView } from './accounts.view';
import { ApiKeysService } from './api-keys.service';

/** Accounts: opened by the platform operator, each with a first key. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly keys: ApiKeysService,
    private readonly tx: Transactions,
  ) {}

  /** The account and its first key (shown only here), written together. */
  open(name: string): Promise<CreatedAccountView> {
    return this.tx.run(async (tx) => {
      const account = await this.accounts.create(name, tx);
      const apiKey = await this.keys.issue(account.id, { name: 'Initial key' }, tx);
      return { account, apiKey };
    });
  }

  async get(id: string): Promise<AccountEntity> {
    const account = await this.accounts.find(id);
    if (!account) throw ApiError.notFound('account', id);
    return account;
  }
}
