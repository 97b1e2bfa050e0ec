/** HTTP access to a running stack: the api and the Telnyx simulator's control API. */
export interface StackEndpoints {
  apiUrl: string;
  simUrl: string;
  /** An account's API key for the api's /v1 routes. */
  apiKey?: string;
  /** The platform operator's token: sees calls no property owns (unknown numbers). */
  adminToken?: string;
  /** The ad platforms' fake (apps/ads-sim), when the stack runs one: what conversions reached. */
  adsSimUrl?: string;
}

/**
 * One JSON request. A string body is sent as is (to test malformed JSON); anything else is
 * serialised. The response body is parsed when it is JSON, else returned as text.
 */
export async function http<T = unknown>(
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

export async function expectOk<T = unknown>(
  what: string,
  p: Promise<{ status: number; body: T }>,
): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what} failed: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Requests to the api of a stack, path from the api's root (`/v1/...`), with the stack's API key. */
export function apiClient(s: StackEndpoints) {
  const auth: Record<string, string> = s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {};
  return <T = unknown>(method: string, path: string, body?: unknown) =>
    http<T>(method, `${s.apiUrl}${path}`, body, auth);
}
