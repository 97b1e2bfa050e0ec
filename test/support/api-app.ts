import type { INestApplication } from '@nestjs/common';
import type { Logger } from '@switchboard/observability';
import { http } from '@switchboard/scenarios';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestAccount, TEST_ADMIN_TOKEN, withKey } from './accounts';
import { createTestDatabase, testServers, uniqueName } from './test-env';

export interface ApiOnly {
  app: INestApplication;
  url: string;
  dbUrl: string;
  taskQueue: string;
  /** The test account's unrestricted key, sent by `request` unless headers say otherwise. */
  apiKey: string;
  accountId: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * The real api on its own database and task queue, without a worker (for API-level tests). Silent
 * unless `opts.log` is given (tests that read the log lines).
 */
export async function startApiOnly(
  env: Record<string, string> = {},
  opts: { log?: Logger } = {},
): Promise<ApiOnly> {
  const { temporalAddress } = testServers();
  const db = await createTestDatabase();
  const taskQueue = uniqueName('api_only');
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...env,
  });
  const app: INestApplication = await createApiApp(opts.log ? { log: opts.log } : { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const { apiKey, accountId } = await createTestAccount(url);
  return {
    app,
    url,
    dbUrl: db.url,
    taskQueue,
    apiKey,
    accountId,
    request: (method, path, body, headers) => http(method, `${url}${path}`, body, withKey(apiKey, headers)),
    async stop() {
      await app.close();
      await db.drop();
    },
  };
}
