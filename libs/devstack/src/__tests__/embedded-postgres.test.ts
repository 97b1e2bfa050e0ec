import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres';

async function query(url: string, sql: string): Promise<unknown[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as unknown[];
  } finally {
    await c.end();
  }
}

const isRoot = process.getuid?.() === 0;

// A checkout in root's home folder or in a `mktemp -d` folder: mode 0700, out of the postgres
// user's reach. npm start and npm test used to die there with an unhandled EACCES from initdb.
describe(
  'embedded PostgreSQL in a folder only its owner can enter',
  { skip: !isRoot && 'needs root' },
  () => {
    it('starts, keeps its data across restarts, and leaves the folder closed', async () => {
      const closed = mkdtempSync(path.join(os.tmpdir(), 'closed-'));
      const dataDir = path.join(closed, 'clone', '.data', 'postgres');
      mkdirSync(path.dirname(dataDir), { recursive: true });
      const cwd = process.cwd();
      process.chdir(path.join(closed, 'clone'));
      try {
        const first = await startEmbeddedPostgres({ dataDir });
        try {
          await query(first.adminUrl, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
        } finally {
          await first.stop();
        }
        const again = await startEmbeddedPostgres({ dataDir });
        try {
          assert.deepEqual(await query(again.adminUrl, 'SELECT n FROM kept'), [{ n: 7 }]);
          // npm start's cluster is kept: an acknowledged commit must survive a power cut.
          assert.deepEqual(await query(again.adminUrl, 'SHOW fsync'), [{ fsync: 'on' }]);
          assert.equal(again.dataDir, first.dataDir, 'the same folder maps to the same cluster');
        } finally {
          await again.stop();
        }
        assert.equal(statSync(closed).mode & 0o777, 0o700, "the user's folder was not opened up");

        // Removing the checkout's data folder starts afresh, as it does for a non-root user.
        rmSync(path.join(closed, 'clone', '.data'), { recursive: true, force: true });
        const fresh = await startEmbeddedPostgres({ dataDir, temporary: true });
        try {
          const rows = await query(fresh.adminUrl, "SELECT to_regclass('kept') AS t");
          assert.deepEqual(rows, [{ t: null }]);
          // A throwaway cluster (tests, benchmarks) skips the flushes.
          assert.deepEqual(await query(fresh.adminUrl, 'SHOW fsync'), [{ fsync: 'off' }]);
        } finally {
          await fresh.stop();
        }
        assert.equal(existsSync(fresh.dataDir), false, 'a temporary cluster is deleted when stopped');
      } finally {
        process.chdir(cwd);
        rmSync(closed, { recursive: true, force: true });
      }
    });
  },
);
