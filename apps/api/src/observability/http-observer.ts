import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@switchboard/observability';
import type { AccessScope } from '../auth/access-scope';
import type { ApiMetrics } from './api-metrics';
import { requestLogFields } from './request-log-fields';

/** Probes and scrapes arrive every few seconds: logged at debug so they do not drown real traffic. */
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

/**
 * One log line and one histogram sample per request, when the response is finished. The line has
 * method, path (no query string: it may carry tokens), route template, status, duration and the
 * API key's id when one authenticated the request; never headers or bodies.
 */
export function httpObserver(log: Logger, metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeTemplate(req);
      metrics.httpDuration.observe(
        { method: req.method, route, status_code: String(res.statusCode) },
        seconds,
      );
      const scope = (req as { scope?: AccessScope }).scope;
      const path = req.originalUrl.split('?')[0];
      const line = {
        method: req.method,
        path,
        route,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e4) / 10,
        ...(scope ? { keyId: scope.keyId, accountId: scope.accountId } : {}),
        ...requestLogFields(req),
      };
      if (res.statusCode >= 500) log.error(line, 'request failed');
      else if (QUIET_PATHS.has(path)) log.debug(line, 'request');
      else log.info(line, 'request');
    });
    next();
  };
}

/**
 * The matched route's template (`/v1/properties/:propertyId`), never the raw path: ids in labels
 * would make a series per call. Unmatched requests (404s, static docs) share one label.
 */
function routeTemplate(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return req.originalUrl.startsWith('/docs') ? '/docs' : 'unmatched';
}
