import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newLocalPart } from '../email-address';
import { signEmailWebhook, verifyEmailWebhook } from '../email-signature';
import { parseMailbox, splitAddress } from '../mailbox';

describe('mailbox strings', () => {
  it('reads bare and named addresses, refuses anything else', () => {
    assert.deepEqual(parseMailbox('jane@example.com'), { address: 'jane@example.com' });
    assert.deepEqual(parseMailbox('"Jane Doe" <jane@example.com>'), {
      name: 'Jane Doe',
      address: 'jane@example.com',
    });
    assert.deepEqual(parseMailbox('Jane <jane@example.com>'), { name: 'Jane', address: 'jane@example.com' });
    for (const bad of ['', 'jane', 'jane@', '@example.com', 'a b@example.com', 'x', 'jane@localhost'])
      assert.equal(parseMailbox(bad), null, bad);
  });

  it('lower-cases the domain only', () => {
    assert.deepEqual(splitAddress('Zillow-AB@In.Example.COM'), {
      local: 'Zillow-AB',
      domain: 'in.example.com',
    });
  });
});

describe('tracked address local parts', () => {
  it('are the source name as a slug plus 8 random characters', () => {
    assert.match(newLocalPart('Zillow Rentals!'), /^zillow-rentals-[a-z2-9]{8}$/);
    assert.match(newLocalPart('Apartments.com'), /^apartments-com-[a-z2-9]{8}$/);
    assert.match(newLocalPart('★★★'), /^source-[a-z2-9]{8}$/);
    assert.ok(newLocalPart('x'.repeat(100)).length <= 24 + 9);
    assert.notEqual(newLocalPart('Zillow'), newLocalPart('Zillow'));
  });
});

describe('inbound-email webhook signature', () => {
  const body = Buffer.from('{"messageId":"<a@b>"}');
  const now = 1_764_500_000;
  const ts = String(now);
  const sig = signEmailWebhook('s3cret', ts, body);

  it('accepts the right signature, with or without a sha256= prefix', () => {
    assert.deepEqual(verifyEmailWebhook('s3cret', body, sig, ts, now), { ok: true });
    assert.deepEqual(verifyEmailWebhook('s3cret', body, `sha256=${sig}`, ts, now + 299), { ok: true });
  });

  it('refuses another secret, another body, a moved timestamp, an old one, or none', () => {
    assert.equal(verifyEmailWebhook('other', body, sig, ts, now).ok, false);
    assert.equal(verifyEmailWebhook('s3cret', Buffer.from('{}'), sig, ts, now).ok, false);
    assert.equal(verifyEmailWebhook('s3cret', body, sig, String(now + 1), now).ok, false);
    assert.equal(verifyEmailWebhook('s3cret', body, sig, ts, now + 301).ok, false);
    assert.equal(verifyEmailWebhook('s3cret', body, undefined, ts, now).ok, false);
    assert.equal(verifyEmailWebhook('s3cret', body, 'zz', ts, now).ok, false);
  });
});
