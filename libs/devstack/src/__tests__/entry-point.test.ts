import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { startEntryPoint, type RunningEntryPoint } from '../entry-point';

/** A stand-in api process: answers with its name, the body it got and the X-Forwarded-For it saw. */
async function upstream(name: string) {
  const server = http.createServer((req, res) => {
    if (req.url === '/health') return res.end('ok');
    if (req.url === '/events') {
      // A stream that stays open, like the agents' event stream.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      setTimeout(() => res.write('data: second\n\n'), 300);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      res.end(
        JSON.stringify({
          name,
          body: Buffer.concat(chunks).toString(),
          xff: req.headers['x-forwarded-for'],
        }),
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as { name: string; body: string; xff: string } };
};

describe('the local entry point in front of several api processes (npm start --apis N)', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  async function twoProcesses(maxBodyBytes?: number) {
    const a = await upstream('api-1');
    const b = await upstream('api-2');
    closers.push(a.close, b.close);
    const entry: RunningEntryPoint = await startEntryPoint({
      upstreams: [a.url, b.url],
      port: 0,
      maxBodyBytes,
    });
    closers.push(() => entry.stop());
    return { a, b, entry };
  }

  it('spreads requests over the processes, bodies and all', async () => {
    const { entry } = await twoProcesses();
    const names = [];
    for (let i = 0; i < 4; i++) {
      const r = await post(`${entry.url}/webhooks/telnyx`, `event ${i}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.body, `event ${i}`);
      names.push(r.body.name);
    }
    assert.deepEqual(names.sort(), ['api-1', 'api-1', 'api-2', 'api-2']);
  });

  it('sends a request a stopped process refuses to the other one: the caller never sees it', async () => {
    const { a, entry } = await twoProcesses();
    await a.close();
    for (let i = 0; i < 4; i++) {
      const r = await post(`${entry.url}/v1/calls`, `request ${i}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.name, 'api-2');
      assert.equal(r.body.body, `request ${i}`);
    }
  });

  it('answers 502 naming the cause when no process is left', async () => {
    const { a, b, entry } = await twoProcesses();
    await a.close();
    await b.close();
    const res = await fetch(`${entry.url}/v1/calls`);
    assert.equal(res.status, 502);
    assert.match(((await res.json()) as { message: string }).message, /no api process answers/);
  });

  it("appends the client's address to X-Forwarded-For (the api trusts loopback proxies)", async () => {
    const { entry } = await twoProcesses();
    assert.equal((await post(`${entry.url}/dni`, '')).body.xff, '127.0.0.1');
    assert.equal(
      (await post(`${entry.url}/dni`, '', { 'x-forwarded-for': '203.0.113.9' })).body.xff,
      '203.0.113.9, 127.0.0.1',
    );
  });

  it('streams an event stream as it comes, without waiting for its end', async () => {
    const { entry } = await twoProcesses();
    const res = await fetch(`${entry.url}/events`);
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('second')) seen += new TextDecoder().decode((await reader.read()).value);
    assert.match(seen, /first[\s\S]*second/);
    await reader.cancel();
  });

  it('refuses a body over its limit with 413', async () => {
    const { entry } = await twoProcesses(1024);
    const res = await fetch(`${entry.url}/v1/bundles`, { method: 'POST', body: 'x'.repeat(4096) });
    assert.equal(res.status, 413);
  });
});
