import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@switchboard/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const app = await createApiApp();
  await app.listen(cfg.api.port, cfg.api.host);
  new Logger('Api').log(`listening on http://${cfg.api.host}:${cfg.api.port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
