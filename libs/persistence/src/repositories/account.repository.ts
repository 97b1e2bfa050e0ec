import type { DataSource } from 'typeorm';
import { AccountEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** Accounts: the customers that own properties and API keys. */
export class AccountRepository {
  constructor(private readonly ds: DataSource) {}

  async create(name: string, tx?: Tx): Promise<AccountEntity> {
    const repo = managerOf(this.ds, tx).getRepository(AccountEntity);
    return repo.save(repo.create({ name }));
  }

  /** The account, or null when there is none. */
  find(id: string): Promise<AccountEntity | null> {
    return this.ds.getRepository(AccountEntity).findOneBy({ id });
  }
}
