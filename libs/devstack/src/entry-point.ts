import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The largest request the entry point holds to send again: above the api's own largest body (a
 * bundle with its audio, about 35 MB). Bodies are held so that a request that finds a process gone
 * (connection refused) can go to the next one: it never reached the first.
 */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const HEALTH_EVERY_MS = 1000;
const HEALTH_TIMEOUT_MS = 1000;

export interface EntryPointOptions {
  /** The api processes' base URLs (`http://127.0.0.1:PORT`). */
  upstreams: string[];
  port: number;
  host?: string;
  /** Largest request body held (default 64 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
}

export interface RunningEntryPoint {
  url: string;
  /** Requests each upstream answered, by URL (what `npm start` prints on Ctrl-C, and tests read). */
  served: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

interface Upstream {
  url: URL;
  up: boolean;
  served: number;
}

/**
 * One local address in front of several api processes, as a load balancer is in production
 * (docker/nginx.conf): requests go round the processes that answer their health check, a process
 * that refuses a connection is skipped at once and the request goes to the next, the client's
 * address is appended to X-Forwarded-For (the api trusts loopback proxies), and responses stream
 * back as they come (the agents' event stream stays open). For `npm start --apis N`; not a
 * production proxy.
 */
export async function startEntryPoint(o: EntryPointOptions): Promise<RunningEntryPoint> {
  if (o.upstreams.length === 0) throw new Error('the entry point needs at least one api process');
  const upstreams: Upstream[] = o.upstreams.map((u) => ({ url: new URL(u), up: true, served: 0 }));
  let next = 0;
  const order = (): Upstream[] => {
    const start = next++ % upstreams.length;
    const ring = [...upstreams.slice(start), ...upstreams.slice(0, start)];
    // Processes that failed their last check are tried last, not never: all may be restarting.
    return [...ring.filter((u) => u.up), ...ring.filter((u) => !u.up)];
  };

  const server = http.createServer((req, res) => {
    void readBody(req, o.maxBodyBytes ?? MAX_BODY_BYTES).then(
      (body) =>
        body === null ? refuse(res, 413, 'request body too large') : forward(req, res, body, order()),
      () => refuse(res, 400, 'request body could not be read'),
    );
  });
  // The agents' event stream is a response that never ends: no timeout may cut it.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  const checks = setInterval(() => {
    for (const u of upstreams) void healthy(u.url).then((ok) => (u.up = ok));
  }, HEALTH_EVERY_MS);
  checks.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    get served() {
      return new Map(upstreams.map((u) => [u.url.origin, u.served]));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(checks);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, candidates: Upstream[]): void {
  const target = candidates[0];
  if (!target) return refuse(res, 502, 'no api process answers');
  const client = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  const proxied = http.request(
    {
      host: target.url.hostname,
      port: target.url.port,
      method: req.method,
      path: req.url,
      headers: {
        ...req.headers,
        'x-forwarded-for': prior ? `${String(prior)}, ${client}` : client,
        'x-forwarded-proto': 'http',
        'content-length': String(body.length),
      },
    },
    (answer) => {
      target.served++;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      res.on('close', () => answer.destroy());
    },
  );
  proxied.on('error', (err: NodeJS.ErrnoException) => {
    if (res.headersSent) return void res.destroy();
    // Refused: the process is gone or not listening yet, and it saw nothing. Anything else may
    // have reached it, so it is not sent twice: the caller retries (Telnyx does).
    if (err.code === 'ECONNREFUSED') {
      target.up = false;
      return forward(req, res, body, candidates.slice(1));
    }
    refuse(res, 502, `api process ${target.url.origin} failed: ${err.code ?? err.message}`);
  });
  proxied.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Too large: answered at once; the rest is read and dropped so the answer can be sent.
      if (size > limit) return resolve(null);
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function refuse(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ statusCode: status, error: 'entry_point', message }));
}

async function healthy(url: URL): Promise<boolean> {
  try {
    return (await fetch(new URL('/health', url), { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })).ok;
  } catch {
    return false;
  }
}
