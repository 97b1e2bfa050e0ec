import { http as request } from '@switchboard/scenarios';

/**
 * The stack client's one JSON request with the answer's body as `any`: tests read JSON answers
 * loosely on purpose (the library answers `unknown` unless told the body's type).
 */
export function http<T = any>(
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<{ status: number; body: T }> {
  return request<T>(method, url, body, headers);
}
