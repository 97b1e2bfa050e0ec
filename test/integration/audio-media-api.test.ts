import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import {
  audioPublicPath,
  FilesystemBlobStore,
  openDataSource,
  signMediaPath,
} from '@switchboard/persistence';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { wavFile } from '../support/audio';

const SECRET = 'test-media-secret-of-this-file-0123456789';
/** The value the source once shipped as a default: URLs signed with it must open nothing. */
const FORMER_PUBLIC_SECRET = 'switchboard-dev-media-signing-secret';
const TTL = 600;

/** MP3 as an ID3 tag, or as a bare MPEG-1 Layer III frame header. */
const mp3 = (id3 = true) =>
  Buffer.concat([
    id3 ? Buffer.from('ID3\x04\x00\x00', 'latin1') : Buffer.from([0xff, 0xfb, 0x90, 0x64]),
    Buffer.alloc(400, 7),
  ]);

/** What the tests send as raw bodies. */
type Body = Buffer | ReadableStream<Uint8Array>;

const fieldsOf = (body: any): string[] => (body.error?.fields ?? []).map((f: { field: string }) => f.field);

describe('audio in the blob store: raw upload, review, rename, replace, signed media URLs', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let base: string;
  before(async () => {
    api = await startApiOnly({
      PUBLIC_BASE_URL: 'https://switchboard.example',
      MEDIA_SIGNING_SECRET: SECRET,
      MEDIA_URL_TTL_SECS: String(TTL),
    });
    ds = await openDataSource(api.dbUrl, 2);
    const p = await api.request('POST', '/v1/properties', { name: 'Elm Yard', timeZone: 'America/Chicago' });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    base = `/v1/properties/${p.body.id}/audio`;
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  /**
   * /v1 requests whose body or answer is bytes, which the JSON `request` helper cannot carry; with
   * the helper's API key.
   */
  function binary(method: string, path: string, o: { body?: Body; headers?: Record<string, string> } = {}) {
    const init: RequestInit & { duplex?: 'half' } = {
      method,
      body: o.body,
      headers: { authorization: `Bearer ${api.apiKey}`, ...o.headers },
      // A stream body (no Content-Length) needs this.
      ...(o.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    };
    return fetch(`${api.url}${path}`, init);
  }
  const put = (id: string, type: string, body: Body, query = '') =>
    binary('PUT', `${base}/${id}/content${query}`, { body, headers: { 'content-type': type } });
  const json = async (res: Response) => (await res.json()) as any;
  /** A media URL (made on PUBLIC_BASE_URL) fetched from the test's api, as the carrier would. */
  const media = (url: string, init?: RequestInit) => {
    const u = new URL(url);
    return fetch(`${api.url}${u.pathname}${u.search}`, init);
  };
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it('takes raw WAV and MP3 bodies, checking the bytes against Content-Type', async () => {
    const intro = wavFile();
    const created = await put('intro', 'audio/wav', intro, '?name=Intro%20message');
    const view = await json(created);
    assert.equal(created.status, 200, JSON.stringify(view));
    assert.deepEqual(
      [view.id, view.name, view.contentType, view.sizeBytes],
      ['intro', 'Intro message', 'audio/wav', intro.length],
    );
    for (const [id, body] of [
      ['chime', mp3(true)],
      ['beep', mp3(false)],
    ] as const) {
      const r = await put(id, 'audio/mpeg', body);
      assert.equal(r.status, 200, id);
      assert.equal((await json(r)).name, id, 'a created file is named after its id');
    }
    assert.equal(
      (await put('plain', 'audio/x-wav; codecs=1', wavFile())).status,
      200,
      'parameters are ignored',
    );

    const refused: { type: string; body: Buffer; status: number; field: string }[] = [
      { type: 'audio/mpeg', body: wavFile(), status: 422, field: 'Content-Type' },
      { type: 'audio/wav', body: mp3(), status: 422, field: 'Content-Type' },
      { type: 'audio/wav', body: Buffer.from('definitely not audio'), status: 422, field: 'Content-Type' },
      { type: 'audio/ogg', body: wavFile(), status: 415, field: 'Content-Type' },
      { type: 'application/octet-stream', body: wavFile(), status: 415, field: 'Content-Type' },
      { type: 'audio/wav', body: Buffer.alloc(0), status: 422, field: 'body' },
    ];
    for (const c of refused) {
      const r = await put('nope', c.type, c.body);
      const body = await json(r);
      assert.equal(r.status, c.status, `${c.type}: ${JSON.stringify(body)}`);
      assert.deepEqual(fieldsOf(body), [c.field]);
    }
    assert.equal((await api.request('GET', `${base}/nope`)).status, 404, 'nothing refused was stored');
    const bad = await put('nope', 'audio/wav', wavFile(), `?name=${'x'.repeat(201)}`);
    assert.deepEqual([bad.status, fieldsOf(await json(bad))], [422, ['name']]);
  });

  it('refuses more than 5 MB with 413 naming the body, by Content-Length or by counting', async () => {
    const big = Buffer.concat([wavFile(), Buffer.alloc(5 * 1024 * 1024)]);
    const declared = await put('big', 'audio/wav', big);
    const body = await json(declared);
    assert.equal(declared.status, 413, JSON.stringify(body));
    assert.deepEqual(fieldsOf(body), ['body']);

    // Chunked, so only counting the bytes can tell.
    const chunks = [wavFile(), ...Array.from({ length: 6 }, () => Buffer.alloc(1024 * 1024))];
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    const counted = await put('big', 'audio/wav', stream);
    assert.equal(counted.status, 413);
    assert.deepEqual(fieldsOf(await json(counted)), ['body']);
    assert.equal((await api.request('GET', `${base}/big`)).status, 404);
  });

  it('streams a file back for review, whole or by Range', async () => {
    const bytes = wavFile(1000, 99);
    assert.equal((await put('review', 'audio/wav', bytes)).status, 200);
    const whole = await binary('GET', `${base}/review/content`);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), 'audio/wav');
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.equal(whole.headers.get('content-length'), String(bytes.length));
    assert.deepEqual(await bytesOf(whole), bytes);

    const cases: { range: string; start: number; end: number }[] = [
      { range: 'bytes=0-3', start: 0, end: 3 },
      { range: 'bytes=40-', start: 40, end: bytes.length - 1 },
      { range: 'bytes=-10', start: bytes.length - 10, end: bytes.length - 1 },
      { range: 'bytes=1000-999999', start: 1000, end: bytes.length - 1 },
    ];
    for (const c of cases) {
      const r = await binary('GET', `${base}/review/content`, { headers: { range: c.range } });
      assert.equal(r.status, 206, c.range);
      assert.equal(r.headers.get('content-range'), `bytes ${c.start}-${c.end}/${bytes.length}`);
      assert.deepEqual(await bytesOf(r), bytes.subarray(c.start, c.end + 1));
    }
    const past = await binary('GET', `${base}/review/content`, { headers: { range: 'bytes=5000-' } });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), `bytes */${bytes.length}`);
    // Several ranges: the whole file, as HTTP allows.
    const several = await binary('GET', `${base}/review/content`, { headers: { range: 'bytes=0-1,5-6' } });
    assert.equal(several.status, 200);

    assert.equal((await binary('GET', `${base}/missing/content`)).status, 404);
    assert.equal((await binary('GET', `${base}/Not_A_Slug!/content`)).status, 400);
  });

  it('renames without touching the bytes or the URL', async () => {
    const created = await json(await put('greeting', 'audio/wav', wavFile()));
    const renamed = await api.request('PATCH', `${base}/greeting`, { name: 'Front desk greeting' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, 'Front desk greeting');
    assert.equal(new URL(renamed.body.url).pathname, new URL(created.url).pathname);
    assert.equal((await api.request('GET', `${base}/greeting`)).body.name, 'Front desk greeting');

    const withBytes = await api.request('PATCH', `${base}/greeting`, { name: 'x', contentBase64: 'AAAA' });
    assert.equal(withBytes.status, 422);
    assert.deepEqual(fieldsOf(withBytes.body), ['contentBase64']);
    assert.deepEqual(fieldsOf((await api.request('PATCH', `${base}/greeting`, { name: '' })).body), ['name']);
    assert.equal((await api.request('PATCH', `${base}/unknown`, { name: 'Who' })).status, 404);
  });

  it('replaces the bytes under a new URL, drops the old ones, and keeps the URL for the same bytes', async () => {
    const first = wavFile(500, 10);
    const a = await json(await put('hold', 'audio/wav', first));
    const keyA = (await storageKey('hold'))!;
    const store = new FilesystemBlobStore(process.env.MEDIA_DIR!);
    assert.ok(await store.exists(keyA), 'the bytes are in MEDIA_DIR');

    const again = await json(await put('hold', 'audio/wav', first));
    assert.equal(new URL(again.url).pathname, new URL(a.url).pathname, 'same bytes, same URL');

    const second = mp3();
    const b = await json(await put('hold', 'audio/mpeg', second));
    assert.notEqual(new URL(b.url).pathname, new URL(a.url).pathname);
    assert.equal(b.contentType, 'audio/mpeg');
    assert.equal((await media(a.url)).status, 404, 'the old URL names bytes that are gone');
    assert.equal(await store.exists(keyA), false);
    const now = await media(b.url);
    assert.equal(now.status, 200);
    assert.equal(now.headers.get('content-type'), 'audio/mpeg');
    assert.deepEqual(await bytesOf(now), second);
    assert.deepEqual(await bytesOf(await binary('GET', `${base}/hold/content`)), second);

    // The JSON upload replaces the same way.
    const viaJson = await api.request('PUT', `${base}/hold`, {
      name: 'Hold',
      contentType: 'audio/wav',
      contentBase64: first.toString('base64'),
    });
    assert.equal(viaJson.status, 200, JSON.stringify(viaJson.body));
    assert.notEqual(new URL(viaJson.body.url).pathname, new URL(b.url).pathname);
    assert.deepEqual(await bytesOf(await media(viaJson.body.url)), first);

    const keyC = (await storageKey('hold'))!;
    assert.equal((await api.request('DELETE', `${base}/hold`)).status, 204);
    assert.equal(await store.exists(keyC), false, 'a deleted file’s bytes go too');
    assert.equal((await media(viaJson.body.url)).status, 404);
  });

  it('serves only signed, unexpired URLs: 403 otherwise, 404 for an unknown file', async () => {
    const bytes = wavFile(300, 50);
    const view = await json(await put('signed', 'audio/wav', bytes));
    const u = new URL(view.url);
    const expires = Number(u.searchParams.get('expires'));
    const now = Math.floor(Date.now() / 1000);
    assert.ok(expires >= now + TTL && expires <= now + 2 * TTL + 1, `expires ${expires - now}s from now`);

    const ok = await media(view.url);
    assert.equal(ok.status, 200);
    assert.deepEqual(await bytesOf(ok), bytes);
    assert.match(ok.headers.get('cache-control') ?? '', /max-age=\d+/);
    const partial = await media(view.url, { headers: { range: 'bytes=0-3' } });
    assert.equal(partial.status, 206, 'the carrier may fetch by Range too');

    const path = u.pathname;
    const sig = u.searchParams.get('sig')!;
    const tampered = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const forbidden = [
      path,
      `${path}?expires=${expires}`,
      `${path}?expires=${expires}&sig=${tampered}`,
      `${path}?expires=${expires + 1}&sig=${sig}`,
      `${path}?expires=soon&sig=${sig}`,
      signMediaPath(path, SECRET, now - 1),
      signMediaPath(path, FORMER_PUBLIC_SECRET, now + 600),
    ];
    for (const p of forbidden) {
      const r = await fetch(`${api.url}${p}`);
      assert.equal(r.status, 403, p);
      assert.equal((await json(r)).error.code, 'forbidden');
    }
    // Another file's signature does not open this one.
    const other = new URL((await json(await put('other', 'audio/wav', wavFile()))).url);
    assert.equal((await fetch(`${api.url}${path}${other.search}`)).status, 403);

    const unknown = signMediaPath(audioPublicPath(randomUUID()), SECRET, now + 600);
    assert.equal((await fetch(`${api.url}${unknown}`)).status, 404);
    assert.equal((await fetch(`${api.url}/media/audio/not-a-uuid`)).status, 400);
  });

  it('serves a file stored before the blob store and moves its bytes there on first read', async () => {
    const legacy = wavFile(200, 77);
    const p = base.split('/')[3];
    await ds.query(
      `INSERT INTO audio_files (property_id, id, name, content_type, content, sha256, size_bytes)
       VALUES ($1, 'legacy', 'Legacy', 'audio/wav', $2, encode(sha256($2), 'hex'), $3)`,
      [p, legacy, legacy.length],
    );
    assert.equal(await storageKey('legacy'), null);
    const view = (await api.request('GET', `${base}/legacy`)).body;
    const res = await media(view.url);
    assert.equal(res.status, 200);
    assert.deepEqual(await bytesOf(res), legacy);

    const [row] = await ds.query(`SELECT storage_key, content FROM audio_files WHERE id = 'legacy'`);
    assert.equal(row.content, null, 'the row no longer holds the bytes');
    assert.ok(await new FilesystemBlobStore(process.env.MEDIA_DIR!).exists(row.storage_key));
    assert.deepEqual(await bytesOf(await media(view.url)), legacy, 'now served from the store');
    assert.deepEqual(await bytesOf(await binary('GET', `${base}/legacy/content`)), legacy);
  });

  async function storageKey(id: string): Promise<string | null> {
    const rows: { storage_key: string | null }[] = await ds.query(
      `SELECT storage_key FROM audio_files WHERE property_id = $1 AND id = $2`,
      [base.split('/')[3], id],
    );
    return rows[0].storage_key;
  }
});
