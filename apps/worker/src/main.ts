import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // Nest owns SIGINT/SIGTERM so the worker drains through beforeApplicationShutdown.
  Runtime.install({ shutdownSignals: [] });
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
