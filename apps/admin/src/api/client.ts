import createClient, { type Client } from 'openapi-fetch';
import { ApiProblem, problemFrom, unreachable } from './problem';
import type { paths } from './schema';

/**
 * The console's only way to the api: openapi-fetch typed by schema.d.ts, which `npm run openapi`
 * generates from docs/openapi.json. Paths, parameters, bodies and responses all come from there,
 * so a request the api would not accept does not compile.
 */
export type Api = Client<paths>;

export function createApi(key: string, onUnauthorized: () => void): Api {
  const api = createClient<paths>({ baseUrl: window.location.origin });
  api.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${key}`);
      return request;
    },
    onResponse({ response }) {
      // A revoked or mistyped key: back to sign-in, whatever page asked.
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
  return api;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful answer, or an ApiProblem (status, code, message, the fields it names).
 * `unwrap(api.GET('/v1/properties'))`.
 */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (err) {
    if (err instanceof ApiProblem) throw err;
    throw unreachable(err);
  }
  if (result.error !== undefined || !result.response.ok)
    throw problemFrom(result.response.status, result.error);
  return result.data as T;
}
