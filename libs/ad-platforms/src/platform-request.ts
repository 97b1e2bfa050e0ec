import type { IncomingHttpHeaders } from 'node:http';
import { ReceiverRefused, requestReceiver } from '@switchboard/outbound';
import type { UploadResult } from './adapter';

/** How the adapters reach the platforms: their base URLs (configuration) and the sender's rules. */
export interface PlatformEndpoints {
  /** GOOGLE_ADS_API_URL, e.g. https://googleads.googleapis.com */
  readonly googleAdsBaseUrl: string;
  /** GA4_MP_URL, e.g. https://www.google-analytics.com */
  readonly ga4BaseUrl: string;
  /** META_GRAPH_URL, e.g. https://graph.facebook.com */
  readonly metaBaseUrl: string;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: only the local fakes (development, tests) are on loopback. */
  readonly allowPrivateNetworks: boolean;
  /** How long one platform has to answer; default 10 s. */
  readonly timeoutMs?: number;
}

export interface PlatformAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or null when there was none or it was not JSON. */
  json: unknown;
}

export const DEFAULT_PLATFORM_TIMEOUT_MS = 10_000;

/**
 * One JSON POST to a platform through libs/outbound's guarded sender. A network failure, a timeout
 * or a refused address is a `retry` result (the conversion is kept and tried again), never a throw.
 */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  o: Pick<PlatformEndpoints, 'allowPrivateNetworks' | 'timeoutMs'>,
): Promise<PlatformAnswer | Extract<UploadResult, { status: 'retry' }>> {
  try {
    const answer = await requestReceiver(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      timeoutMs: o.timeoutMs ?? DEFAULT_PLATFORM_TIMEOUT_MS,
      allowPrivateNetworks: o.allowPrivateNetworks,
      keepBody: true,
    });
    return { status: answer.status, headers: answer.headers, json: parseJson(answer.body) };
  } catch (err) {
    const why = err instanceof ReceiverRefused ? `refused: ${err.message}` : (err as Error).message;
    return { status: 'retry', code: 'network', message: `could not reach ${new URL(url).host}: ${why}` };
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return null;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

export function isRetry(a: PlatformAnswer | UploadResult): a is Extract<UploadResult, { status: 'retry' }> {
  return 'status' in a && a.status === 'retry';
}

/** HTTP's Retry-After in seconds (delta form only; platforms do not send dates), else undefined. */
export function retryAfterHeader(headers: IncomingHttpHeaders): number | undefined {
  const raw: unknown = headers['retry-after'];
  const first: unknown = Array.isArray(raw) ? raw[0] : raw;
  const v = typeof first === 'string' ? first.trim() : '';
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

/** A plain object's field, for reading platforms' JSON without trusting its shape. */
export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** A JSON string or number as text; undefined for anything else. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
