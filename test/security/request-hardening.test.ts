import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/**
 * Starts a POST that declares a `declared`-byte JSON body, sends only its first 64 kB and waits for
 * the answer. A server that reads (and parses) bodies before it authenticates never answers: it is
 * still waiting for the rest.
 */
function answerBeforeBody(
  url: string,
  declared: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; ms: number } | 'no answer'> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(declared), ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, 5_000);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          body: text ? JSON.parse(text) : null,
          ms: performance.now() - started,
        });
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      // The server may close the socket after answering, while we still hold unsent bytes.
      if (
        (err as NodeJS.ErrnoException).code !== 'ECONNRESET' &&
        (err as NodeJS.ErrnoException).code !== 'EPIPE'
      )
        reject(err);
    });
    req.write(`{"name":"${'x'.repeat(64 * 1024)}`);
  });
}

/** JSON nested `depth` deep: `{"code":[[[…]]]}`. */
const deeplyNested = (depth: number) => `{"code":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('requests are authenticated before their bodies are read, and bounded', () => {
  let api: ApiOnly;
  let propertyId: string;

  before(async () => {
    api = await startApiOnly();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Harbor View',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
  });
  after(async () => {
    await api?.stop();
  });

  it('answers 401 to a large body without a key before the client has sent it', async () => {
    for (const path of [
      `/v1/properties/${propertyId}/bundle/apply`,
      `/v1/properties/${propertyId}/audio`,
      '/v1/properties',
    ]) {
      const res = await answerBeforeBody(`${api.url}${path}`, 30 * 1024 * 1024);
      assert.notEqual(res, 'no answer', `${path}: the server waited for the body before refusing it`);
      if (res === 'no answer') return;
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.code, 'unauthorized', path);
    }
  });

  it('answers 413 at once to a body over its route’s limit, with a key', async () => {
    const small = await answerBeforeBody(`${api.url}/v1/properties`, 1024 * 1024, withKey(api.apiKey));
    assert.notEqual(small, 'no answer');
    if (small !== 'no answer') assert.equal(small.status, 413);
    // Bundles and audio carry audio inline: larger, but bounded too.
    const bundle = await answerBeforeBody(
      `${api.url}/v1/properties/${propertyId}/bundle/apply`,
      100 * 1024 * 1024,
      withKey(api.apiKey),
    );
    assert.notEqual(bundle, 'no answer');
    if (bundle !== 'no answer') assert.equal(bundle.status, 413);
  });

  it('answers JSON nested 10,000 deep with a 400 naming the problem, signed in or not', async () => {
    for (const [path, headers] of [
      ['/v1/agent/sessions', {}],
      ['/v1/properties', withKey(api.apiKey)],
      [`/v1/properties/${propertyId}/call-flows`, withKey(api.apiKey)],
    ] as const) {
      const res = await http('POST', `${api.url}${path}`, deeplyNested(10_000), headers);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.message, /nested deeper than \d+ levels/, path);
    }
  });

  it('refuses a flow of more steps than the documented maximum with 422 naming definition.steps', async () => {
    const chain = (n: number) => ({
      initialStepId: 's0',
      steps: Array.from({ length: n }, (_v, i) =>
        i === n - 1
          ? { id: `s${i}`, type: 'hangup' }
          : { id: `s${i}`, type: 'greeting', prompt: { kind: 'tts', text: `Step ${i}.` }, next: `s${i + 1}` },
      ),
    });
    // Refused before the rules that walk the steps run (the unit test of validateFlow checks that
    // nothing else is reported): no timing assertion, which a shared machine would make flaky.
    const big = await api.request('POST', `/v1/properties/${propertyId}/call-flows`, {
      name: 'Endless',
      definition: chain(2_500),
    });
    assert.equal(big.status, 422, JSON.stringify(big.body).slice(0, 300));
    assert.deepEqual(big.body.error.fields, [
      { field: 'definition.steps', message: 'A flow has at most 200 steps (this one has 2500).' },
    ]);
    const largest = await api.request('POST', `/v1/properties/${propertyId}/call-flows`, {
      name: 'Long but allowed',
      definition: chain(200),
    });
    assert.equal(largest.status, 201, JSON.stringify(largest.body).slice(0, 300));
  });

  it('sends no X-Powered-By, and nosniff on every answer', async () => {
    for (const path of ['/health', '/v1/properties', '/agent']) {
      const res = await fetch(`${api.url}${path}`, { headers: withKey(api.apiKey) });
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-powered-by'), null, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  it('serves /agent under a strict Content-Security-Policy that forbids framing', async () => {
    const res = await fetch(`${api.url}/agent`);
    await res.arrayBuffer();
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('answers a tracking number another account owns exactly like any unavailable number', async () => {
    const base = `/v1/properties/${propertyId}`;
    const s = await api.request('POST', `${base}/sources`, { name: 'Zillow' });
    const mine = await api.request('POST', `${base}/tracking-numbers`, {
      number: '+13125550177',
      sourceId: s.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));

    const other = await createTestAccount(api.url, 'Rival Realty');
    const as = (method: string, path: string, body?: unknown) =>
      http(method, `${api.url}${path}`, body, withKey(other.apiKey));
    const op = await as('POST', '/v1/properties', { name: 'Rival Place', timeZone: 'America/Chicago' });
    const os = await as('POST', `/v1/properties/${op.body.id}/sources`, { name: 'Zillow' });
    const taken = await as('POST', `/v1/properties/${op.body.id}/tracking-numbers`, {
      number: '+13125550177',
      sourceId: os.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(taken.status, 409);
    assert.deepEqual(taken.body.error.fields, [
      { field: 'number', message: '+13125550177 is not available' },
    ]);
    assert.doesNotMatch(JSON.stringify(taken.body), /already|tracking number|account|owned/i);
    // The owner trying again gets the very same answer.
    const again = await api.request('POST', `${base}/tracking-numbers`, {
      number: '+13125550177',
      sourceId: s.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body.error, taken.body.error);
  });

  describe('agent sessions', () => {
    const base = () => `/v1/properties/${propertyId}`;
    const signIn = async (agentId: string) => {
      const link = await api.request('POST', `${base()}/agents/${agentId}/sign-in-links`);
      assert.equal(link.status, 201, JSON.stringify(link.body));
      const session = await http('POST', `${api.url}/v1/agent/sessions`, { code: link.body.code });
      assert.equal(session.status, 201, JSON.stringify(session.body));
      return session.body.token as string;
    };
    const me = (token: string) =>
      http('GET', `${api.url}/v1/agent/me`, undefined, { authorization: `Bearer ${token}` });

    before(async () => {
      for (const [id, username] of [
        ['dana', 'dana.harbor'],
        ['eli', 'eli.harbor'],
      ])
        assert.equal(
          (
            await api.request('POST', `${base()}/agents`, {
              id,
              name: id,
              endpoint: { kind: 'webrtc', username },
            })
          ).status,
          201,
        );
    });

    it('accepts ?token= only on the event stream', async () => {
      const token = await signIn('dana');
      const byQuery = await http('GET', `${api.url}/v1/agent/me?token=${token}`);
      assert.equal(byQuery.status, 401, JSON.stringify(byQuery.body));
      const calls = await http('GET', `${api.url}/v1/agent/calls?token=${token}`);
      assert.equal(calls.status, 401);
      const stream = new AbortController();
      const events = await fetch(`${api.url}/v1/agent/events?token=${token}`, { signal: stream.signal });
      assert.equal(events.status, 200);
      assert.match(events.headers.get('content-type') ?? '', /text\/event-stream/);
      stream.abort();
    });

    it('revokes the agent’s sessions when the endpoint they ring at changes, not on other edits', async () => {
      const token = await signIn('eli');
      assert.equal((await me(token)).status, 200);
      const renamed = await api.request('PATCH', `${base()}/agents/eli`, { name: 'Eli M.' });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal((await me(token)).status, 200, 'a new name keeps the session');

      const moved = await api.request('PATCH', `${base()}/agents/eli`, {
        endpoint: { kind: 'phone', number: '+13125550188' },
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal((await me(token)).status, 401, 'a PATCH of the endpoint signs the agent out');

      const second = await signIn('eli');
      const replaced = await api.request('PUT', `${base()}/agents/eli`, {
        name: 'Eli M.',
        endpoint: { kind: 'webrtc', username: 'eli.elsewhere' },
      });
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.equal((await me(second)).status, 401, 'a PUT with another endpoint signs the agent out');
    });
  });
});
