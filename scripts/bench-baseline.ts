import http from 'node:http';
import Telnyx from 'telnyx';
import { parseTelnyxWebhook, publicKeyFromBase64, verifyTelnyxSignature } from '@switchboard/telephony';

/**
 * The benchmark's baseline: the least a webhook handler can do to answer a call. It verifies the
 * signature like the api, acknowledges, answers on call.initiated and hangs up on call.answered,
 * keeping no state, no database and no workflow. Started as its own process, like the api.
 */
const port = Number(process.env.BASELINE_PORT ?? 0);
const key = publicKeyFromBase64(process.env.TELNYX_PUBLIC_KEY ?? '');
const telnyx = new Telnyx({
  apiKey: process.env.TELNYX_API_KEY,
  baseURL: process.env.TELNYX_BASE_URL,
  maxRetries: 0,
});

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const check = verifyTelnyxSignature(
      raw,
      req.headers['telnyx-signature-ed25519'] as string | undefined,
      req.headers['telnyx-timestamp'] as string | undefined,
      key,
    );
    if (!check.ok) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const e = parseTelnyxWebhook(JSON.parse(raw.toString('utf8')));
    const commandId = `${e.eventId}/baseline`;
    if (e.type === 'call.initiated' && e.direction === 'incoming') {
      telnyx.calls.actions.answer(e.callControlId, { command_id: commandId }).catch(() => undefined);
    } else if (e.type === 'call.answered') {
      telnyx.calls.actions.hangup(e.callControlId, { command_id: commandId }).catch(() => undefined);
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  const addr = server.address() as { port: number };
  console.log(JSON.stringify({ baselineUrl: `http://127.0.0.1:${addr.port}/` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
