import { Global, Module, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireDatabaseUrl, type SwitchboardConfig } from '@switchboard/config';
import { REPOSITORIES, Transactions, dataSourceOptions } from '@switchboard/persistence';
import { CONFIG } from '../common/tokens';

// Each repository is built once on the api's DataSource; services ask for them by class.
const repositories: Provider[] = REPOSITORIES.map((repository) => ({
  provide: repository,
  inject: [DataSource],
  useFactory: (ds: DataSource) => new repository(ds),
}));

/**
 * The api's one door to PostgreSQL: it opens the DataSource and provides every repository of
 * libs/persistence, and the Transactions that services run their rules in. Nothing else in the api
 * touches TypeORM (eslint.config.mjs, "data access lives in libs/persistence").
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [CONFIG],
      useFactory: (cfg: SwitchboardConfig) => dataSourceOptions(requireDatabaseUrl(cfg)),
    }),
  ],
  providers: [
    ...repositories,
    { provide: Transactions, inject: [DataSource], useFactory: (ds: DataSource) => new Transactions(ds) },
  ],
  exports: [...REPOSITORIES, Transactions],
})
export class DatabaseModule {}
