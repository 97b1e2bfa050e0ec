import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client as PgClient } from 'pg';
import {
  dropDatabase,
  locateTemporalServer,
  setupTemporalSchemas,
  temporalDatabasesAt,
  startTemporalServer,
  type RunningTemporalServer,
  type TemporalDatabases,
} from '@switchboard/devstack';
import { loadScenario, runScenario } from '@switchboard/scenarios';
import { REPO_ROOT } from '../support/repo-root';
import { startTestStack, type TestStack } from '../support/test-stack';
import { testServers, uniqueName } from '../support/test-env';

/** The same calls as on the dev server, with Temporal's history and visibility in PostgreSQL. */
describe('Temporal on PostgreSQL (npm start --temporal postgres)', () => {
  let dir: string;
  let server: RunningTemporalServer;
  let stack: TestStack;
  let db: TemporalDatabases;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'temporal-pg-'));
    const binaries = await locateTemporalServer((m) => console.log(m));
    assert.ok(binaries, 'temporal-server is built by npm test (needs Go)');
    db = temporalDatabasesAt(testServers().pgAdminUrl, uniqueName('temporal'));
    await setupTemporalSchemas(binaries, db, () => undefined);
    // Every start sets up or upgrades: a second run on an up-to-date schema changes nothing.
    await setupTemporalSchemas(binaries, db, () => undefined);
    server = await startTemporalServer({
      binaries,
      workDir: dir,
      persistence: { kind: 'postgres', ...db },
      historyShards: 2,
    });
    stack = await startTestStack({ timeScale: 0.1, temporalAddress: server.address });
  });

  after(async () => {
    await stack?.stop();
    await server?.stop();
    if (db) {
      await dropDatabase(testServers().pgAdminUrl, db.database).catch(() => undefined);
      await dropDatabase(testServers().pgAdminUrl, db.visibilityDatabase).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('the schemas are at the version the server release embeds', async () => {
    const c = new PgClient({
      connectionString: `${testServers().pgAdminUrl.replace(/\/[^/]*$/, '')}/${db.database}`,
    });
    await c.connect();
    try {
      const { rows } = await c.query<{ curr_version: string }>('SELECT curr_version FROM schema_version');
      assert.equal(rows.length, 1);
      assert.match(rows[0].curr_version, /^1\.\d+$/);
    } finally {
      await c.end();
    }
  });

  for (const file of ['forwarding.yaml', 'menu-flow.yaml']) {
    it(`scenarios/${file} passes`, async () => {
      const scenario = loadScenario(path.join(REPO_ROOT, 'scenarios', file));
      const results = await runScenario(stack.endpoints, scenario);
      assert.deepEqual(
        results.filter((r) => !r.passed).map((r) => ({ call: r.call, failed: r.failed, error: r.error })),
        [],
      );
    });
  }

  it('the calls are in the visibility store, found by their search attributes', async () => {
    const found: string[] = [];
    for await (const wf of stack.client.workflow.list({ query: `TrackingSource = 'Website'` }))
      found.push(wf.workflowId);
    assert.ok(found.length > 0, 'calls found by TrackingSource');
  });
});
