import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * A business's webhook endpoint on 127.0.0.1: keeps every delivery it is sent (refused ones too).
 * `answers` a number: refuses that many first deliveries with a 503 and accepts the rest with a
 * 204; a list: answers each delivery with the next status of it, the last one from then on.
 */
export async function startWebhookReceiver(
  answers: number | number[] = 0,
): Promise<{ url: string; deliveries: Delivery[]; server: Server; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const statusOf = (n: number) =>
    typeof answers === 'number' ? (n <= answers ? 503 : 204) : answers[Math.min(n, answers.length) - 1];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(statusOf(deliveries.length)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    deliveries,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
