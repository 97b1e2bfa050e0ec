import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { loadConfig, mediaSigningSecret } from '@switchboard/config';
import { createLogger, PinoNestLogger, setRootLogger } from '@switchboard/observability';
import { PinoTemporalLogger } from './observability/temporal-logger';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const cfg = loadConfig();
  // Settings the worker cannot run calls without stop it here, named, before it polls for work.
  mediaSigningSecret(cfg);
  const { observability } = cfg;
  const log = createLogger({
    level: observability.logLevel,
    format: observability.logFormat,
    base: { app: 'worker' },
  });
  setRootLogger(log);
  // Nest owns SIGINT/SIGTERM so the worker drains through beforeApplicationShutdown. The SDK's,
  // workflows' and activities' log lines go to pino with their workflowId/activityId fields.
  Runtime.install({
    shutdownSignals: [],
    logger: new PinoTemporalLogger(log.child({ component: 'temporal' })),
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger(log) });
  app.enableShutdownHooks();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
