import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { evaluateSchedule, type Schedule } from '@switchboard/domain';
import { testServers, uniqueName } from '../support/test-env';

const office: Schedule = {
  id: 'office',
  timeZone: 'America/Chicago',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
  overrides: [{ name: 'Thanksgiving', date: '2026-11-26' }],
};

/** Instants around a DST change and a holiday, where a sandbox without full Intl would go wrong. */
const instants = [
  '2026-03-09T14:30:00Z', // Monday after the spring change: 09:30 CDT, open
  '2026-03-06T14:30:00Z', // Friday before it: 08:30 CST, closed
  '2026-11-02T15:00:00Z', // Monday after the autumn change: 09:00 CST, open
  '2026-11-26T16:00:00Z', // Thanksgiving 10:00: holiday
  '2026-11-27T23:30:00Z', // Friday 17:30: closed
];

describe('the domain library inside the Temporal workflow sandbox', () => {
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  let nativeConnection: NativeConnection;
  const taskQueue = uniqueName('probe');

  before(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const { temporalAddress } = testServers();
    nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./domain-probe.workflow'),
        logger: new DefaultLogger('WARN'),
      }),
    });
    running = worker.run();
    client = new Client({ connection: await Connection.connect({ address: temporalAddress }) });
  });
  after(async () => {
    worker?.shutdown();
    await running;
    await client?.connection.close();
    await nativeConnection?.close();
  });

  it('judges schedules exactly as it does in Node', async () => {
    const inSandbox = await client.workflow.execute('domainProbe', {
      taskQueue,
      workflowId: uniqueName('probe'),
      args: [office, instants],
    });
    const inNode = instants.map((at) => {
      const v = evaluateSchedule(office, at, 'America/Chicago');
      return { at, open: v.open, reason: v.reason, hour: v.local.hour, offset: v.local.offsetMinutes };
    });
    assert.deepEqual(inSandbox, inNode);
    assert.deepEqual(
      (inSandbox as { open: boolean }[]).map((r) => r.open),
      [true, false, true, false, false],
    );
  });
});
