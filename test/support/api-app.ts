import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestDatabase, testServers, uniqueName } from './test-env';

export interface ApiOnly {
  url: string;
  dbUrl: string;
  taskQueue: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** The real api on its own database and task queue, without a worker (for API-level tests). */
export async function startApiOnly(env: Record<string, string> = {}): Promise<ApiOnly> {
  const { temporalAddress } = testServers();
  const db = await createTestDatabase();
  const taskQueue = uniqueName('api_only');
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...env,
  });
  const app: INestApplication = await createApiApp({ logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    dbUrl: db.url,
    taskQueue,
    async request(method, path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed };
    },
    async stop() {
      await app.close();
      await db.drop();
    },
  };
}
