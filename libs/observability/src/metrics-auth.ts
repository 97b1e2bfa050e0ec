import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a scrape may read the metrics: with a `METRICS_TOKEN` it must send it as a bearer token;
 * without one the endpoint is open, which is meant for the default loopback-only bind address.
 */
export function metricsAuthorized(token: string | undefined, authorization: string | undefined): boolean {
  if (!token) return true;
  const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
