import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress } from './private-address';

/** A receiver refused before any byte was sent: retrying cannot help until its URL or DNS changes. */
export class ReceiverRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiverRefused';
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * DNS lookup for the socket itself, refusing private answers: the address checked is the address
 * connected to, so a name that resolves elsewhere on a second lookup (DNS rebinding) cannot slip by.
 */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused)
      return callback(
        new ReceiverRefused(`${hostname} resolves to ${refused.address}, a private address`),
        [],
      );
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

export interface ReceiverRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: receivers on this host or its network (development, tests). */
  allowPrivateNetworks: boolean;
  /** Keep the answer's body (a download); otherwise it is read and dropped. */
  keepBody?: boolean;
}

export interface ReceiverAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Empty unless `keepBody`. */
  body: Buffer;
}

/**
 * The one way the product sends HTTP to a URL it was given (customers' receivers, links in carrier
 * events): http(s) only, never to a loopback, private or link-local address unless allowed, and
 * redirects are answers, not followed (a 3xx is the caller's to treat as a failure), so a receiver
 * cannot bounce the request inside our network. Throws ReceiverRefused for a refused address, the
 * socket's error otherwise.
 */
export async function requestReceiver(url: string, o: ReceiverRequest): Promise<ReceiverAnswer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ReceiverRefused(`${url} is not a URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new ReceiverRefused(`${target.protocol} URLs are not sent to`);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!o.allowPrivateNetworks && isIP(host) !== 0 && isPrivateAddress(host))
    throw new ReceiverRefused(`${host} is a private address`);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: o.method,
        headers: {
          ...o.headers,
          ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}),
        },
        signal: AbortSignal.timeout(o.timeoutMs),
        ...(o.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        // Drained even when not kept, so the socket is released.
        res.on('data', (c: Buffer) => {
          if (o.keepBody) chunks.push(c);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

export interface ReceiverPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: receivers on this host or its network (development, tests). */
  allowPrivateNetworks: boolean;
}

/** POSTs a JSON body to a customer's receiver (requestReceiver's rules) and answers its status. */
export async function postToReceiver(url: string, o: ReceiverPost): Promise<number> {
  return (await requestReceiver(url, { ...o, method: 'POST' })).status;
}

/**
 * Whether a receiver's answer (not a 2xx) ends a notification for good: a 3xx, since redirects
 * are not followed (one could point inside our network), or a 4xx other than 408 and 429, since a
 * receiver that refuses the request will refuse it again. A timeout, rate limiting and any 5xx
 * are worth another attempt. Voicemail and text notifications share this rule.
 */
export function isFinalAnswer(status: number): boolean {
  return status >= 300 && status < 500 && status !== 408 && status !== 429;
}
