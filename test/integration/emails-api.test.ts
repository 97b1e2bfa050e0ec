import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { signEmailWebhook } from '../../apps/api/src/emails/email-signature';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { SmtpSink } from '../support/smtp-sink';

const SECRET = 'test-email-webhook-secret';
const DOMAIN = 'in.switchboard.test';

describe('email tracking: addresses, inbound webhook, forwarding', () => {
  const sink = new SmtpSink();
  let api: ApiOnly;
  let db: Pool;
  let base: string;
  let sourceId: string;
  let address: string;

  const signed = (body: string, secret = SECRET, ts = Math.floor(Date.now() / 1000)) => ({
    'content-type': 'application/json',
    'x-switchboard-timestamp': String(ts),
    'x-switchboard-signature': signEmailWebhook(secret, String(ts), body),
  });
  const deliver = (msg: object, headers?: Record<string, string>) => {
    const body = JSON.stringify(msg);
    return api.request('POST', '/webhooks/email', body, headers ?? signed(body));
  };
  const stored = async (messageId: string) =>
    (await db.query('SELECT count(*)::int AS n FROM emails WHERE message_id = $1', [messageId])).rows[0]
      .n as number;
  const message = (over: Record<string, unknown> = {}) => ({
    messageId: `<${randomUUID()}@mail.example.com>`,
    from: '"Jane Renter" <jane@example.com>',
    to: [address],
    subject: 'Is the 2-bedroom available?',
    text: 'Hello, is the 2-bedroom still available in December?',
    html: '<p>Hello, is the 2-bedroom still available in December?</p>',
    receivedAt: '2026-11-30T15:00:00Z',
    ...over,
  });

  before(async () => {
    await sink.start();
    api = await startApiOnly({
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      EMAIL_FROM: 'Switchboard <forwarding@switchboard.test>',
      EMAIL_INBOUND_DOMAIN: DOMAIN,
      EMAIL_WEBHOOK_SECRET: SECRET,
    });
    db = new Pool({ connectionString: api.dbUrl, max: 2 });
    const p = await api.request('POST', '/v1/properties', { name: 'Sunset', timeZone: 'America/Chicago' });
    base = `/v1/properties/${p.body.id}`;
    sourceId = (await api.request('POST', `${base}/sources`, { name: 'Zillow Rentals' })).body.id;
  });
  after(async () => {
    await db?.end();
    await api?.stop();
    await sink.stop();
  });

  it('issues one address per source, the same on every request', async () => {
    const before = await api.request('GET', `${base}/sources/${sourceId}/email-address`);
    assert.equal(before.status, 404);
    const first = await api.request('POST', `${base}/sources/${sourceId}/email-address`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.created, true);
    assert.match(
      first.body.address,
      new RegExp(`^zillow-rentals-[a-z2-9]{8}@${DOMAIN.replace(/\./g, '\\.')}$`),
    );
    address = first.body.address;
    const again = await api.request('POST', `${base}/sources/${sourceId}/email-address`);
    assert.equal(again.body.address, address);
    assert.equal(again.body.created, false);
    const read = await api.request('GET', `${base}/sources/${sourceId}/email-address`);
    assert.equal(read.body.address, address);
    const other = (await api.request('POST', `${base}/sources`, { name: 'Website' })).body.id;
    const otherAddr = await api.request('POST', `${base}/sources/${other}/email-address`);
    assert.notEqual(otherAddr.body.address, address);
    const missing = await api.request('POST', `${base}/sources/${randomUUID()}/email-address`);
    assert.equal(missing.status, 404);
  });

  it('stores, attributes and forwards a signed message; the sink gets subject, Reply-To and body', async () => {
    const routing = await api.request('PUT', `${base}/email-routing`, { forwardTo: 'office@sunset.example' });
    assert.equal(routing.status, 200, JSON.stringify(routing.body));
    assert.equal((await api.request('GET', `${base}/email-routing`)).body.forwardTo, 'office@sunset.example');

    const msg = message({ to: ['someone@else.example', address.toUpperCase()] });
    const res = await deliver(msg);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'stored');
    assert.equal(res.body.emails[0].sourceId, sourceId);
    assert.equal(res.body.emails[0].forwardStatus, 'forwarded');

    const sent = sink.messages.at(-1)!;
    assert.deepEqual(sent.to, ['office@sunset.example']);
    assert.equal(sent.headers.subject, '[Zillow Rentals] Is the 2-bedroom available?');
    assert.match(sent.headers['reply-to'], /^"?Jane Renter"? <jane@example\.com>$/);
    assert.match(sent.headers.from, /forwarding@switchboard\.test/);
    assert.ok(sent.raw.includes('Hello, is the 2-bedroom still available in December?'), sent.raw);
    assert.equal(sent.headers['x-switchboard-email-id'], res.body.emails[0].id);

    const one = await api.request('GET', `${base}/emails/${res.body.emails[0].id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.sourceId, sourceId);
    assert.equal(one.body.sourceName, 'Zillow Rentals');
    assert.equal(one.body.recipient, address);
    assert.equal(one.body.text, msg.text);
    assert.equal(one.body.html, msg.html);
    assert.equal(one.body.receivedAt, '2026-11-30T15:00:00.000Z');
    assert.equal(one.body.forward.status, 'forwarded');
    assert.equal(one.body.forward.to, 'office@sunset.example');

    const list = await api.request('GET', `${base}/emails?sourceId=${sourceId}`);
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((e: { id: string }) => e.id === one.body.id));
    assert.equal(list.body.items[0].text, undefined, 'lists leave the bodies out');
    const otherSource = (await api.request('GET', `${base}/sources`)).body.items.find(
      (s: { name: string }) => s.name === 'Website',
    ).id;
    assert.equal((await api.request('GET', `${base}/emails?sourceId=${otherSource}`)).body.total, 0);
  });

  it('stores a redelivered message once and does not forward it again', async () => {
    const msg = message();
    const sentBefore = sink.messages.length;
    const first = await deliver(msg);
    const second = await deliver(msg);
    assert.equal(first.body.status, 'stored');
    assert.equal(second.status, 200);
    assert.equal(second.body.status, 'duplicate');
    assert.equal(second.body.emails[0].id, first.body.emails[0].id);
    assert.equal(await stored(msg.messageId), 1);
    assert.equal(sink.messages.length, sentBefore + 1);
  });

  it('refuses a bad or stale signature with 401 and stores nothing', async () => {
    const msg = message();
    const body = JSON.stringify(msg);
    for (const headers of [
      signed(body, 'wrong-secret'),
      signed(body, SECRET, Math.floor(Date.now() / 1000) - 3600),
      { 'content-type': 'application/json' },
      signed(JSON.stringify({ ...msg, subject: 'changed' })),
    ]) {
      const res = await api.request('POST', '/webhooks/email', body, headers);
      assert.equal(res.status, 401, JSON.stringify(res.body));
    }
    // Unsigned and malformed is still a 401: the shape is not disclosed to outsiders.
    const junk = await api.request('POST', '/webhooks/email', '{"x":1}', {
      'content-type': 'application/json',
    });
    assert.equal(junk.status, 401);
    assert.equal(await stored(msg.messageId), 0);
  });

  it('answers 404 for a message to no tracked address, storing nothing', async () => {
    const msg = message({ to: [`nobody-aaaaaaaa@${DOMAIN}`, address.replace(DOMAIN, 'other.example')] });
    const res = await deliver(msg);
    assert.equal(res.status, 404, JSON.stringify(res.body));
    assert.equal(await stored(msg.messageId), 0);
  });

  it('answers 422 naming each malformed field', async () => {
    const res = await deliver({ messageId: '', from: 'not an address', to: [], cc: ['x'], text: 5 });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    const fields = new Set(res.body.error.fields.map((f: { field: string }) => f.field));
    for (const f of ['messageId', 'from', 'to', 'cc', 'text'])
      assert.ok(fields.has(f), `${f} in ${JSON.stringify([...fields])}`);
    const bad = await api.request('PUT', `${base}/email-routing`, { forwardTo: 'nope' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.fields[0].field, 'forwardTo');
  });

  it('marks a message forward_failed while SMTP is down; the retry endpoint forwards it', async () => {
    const port = sink.port;
    await sink.stop();
    const msg = message({ subject: 'Parking?' });
    const res = await deliver(msg);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.emails[0].forwardStatus, 'forward_failed');
    const id = res.body.emails[0].id;
    const failed = await api.request('GET', `${base}/emails/${id}`);
    assert.equal(failed.body.forward.status, 'forward_failed');
    assert.ok(failed.body.forward.error, 'the error is kept');

    await sink.start(port);
    const retry = await api.request('POST', `${base}/emails/${id}/forward`);
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
    assert.equal(retry.body.forward.status, 'forwarded');
    assert.equal(retry.body.forward.attempts, 2);
    assert.equal(sink.messages.at(-1)!.headers.subject, '[Zillow Rentals] Parking?');
    const again = await api.request('POST', `${base}/emails/${id}/forward`);
    assert.equal(again.status, 409, 'a forwarded email is not sent twice');
  });

  it('keeps a message for a property without routing as no_destination, forwarded once routing is set', async () => {
    const p = await api.request('POST', '/v1/properties', { name: 'Harbor', timeZone: 'America/Chicago' });
    const b = `/v1/properties/${p.body.id}`;
    const s = (await api.request('POST', `${b}/sources`, { name: 'Google Ads' })).body.id;
    const addr = (await api.request('POST', `${b}/sources/${s}/email-address`)).body.address;
    const res = await deliver(message({ to: [addr] }));
    assert.equal(res.body.emails[0].forwardStatus, 'no_destination');
    await api.request('PUT', `${b}/email-routing`, { forwardTo: 'harbor@office.example' });
    const retry = await api.request('POST', `${b}/emails/${res.body.emails[0].id}/forward`);
    assert.equal(retry.body.forward.status, 'forwarded');
    assert.deepEqual(sink.messages.at(-1)!.to, ['harbor@office.example']);
  });
});
