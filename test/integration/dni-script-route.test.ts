import assert from 'node:assert/strict';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Script } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { startApiOnly, type ApiOnly } from '../support/api-app';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * node:http, not fetch: fetch decodes gzip transparently and sends `Cache-Control: no-cache` with a
 * hand-made If-None-Match, which (rightly) defeats the 304 a browser's own revalidation gets.
 */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': 'identity', ...headers } }, (m) => {
      const chunks: Buffer[] = [];
      m.on('data', (c: Buffer) => chunks.push(c));
      m.on('end', () =>
        resolve({ status: m.statusCode ?? 0, headers: m.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

/** `GET /dni/{dniKey}.js` (docs/DNI.md): key-less, cacheable, compressed, with the api base inside. */
describe('DNI script route', () => {
  let api: ApiOnly;
  before(async () => {
    api = await startApiOnly();
  });
  after(async () => {
    await api?.stop();
  });

  it('serves the script without a key, cacheable, with the api base and the key inside', async () => {
    const r = await rawGet(`${api.url}/dni/k_abc-123.js`);
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /^application\/javascript/);
    assert.equal(r.headers['cache-control'], 'public, max-age=300');
    assert.match(r.headers.etag ?? '', /^"[A-Za-z0-9_-]{27}"$/);
    const body = r.body.toString();
    assert.ok(body.endsWith(`({"apiBase":"${api.url}","dniKey":"k_abc-123"});\n`), body.slice(-120));
    assert.doesNotThrow(() => new Script(body));
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = (await rawGet(`${api.url}/dni/k1.js`)).headers.etag ?? '';
    const r = await rawGet(`${api.url}/dni/k1.js`, { 'if-none-match': etag });
    assert.equal(r.status, 304);
    assert.equal(r.body.length, 0);
  });

  it('is gzipped for clients that accept it, a few KB', async () => {
    const plain = (await rawGet(`${api.url}/dni/k1.js`)).body.toString();
    const r = await rawGet(`${api.url}/dni/k1.js`, { 'accept-encoding': 'gzip, br' });
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.equal(gunzipSync(r.body).toString(), plain);
    assert.ok(r.body.length < 5000, `gzipped script is ${r.body.length} B`);
  });

  it('refuses what cannot be a key', async () => {
    assert.equal((await rawGet(`${api.url}/dni/bad%20key.js`)).status, 404);
    assert.equal((await rawGet(`${api.url}/dni/${'k'.repeat(129)}.js`)).status, 404);
  });
});
