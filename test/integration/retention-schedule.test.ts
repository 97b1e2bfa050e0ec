import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { ENFORCE_RETENTION_WORKFLOW } from '@switchboard/contracts';
import { ensureRetentionSchedule } from '@switchboard/temporal';
import { testServers, uniqueName } from '../support/test-env';

/** The retention schedule every worker sets at start, on the run's Temporal server. */
describe('the retention schedule (RETENTION_SCHEDULE)', () => {
  let connection: Connection;
  let client: Client;
  const taskQueue = uniqueName('retention_schedule');
  // Its own id: the run's workers (the worker app's tests) set the real one on the same server.
  const scheduleId = uniqueName('retention_daily');

  before(async () => {
    connection = await Connection.connect({ address: testServers().temporalAddress });
    client = new Client({ connection, namespace: 'default' });
  });
  after(async () => {
    await ensureRetentionSchedule(client, { scheduleId, taskQueue, cron: 'off' }).catch(() => undefined);
    await connection?.close();
  });

  it('is created once, updated by every later worker, and deleted by off', async () => {
    assert.equal(
      await ensureRetentionSchedule(client, { scheduleId, taskQueue, cron: '0 3 * * *' }),
      'created',
    );
    assert.equal(
      await ensureRetentionSchedule(client, { scheduleId, taskQueue, cron: '15 4 * * *' }),
      'updated',
    );
    const d = await client.schedule.getHandle(scheduleId).describe();
    assert.equal(d.action.type, 'startWorkflow');
    assert.equal(d.action.workflowType, ENFORCE_RETENTION_WORKFLOW);
    assert.equal(d.action.taskQueue, taskQueue);
    assert.deepEqual(d.action.args, [{ dryRun: false }]);
    // Temporal reads the cron expression into calendars: 04:15 every day.
    const [calendar] = d.spec.calendars ?? [];
    assert.deepEqual(
      [calendar?.hour, calendar?.minute],
      [[{ start: 4, end: 4, step: 1 }], [{ start: 15, end: 15, step: 1 }]],
    );
    assert.equal(await ensureRetentionSchedule(client, { scheduleId, taskQueue, cron: 'off' }), 'deleted');
    assert.equal(await ensureRetentionSchedule(client, { scheduleId, taskQueue, cron: 'off' }), 'absent');
  });
});
