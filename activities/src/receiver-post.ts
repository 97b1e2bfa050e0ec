import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a customer's webhook URL must not reach: this host, the private networks around it and
 * the cloud metadata service (169.254.169.254). Otherwise anyone with an API key could make the
 * worker POST into our own network (server-side request forgery).
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is loopback, private, link-local, shared, multicast or reserved. */
export function isPrivateAddress(address: string): boolean {
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

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

export interface ReceiverPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: receivers on this host or its network (development, tests). */
  allowPrivateNetworks: boolean;
}

/**
 * POSTs a JSON body to a customer's receiver and answers its status (redirects are not followed).
 * Throws ReceiverRefused for a private address unless allowed, and the socket's error otherwise.
 */
export function postToReceiver(url: string, o: ReceiverPost): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!o.allowPrivateNetworks && isIP(host) !== 0 && isPrivateAddress(host))
    return Promise.reject(new ReceiverRefused(`${host} is a private address`));
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
        signal: AbortSignal.timeout(o.timeoutMs),
        ...(o.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        // The body says nothing we keep; drained so the socket is released.
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}
