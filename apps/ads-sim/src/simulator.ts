import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uploadClickConversions, GOOGLE_ADS_PATH } from './google-ads-api';
import { measurementCollect } from './ga4-api';
import { META_PATH, metaEvents } from './meta-api';
import { SimState, type DroppedEvent, type ReceivedConversion, type SimPlatform } from './sim-state';
import { isObject, jsonObject, type Reply, type SimRequest } from './sim-http';

export interface AdsSimulatorOptions {
  /** 0 or unset: a free port. */
  port?: number;
  host?: string;
  /** The simulator's clock (time windows: Google's 90 days, GA4's 72 hours, Meta's 7 days). */
  now?: () => number;
}

export interface AdsSimulator {
  /** Root URL: GOOGLE_ADS_API_URL, GA4_MP_URL and META_GRAPH_URL all point here. */
  url: string;
  /** Conversions the platforms accepted, oldest first. */
  received(): ReceivedConversion[];
  /** How many requests reached the platforms' endpoints (not /sim), answered or refused. */
  requests(): number;
  /** GA4 events dropped as GA4 would have, with why. */
  dropped(): DroppedEvent[];
  /** Answers the next `count` requests to `platform` as that platform's rate limit. */
  rateLimitNext(platform: SimPlatform, count?: number): void;
  reset(): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const PLATFORMS: readonly SimPlatform[] = ['google_ads', 'ga4', 'meta'];

/**
 * One loopback HTTP server standing in for Google Ads, GA4 Measurement Protocol and the Meta
 * Conversions API, on their own paths, plus a control API under `/sim`.
 */
export async function startAdsSimulator(o: AdsSimulatorOptions = {}): Promise<AdsSimulator> {
  const state = new SimState();
  const now = o.now ?? Date.now;
  let requests = 0;

  const route = (req: SimRequest): Reply => {
    const path = req.url.pathname;
    if (!path.startsWith('/sim/')) requests += 1;
    const google = GOOGLE_ADS_PATH.exec(path);
    if (google) return uploadClickConversions(req, google[1], decodeURIComponent(google[2]), state, now());
    if (path === '/mp/collect') return measurementCollect(req, false, state, now());
    if (path === '/debug/mp/collect') return measurementCollect(req, true, state, now());
    const meta = META_PATH.exec(path);
    if (meta) return metaEvents(req, decodeURIComponent(meta[2]), state, now());
    return control(req);
  };

  const control = (req: SimRequest): Reply => {
    const path = req.url.pathname;
    if (req.method === 'GET' && path === '/sim/health') return { status: 200, json: { ok: true } };
    if (req.method === 'GET' && path === '/sim/received')
      return { status: 200, json: { received: state.received, dropped: state.dropped, requests } };
    if (req.method === 'POST' && path === '/sim/reset') {
      state.reset();
      requests = 0;
      return { status: 204 };
    }
    if (req.method === 'POST' && path === '/sim/rate-limit') {
      const parsed = jsonObject(req.body);
      const b = parsed.ok ? parsed.value : null;
      const platform = isObject(b) ? b.platform : undefined;
      const count = isObject(b) && b.count !== undefined ? b.count : 1;
      if (!PLATFORMS.includes(platform as SimPlatform) || !Number.isInteger(count) || (count as number) < 0)
        return {
          status: 400,
          json: { error: 'platform must be google_ads, ga4 or meta; count a whole number' },
        };
      state.rateLimitNext(platform as SimPlatform, count as number);
      return { status: 204 };
    }
    return { status: 404, json: { error: `no route for ${req.method} ${path}` } };
  };

  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        let reply: Reply;
        try {
          reply = route({
            method: req.method ?? 'GET',
            url: new URL(req.url ?? '/', 'http://ads-sim'),
            headers: req.headers,
            body,
          });
        } catch (err) {
          reply = { status: 500, json: { error: (err as Error).message } };
        }
        send(res, reply);
      },
      () => send(res, { status: 413, json: { error: 'body too large' } }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    received: () => [...state.received],
    requests: () => requests,
    dropped: () => [...state.dropped],
    rateLimitNext: (platform, count = 1) => state.rateLimitNext(platform, count),
    reset: () => {
      state.reset();
      requests = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
  res.writeHead(reply.status, {
    ...(reply.json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...reply.headers,
  });
  res.end(body);
}
