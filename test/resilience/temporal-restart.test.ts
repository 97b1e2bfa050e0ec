import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  freePort,
  locateTemporalCli,
  startTemporalDevServer,
  type RunningDevServer,
} from '@switchboard/devstack';
import { ProcessStack } from './support/process-stack';
import {
  CALLS,
  LATE_S,
  RATE,
  RESILIENCE_BUNDLE,
  TIME_SCALE,
  pressed,
  runFaultScenario,
  secs,
  sleep,
  stages,
  waitUntil,
} from './support/call-load';
import { assertNothingLost } from './support/assertions';

describe('Temporal dev server stopped and restarted on its database with calls in flight', () => {
  let stack: ProcessStack;
  let server: RunningDevServer;
  let cli: string;
  let port: number;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-resilience-temporal-'));
  const dbFile = path.join(dir, 'temporal.sqlite');

  before(async () => {
    const found = await locateTemporalCli(() => undefined);
    if (!found) throw new Error('this scenario needs the Temporal CLI (npm test installs it)');
    cli = found;
    port = await freePort();
    server = await startTemporalDevServer({ cli, port, dbFile });
    stack = await ProcessStack.start({ timeScale: TIME_SCALE, temporalAddress: server.address });
    await stack.applyBundle(RESILIENCE_BUNDLE);
  });
  after(async () => {
    await stack?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every call resumes once the server is back', async () => {
    const r = await runFaultScenario({
      name: 'temporal-restart',
      stack,
      plan: { calls: CALLS, rate: RATE, lateS: LATE_S, kind: (i) => (i % 2 ? 'ring' : 'menu') },
      inject: async (calls) => {
        await waitUntil('the first menu choices', () => pressed(stack, calls) >= 3);
        const at = stages(stack, calls);
        const t = Date.now();
        await server.stop();
        await sleep(5000);
        server = await startTemporalDevServer({ cli, port, dbFile });
        return { ...at, temporal_down_s: secs(Date.now() - t) };
      },
    });
    assertNothingLost(r, stack);
  });
});
