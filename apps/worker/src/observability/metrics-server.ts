import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { metricsAuthorized } from '@switchboard/observability';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The worker has no HTTP server of its own: this tiny one serves `GET /metrics` for Prometheus
 * (with `METRICS_TOKEN` as bearer when set) and answers 404 to anything else.
 */
export async function startMetricsServer(o: {
  registry: Registry;
  port: number;
  host: string;
  token?: string;
}): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (!metricsAuthorized(o.token, req.headers.authorization)) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('send METRICS_TOKEN as a bearer token\n');
      return;
    }
    o.registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': o.registry.contentType }).end(text))
      .catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
