import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
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

/**
 * A port free right now (bound, noted, released): for an api that must know its own address before
 * it listens (its signed media URLs are made on PUBLIC_BASE_URL), or an address nothing answers on.
 * Another process could take it in between; on loopback, in a test run, that does not happen.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
