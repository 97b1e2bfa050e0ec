import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dropDatabase } from '@switchboard/devstack';
import { loadScenario, runScenario, type StackEndpoints } from '@switchboard/scenarios';
import { REPO_ROOT } from '../support/repo-root';
import { startStack, type RunningStack } from '../../scripts/stack';
import { createTestDatabase, testServers, uniqueName } from '../support/test-env';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm start -- --temporal postgres --apis 2 --workers 2`, as scripts/stack.ts starts it: temporal-server
 * with its history in PostgreSQL and the Web UI, two api processes behind one entry point, two workers.
 */
describe('npm start on Temporal-on-PostgreSQL with 2 api and 2 worker processes', () => {
  let stack: RunningStack;
  let endpoints: StackEndpoints;
  const temporalDb = uniqueName('temporal');
  const settings = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_DATABASE_URL', 'TEMPORAL_TASK_QUEUE'];
  const saved = Object.fromEntries(settings.map((k) => [k, process.env[k]]));
  let dropAppDb = async () => {};

  before(async () => {
    const db = await createTestDatabase();
    dropAppDb = () => db.drop();
    // No TEMPORAL_ADDRESS: the stack starts a temporal-server of its own, on this run's PostgreSQL.
    delete process.env.TEMPORAL_ADDRESS;
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      TEMPORAL_DATABASE_URL: `${testServers().pgAdminUrl.replace(/\/[^/]*$/, '')}/${temporalDb}`,
      TEMPORAL_TASK_QUEUE: uniqueName('calls'),
    });
    stack = await startStack({
      ephemeral: true,
      log: () => undefined,
      childOutput: 'quiet',
      simTimeScale: 0.1,
      temporalStore: 'postgres',
      apis: 2,
      workers: 2,
    });
    endpoints = {
      apiUrl: stack.apiUrl,
      simUrl: stack.simUrl!,
      apiKey: stack.apiKey,
      adminToken: stack.adminToken,
    };
  });

  after(async () => {
    await stack?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await dropAppDb().catch(() => undefined);
    for (const name of [temporalDb, `${temporalDb}_visibility`])
      await dropDatabase(testServers().pgAdminUrl, name).catch(() => undefined);
  });

  it('runs 2 api processes behind one entry point, 2 workers, temporal-server and its Web UI', async () => {
    assert.equal(stack.apiUrls.length, 2);
    assert.ok(!stack.apiUrls.includes(stack.apiUrl), 'the api URL is the entry point, not one process');
    for (const url of [stack.apiUrl, ...stack.apiUrls])
      assert.equal((await fetch(`${url}/health`)).status, 200);
    assert.equal(stack.processes.workers.length, 2);
    assert.ok(stack.processes.temporal && alive(stack.processes.temporal));
    assert.ok(stack.temporalUiUrl, 'the Web UI runs');
    assert.equal((await fetch(stack.temporalUiUrl)).status, 200);
  });

  for (const file of ['forwarding.yaml', 'menu-flow.yaml']) {
    it(`scenarios/${file} passes through the entry point`, async () => {
      const scenario = loadScenario(path.join(REPO_ROOT, 'scenarios', file));
      const results = await runScenario(endpoints, scenario);
      assert.deepEqual(
        results.filter((r) => !r.passed).map((r) => ({ call: r.call, failed: r.failed, error: r.error })),
        [],
      );
    });
  }

  it('stops every process it started', async () => {
    const pids = [stack.processes.temporal!, ...stack.processes.apis, ...stack.processes.workers];
    await stack.stop();
    assert.deepEqual(
      pids.filter((p) => alive(p)),
      [],
    );
    const refused = await fetch(`${stack.apiUrl}/health`).then(
      () => false,
      () => true,
    );
    assert.ok(refused, 'the entry point is closed');
  });
});
