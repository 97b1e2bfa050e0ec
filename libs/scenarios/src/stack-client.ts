/** HTTP access to a running stack: the api and the Telnyx simulator's control API. */
export interface StackEndpoints {
  apiUrl: string;
  simUrl: string;
}

/**
 * One JSON request. A string body is sent as is (to test malformed JSON); anything else is
 * serialised. The response body is parsed when it is JSON, else returned as text.
 */
export async function http<T = any>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T };
}

export async function expectOk<T = any>(what: string, p: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what} failed: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
