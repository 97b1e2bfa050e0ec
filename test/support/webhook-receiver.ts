import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * A business's webhook endpoint on 127.0.0.1: keeps every delivery it is sent (refused ones too),
 * refuses the first `refuseFirst` with a 503 and accepts the rest with a 204.
 */
export async function startWebhookReceiver(
  refuseFirst = 0,
): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(deliveries.length <= refuseFirst ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, deliveries, server };
}
