import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http';
import { signEmailWebhook } from '../../apps/api/src/emails/email-signature';
import { startStack, type RunningStack } from '../../scripts/stack';
import { createTestDatabase, testServers, uniqueName } from '../support/test-env';

/** Whether a TCP port on loopback can be bound right now (nothing holds it). */
const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * Email tracking on the stack `npm start` runs (scripts/stack.ts), out of the box: the webhook has a
 * secret of the install and forwarded mail lands in the simulator's mail sink, readable over HTTP.
 */
describe('npm start stack: email tracking works without configuration', () => {
  let stack: RunningStack;

  before(async () => {
    const db = await createTestDatabase();
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: testServers().temporalAddress,
      TEMPORAL_TASK_QUEUE: uniqueName('calls'),
    });
    stack = await startStack({ ephemeral: true, log: () => undefined, childOutput: 'quiet' });
  });

  after(async () => {
    await stack?.stop();
  });

  it('accepts a signed email, stores and attributes it, and forwards it to the readable sink', async () => {
    const api = (method: string, path: string, body?: unknown) =>
      http(method, `${stack.apiUrl}${path}`, body, { authorization: `Bearer ${stack.apiKey}` });
    const p = await api('POST', '/v1/properties', { name: 'Juniper Flats', timeZone: 'America/Denver' });
    const base = `/v1/properties/${(p.body as { id: string }).id}`;
    const source = (await api('POST', `${base}/sources`, { name: 'Zillow' })).body as { id: string };
    const issued = await api('POST', `${base}/sources/${source.id}/email-address`);
    const address = (issued.body as { address: string }).address;
    await api('PUT', `${base}/email-routing`, { forwardTo: 'office@juniper.example' });

    const body = JSON.stringify({
      messageId: '<first-try@mail.example.com>',
      from: 'Jane Renter <jane@example.com>',
      to: [address],
      subject: 'Tour on Saturday?',
      text: 'Could I see the 1-bedroom on Saturday?',
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${stack.apiUrl}/webhooks/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-switchboard-timestamp': ts,
        'x-switchboard-signature': signEmailWebhook(stack.emailWebhookSecret ?? '', ts, body),
      },
      body,
    });
    const reply = (await res.json()) as {
      status: string;
      emails: { id: string; sourceId: string; forwardStatus: string }[];
    };
    assert.equal(res.status, 200, JSON.stringify(reply));
    assert.deepEqual(
      [reply.status, reply.emails[0].sourceId, reply.emails[0].forwardStatus],
      ['stored', source.id, 'forwarded'],
    );
    const stored = (await api('GET', `${base}/emails/${reply.emails[0].id}`)).body as {
      sourceName: string;
      subject: string;
      forward: { status: string; to: string };
    };
    assert.deepEqual(
      [stored.sourceName, stored.subject, stored.forward.status, stored.forward.to],
      ['Zillow', 'Tour on Saturday?', 'forwarded', 'office@juniper.example'],
    );

    const mail = await fetch(`${stack.simUrl}/sim/mail`);
    assert.equal(mail.status, 200);
    const { items } = (await mail.json()) as { items: { to: string[]; subject: string; text: string }[] };
    assert.equal(items.length, 1);
    assert.deepEqual(items[0].to, ['office@juniper.example']);
    assert.equal(items[0].subject, '[Zillow] Tour on Saturday?');
    assert.match(items[0].text, /Could I see the 1-bedroom on Saturday\?/);
  });

  it('releases the mail sink’s port when stopped', async () => {
    const port = Number(new URL(stack.smtpUrl ?? 'smtp://127.0.0.1:1').port);
    assert.equal(await portIsFree(port), false, 'the sink listens');
    await stack.stop();
    assert.equal(await portIsFree(port), true, 'released on stop');
  });
});
