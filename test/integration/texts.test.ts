import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const TRACKING = '+13125550199';
const OFFICE = '+13125550111';

interface Notified {
  delivery: string | undefined;
  body: any;
}

/** A stand-in for the property's notifyWebhookUrl. */
async function startReceiver(): Promise<{ url: string; got: Notified[]; close(): Promise<void> }> {
  const got: Notified[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery = req.headers['switchboard-delivery'];
      got.push({
        delivery: Array.isArray(delivery) ? delivery[0] : delivery,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/texts`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * SMS tracking end to end: the simulator delivers signed `message.received` webhooks to the real
 * api, which stores, attributes, forwards (through the simulator's messaging API) and notifies.
 */
describe('text messages', () => {
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let propertyId: string;
  let sourceId: string;
  let base: string;

  const sentTo = (to: string) => stack.sim.sentMessages().filter((m) => m.to === to);
  const conversationWith = async (from: string) => {
    const list = await stack.api('GET', `${base}/conversations?limit=500`);
    return (list.body.items as { id: string; externalNumber: string }[]).find(
      (c) => c.externalNumber === from,
    );
  };
  const text = async (from: string, body: string) => {
    const r = stack.sim.receiveText({ from, to: TRACKING, text: body });
    await stack.sim.idle();
    return r;
  };

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    receiver = await startReceiver();
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Sunset Apartments',
      timeZone: 'America/Chicago',
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    const s = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    sourceId = s.body.id;
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: TRACKING,
      sourceId,
      forwardTo: OFFICE,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
  });
  after(async () => {
    stack?.sim.setFaults({});
    await receiver?.close();
    await stack?.stop();
  });

  it('sets and reads the text routing, refusing bad input', async () => {
    assert.deepEqual((await stack.api('GET', `${base}/text-routing`)).body, {
      forwardTo: null,
      notifyWebhookUrl: null,
    });
    const bad = await stack.api('PUT', `${base}/text-routing`, {
      forwardTo: '555',
      notifyWebhookUrl: 'nope',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.error.fields.map((f: { field: string }) => f.field).sort(), [
      'forwardTo',
      'notifyWebhookUrl',
    ]);
    const put = await stack.api('PUT', `${base}/text-routing`, {
      forwardTo: '+1 (312) 555-0111',
      notifyWebhookUrl: receiver.url,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body, { forwardTo: OFFICE, notifyWebhookUrl: receiver.url });
    assert.deepEqual((await stack.api('GET', `${base}/text-routing`)).body, put.body);
    const missing = await stack.api('GET', `/v1/properties/${randomUUID()}/text-routing`);
    assert.equal(missing.status, 404);
  });

  it('stores, attributes, forwards and announces an inbound text', async () => {
    const placed = await text('+13125550100', 'Is the 2BR still available?');
    const conv = await eventually('the conversation', () => conversationWith('+13125550100'));
    const full = await stack.api('GET', `${base}/conversations/${conv.id}`);
    assert.equal(full.status, 200);
    assert.equal(full.body.trackingNumber, TRACKING);
    assert.equal(full.body.sourceId, sourceId);
    assert.equal(full.body.sourceName, 'Zillow');
    assert.equal(full.body.sessionId, null);
    assert.equal(full.body.optedOut, false);
    assert.equal(full.body.messages.length, 1);
    const [m] = full.body.messages;
    assert.equal(m.direction, 'inbound');
    assert.equal(m.body, 'Is the 2BR still available?');
    assert.equal(m.carrierId, placed.message_id);
    assert.equal(m.forwardedTo, OFFICE);

    const forwards = sentTo(OFFICE);
    assert.equal(forwards.length, 1);
    assert.equal(forwards[0].from, TRACKING);
    assert.equal(forwards[0].text, 'Text from +13125550100 (Zillow): Is the 2BR still available?');
    assert.equal(m.forwardCarrierId, forwards[0].id);

    const note = await eventually('the notification', async () =>
      receiver.got.find((g) => g.body.id === m.id),
    );
    assert.equal(note.delivery, m.id);
    assert.equal(note.body.type, 'text.received');
    assert.equal(note.body.conversationId, conv.id);
    assert.equal(note.body.from, '+13125550100');
    assert.deepEqual(note.body.source, { id: sourceId, name: 'Zillow' });
    assert.equal(note.body.forwardedTo, OFFICE);

    const bySource = await stack.api('GET', `${base}/conversations?sourceId=${sourceId}`);
    assert.ok(bySource.body.items.some((c: { id: string }) => c.id === conv.id));
    const otherSource = await stack.api('GET', `${base}/conversations?sourceId=${randomUUID()}`);
    assert.equal(otherSource.body.total, 0);
  });

  it('attributes a text to a pool number to the website visit that was shown the number', async () => {
    const origin = 'https://sunset.example';
    const dni = await stack.api('PATCH', `${base}/dni`, {
      allowedOrigins: [origin],
      swapNumbers: ['+13125550100'],
    });
    assert.equal(dni.status, 200, JSON.stringify(dni.body));
    const ads = await stack.api('POST', `${base}/sources`, {
      name: 'Facebook',
      dniRules: [{ kind: 'query_param', param: 'utm_source', values: ['facebook'] }],
      priority: 1,
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const n = await stack.api('POST', `${base}/tracking-numbers`, {
        number: `+1312555030${i}`,
        sourceId: ads.body.id,
        forwardTo: OFFICE,
      });
      ids.push(n.body.id);
    }
    const pool = await stack.api('POST', `${base}/pools`, {
      sourceId: ads.body.id,
      trackingNumberIds: ids,
      exhaustionPolicy: 'main_number',
    });
    assert.equal(pool.status, 201, JSON.stringify(pool.body));
    const v = await fetch(`${stack.apiUrl}/dni/${dni.body.dniKey}/visits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({
        landingUrl: `${origin}/?utm_source=facebook&utm_campaign=spring`,
        pageUrl: `${origin}/`,
      }),
    });
    const visit = (await v.json()) as { sessionId: string; swaps: { replacement: string }[] };
    assert.equal(visit.swaps.length, 1);

    stack.sim.receiveText({ from: '+13125550177', to: visit.swaps[0].replacement, text: 'Saw your ad' });
    await stack.sim.idle();
    const conv = await eventually('the conversation', () => conversationWith('+13125550177'));
    const full = await stack.api('GET', `${base}/conversations/${conv.id}`);
    assert.equal(full.body.sessionId, visit.sessionId);
    assert.equal(full.body.sourceName, 'Facebook');
  });

  it('stores a duplicated webhook once and forwards it once', async () => {
    stack.sim.setFaults({ duplicateWebhooks: true });
    const before = sentTo(OFFICE).length;
    const placed = await text('+13125550102', 'Pets allowed?');
    stack.sim.setFaults({});
    const conv = await eventually('the conversation', () => conversationWith('+13125550102'));
    const full = await stack.api('GET', `${base}/conversations/${conv.id}`);
    assert.equal(
      full.body.messages.filter((x: { carrierId: string }) => x.carrierId === placed.message_id).length,
      1,
    );
    assert.equal(sentTo(OFFICE).length, before + 1);
    const events = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM text_messages WHERE event_id = $1`,
      [placed.event_id],
    );
    assert.equal(events[0].n, 1);
  });

  it('replies in a conversation from the tracking number', async () => {
    const conv = await eventually('the conversation', () => conversationWith('+13125550100'));
    const r = await stack.api('POST', `${base}/conversations/${conv.id}/messages`, {
      text: 'Yes, tour at 3?',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.direction, 'outbound');
    assert.equal(r.body.kind, 'reply');
    assert.equal(r.body.status, 'sent');
    const sent = sentTo('+13125550100').at(-1);
    assert.equal(sent?.from, TRACKING);
    assert.equal(sent?.text, 'Yes, tour at 3?');
    assert.equal(r.body.carrierId, sent?.id);
  });

  it('honours STOP: opted out, confirmed once, replies refused and nothing more sent; START opts back in', async () => {
    const who = '+13125550103';
    await text(who, 'hello');
    const forwardsBefore = sentTo(OFFICE).length;
    await text(who, ' Stop ');
    const conv = await eventually('the conversation', () => conversationWith(who));
    let full = await stack.api('GET', `${base}/conversations/${conv.id}`);
    assert.equal(full.body.optedOut, true);
    assert.equal(sentTo(OFFICE).length, forwardsBefore, 'a keyword is not forwarded');
    const confirmations = sentTo(who);
    assert.equal(confirmations.length, 1);
    assert.match(confirmations[0].text ?? '', /unsubscribed/);

    const refused = await stack.api('POST', `${base}/conversations/${conv.id}/messages`, {
      text: 'Still there?',
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'opted_out');
    assert.equal(sentTo(who).length, 1, 'nothing more was sent');

    await text(who, 'UNSTOP');
    full = await stack.api('GET', `${base}/conversations/${conv.id}`);
    assert.equal(full.body.optedOut, false);
    assert.match(sentTo(who).at(-1)?.text ?? '', /subscribed to messages again/);
    const again = await stack.api('POST', `${base}/conversations/${conv.id}/messages`, {
      text: 'Welcome back',
    });
    assert.equal(again.status, 201);
    assert.deepEqual(
      full.body.messages.map((x: { kind: string }) => x.kind),
      ['text', 'stop', 'auto_reply', 'start', 'auto_reply'],
    );
  });

  it('answers HELP with the help text', async () => {
    const who = '+13125550104';
    await text(who, 'help');
    const replies = sentTo(who);
    assert.equal(replies.length, 1);
    assert.match(replies[0].text ?? '', /^Sunset Apartments: .*Reply STOP to unsubscribe/);
    assert.equal(replies[0].from, TRACKING);
  });

  it('refuses a badly signed message webhook and stores nothing', async () => {
    const body = JSON.stringify({
      data: {
        record_type: 'event',
        event_type: 'message.received',
        id: randomUUID(),
        occurred_at: new Date().toISOString(),
        payload: {
          id: randomUUID(),
          direction: 'inbound',
          from: { phone_number: '+13125550105' },
          to: [{ phone_number: TRACKING }],
          text: 'forged',
        },
      },
    });
    const res = await fetch(`${stack.apiUrl}/webhooks/telnyx`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'telnyx-timestamp': String(Math.floor(Date.now() / 1000)),
        'telnyx-signature-ed25519': Buffer.alloc(64).toString('base64'),
      },
      body,
    });
    assert.equal(res.status, 401);
    assert.equal(await conversationWith('+13125550105'), undefined);
  });

  it('answers 404 and 422 to bad conversation requests', async () => {
    const missing = await stack.api('GET', `${base}/conversations/${randomUUID()}`);
    assert.equal(missing.status, 404);
    const notUuid = await stack.api('GET', `${base}/conversations/nope`);
    assert.equal(notUuid.status, 400);
    const conv = await eventually('the conversation', () => conversationWith('+13125550100'));
    const empty = await stack.api('POST', `${base}/conversations/${conv.id}/messages`, { text: '' });
    assert.equal(empty.status, 422);
    const none = await stack.api('POST', `${base}/conversations/${randomUUID()}/messages`, { text: 'hi' });
    assert.equal(none.status, 404);
    const badPage = await stack.api('GET', `${base}/conversations?limit=0&sourceId=x`);
    assert.equal(badPage.status, 422);
  });

  it('keeps a text to a number no property owns only as a carrier event', async () => {
    const r = stack.sim.receiveText({ from: '+13125550106', to: '+13125550777', text: 'anyone?' });
    await stack.sim.idle();
    const rec = stack.sim.sentMessages().filter((m) => m.to === '+13125550106');
    assert.equal(rec.length, 0);
    const stored = await stack.dataSource.query(`SELECT event_type FROM carrier_events WHERE id = $1`, [
      r.event_id,
    ]);
    assert.deepEqual(stored, [{ event_type: 'message.received' }]);
  });
});
