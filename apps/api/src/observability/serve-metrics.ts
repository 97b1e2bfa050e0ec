import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { metricsAuthorized, rootLogger } from '@switchboard/observability';
import type { SwitchboardConfig } from '@switchboard/config';
import { ApiMetrics } from './api-metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * `GET /metrics` in Prometheus' text format. A plain Express route, not a controller: it is an
 * operator endpoint like `/docs`, outside the REST API, its OpenAPI document and the key guard.
 * With `METRICS_TOKEN` set a scrape must send it as a bearer token.
 */
export function serveMetrics(app: INestApplication, cfg: SwitchboardConfig): void {
  const metrics = app.get(ApiMetrics);
  const token = cfg.observability.metricsToken;
  if (!token && !LOOPBACK.has(cfg.api.host))
    rootLogger().warn(
      { host: cfg.api.host },
      '/metrics is open on a non-loopback address: set METRICS_TOKEN to protect it',
    );
  const express = app.getHttpAdapter().getInstance() as {
    get(path: string, h: (req: Request, res: Response) => void): void;
  };
  express.get('/metrics', (req, res) => {
    if (!metricsAuthorized(token, req.headers.authorization)) {
      res.status(401).json({
        error: { status: 401, code: 'unauthorized', message: 'send METRICS_TOKEN as a bearer token' },
      });
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => res.type(metrics.registry.contentType).send(text))
      .catch((err: unknown) => res.status(500).send(String(err)));
  });
}
