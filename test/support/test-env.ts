import { randomUUID } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@switchboard/devstack';
import { migrate } from '@switchboard/persistence';

/** Servers shared by the whole run (started by scripts/run-tests.ts). */
export function testServers(): { temporalAddress: string; pgAdminUrl: string } {
  const temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  const pgAdminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!temporalAddress || !pgAdminUrl) {
    throw new Error(
      'run tests with `npm test` (it starts Temporal and PostgreSQL and sets TEST_* variables)',
    );
  }
  return { temporalAddress, pgAdminUrl };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A migrated database of this test file's own, dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { pgAdminUrl } = testServers();
  const name = uniqueName('sb_test');
  const url = await ensureDatabase(pgAdminUrl, name);
  await migrate(url);
  return { url, drop: () => dropDatabase(pgAdminUrl, name) };
}
