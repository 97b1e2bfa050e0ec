import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one set of TypeORM options every process uses. Schema changes go through migrations only. */
export function dataSourceOptions(
  url: string,
  overrides: Partial<{ poolSize: number }> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: overrides.poolSize ?? 10 },
  };
}

export async function openDataSource(url: string, poolSize?: number): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize }));
  return ds.initialize();
}

/** Applies pending migrations; safe to run on every start and from several processes in turn. */
export async function migrate(url: string): Promise<string[]> {
  const ds = await openDataSource(url, 2);
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
