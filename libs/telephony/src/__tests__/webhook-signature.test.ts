import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { publicKeyFromBase64, verifyTelnyxSignature } from '../webhook-signature';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const pubB64 = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
const key = publicKeyFromBase64(pubB64);
const body = Buffer.from('{"data":{"id":"e1"}}');
const now = 1_763_800_000;
const sig = (ts: string, b: Buffer = body) =>
  sign(null, Buffer.concat([Buffer.from(`${ts}|`), b]), privateKey).toString('base64');

describe('verifyTelnyxSignature', () => {
  const cases: {
    name: string;
    sig: string | undefined;
    ts: string | undefined;
    body?: Buffer;
    ok: boolean;
    reason?: RegExp;
  }[] = [
    { name: 'valid', sig: sig(String(now)), ts: String(now), ok: true },
    { name: 'valid at the edge of the window', sig: sig(String(now - 300)), ts: String(now - 300), ok: true },
    { name: 'stale', sig: sig(String(now - 301)), ts: String(now - 301), ok: false, reason: /window/ },
    {
      name: 'from the future',
      sig: sig(String(now + 301)),
      ts: String(now + 301),
      ok: false,
      reason: /window/,
    },
    {
      name: 'missing signature',
      sig: undefined,
      ts: String(now),
      ok: false,
      reason: /missing telnyx-signature/,
    },
    {
      name: 'missing timestamp',
      sig: sig(String(now)),
      ts: undefined,
      ok: false,
      reason: /missing telnyx-timestamp/,
    },
    { name: 'non-numeric timestamp', sig: sig('abc'), ts: 'abc', ok: false, reason: /malformed/ },
    {
      name: 'truncated signature',
      sig: sig(String(now)).slice(0, 40),
      ts: String(now),
      ok: false,
      reason: /malformed/,
    },
    {
      name: 'timestamp swapped after signing',
      sig: sig(String(now - 1)),
      ts: String(now),
      ok: false,
      reason: /does not match/,
    },
    {
      name: 'body changed',
      sig: sig(String(now)),
      ts: String(now),
      body: Buffer.from('{"data":{"id":"e2"}}'),
      ok: false,
      reason: /does not match/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = verifyTelnyxSignature(c.body ?? body, c.sig, c.ts, key, now);
      assert.equal(r.ok, c.ok);
      if (!r.ok && c.reason) assert.match(r.reason, c.reason);
    });
  }

  it('refuses a public key that is not 32 raw bytes', () => {
    assert.throws(() => publicKeyFromBase64(Buffer.alloc(31).toString('base64')), /32-byte/);
  });
});
