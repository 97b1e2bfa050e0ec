import type { INestApplication } from '@nestjs/common';
import type { Logger } from '@switchboard/observability';
import { http } from './http';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestAccount, TEST_ADMIN_TOKEN, withKey } from './accounts';
import { checkedResponse } from './openapi-responses';
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
  /** Closes the api (as a process that stops) and keeps its database, for another api to use. */
  closeApp(): Promise<void>;
  /** Closes the api, if not yet, and drops its database. */
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
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    dbUrl: db.url,
    taskQueue,
    apiKey,
    accountId,
    // Every JSON 2xx answer is checked against docs/openapi.json (openapi-responses.ts).
    request: (method, path, body, headers) =>
      checkedResponse(method, path, http(method, `${url}${path}`, body, withKey(apiKey, headers))),
    closeApp: () => (closing ??= app.close()),
    async stop() {
      await (closing ??= app.close());
      await db.drop();
    },
  };
}

export interface AnotherApi {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * Another api process on `first`'s database and task queue (as behind a load balancer), built as
 * `startApiOnly` builds the first; `env` adds to the first's environment.
 */
export async function anotherApi(first: ApiOnly, env: Record<string, string> = {}): Promise<AnotherApi> {
  Object.assign(process.env, { DATABASE_URL: first.dbUrl, TEMPORAL_TASK_QUEUE: first.taskQueue, ...env });
  const app: INestApplication = await createApiApp({ logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}
