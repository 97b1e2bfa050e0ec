import type { IncomingHttpHeaders } from 'node:http';

/** One request as the platform handlers see it. */
export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status: number;
  /** JSON body; none (e.g. GA4's 204) when undefined. */
  json?: unknown;
  headers?: Record<string, string>;
}

/** A header's one value (the first, when repeated). */
export function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body as a JSON object, or the reason it is not one. */
export function jsonObject(
  body: Buffer,
): { ok: true; value: Record<string, unknown> } | { ok: false; why: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, why: 'the body is not a JSON object' };
  return { ok: true, value: parsed as Record<string, unknown> };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON number, or a numeric string (proto3 JSON and the Graph API take both). */
export function numeric(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}
