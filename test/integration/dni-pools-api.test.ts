import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { http } from '../support/http';
import { anotherApi, startApiOnly, type ApiOnly } from '../support/api-app';

const ORIGIN = 'https://sunset.example';
const SWAP = '+13125550100';

/** Keyword pools and the public DNI endpoints (docs/DNI.md) against the real api and PostgreSQL. */
describe('DNI: pools, visitor sessions and the public endpoints', () => {
  let api: ApiOnly;
  let db: Pool;
  let propertyId: string;
  let dniKey: string;
  let number = 0;

  let client = 0;
  /** A visit through the trusted proxy: from a client of its own unless `from` names one. */
  const visit = (key: string, body: unknown, origin = ORIGIN, from = `198.51.100.${++client % 250}`) =>
    http('POST', `${api.url}/dni/${key}/visits`, body, { origin, 'x-forwarded-for': from });
  const nextNumber = () => `+1312555${String(2000 + number++).padStart(4, '0')}`;

  /** A source with a pool of `size` numbers; visits with `?utm_source=<tag>` land in it. */
  async function pooledSource(tag: string, size: number, policy: string, extra: object = {}) {
    const base = `/v1/properties/${propertyId}`;
    const source = await api.request('POST', `${base}/sources`, {
      name: tag,
      priority: 1,
      dniRules: [{ kind: 'query_param', param: 'utm_source', values: [tag] }],
    });
    assert.equal(source.status, 201, JSON.stringify(source.body));
    const ids: string[] = [];
    for (let i = 0; i < size; i++) {
      const n = await api.request('POST', `${base}/tracking-numbers`, {
        number: nextNumber(),
        sourceId: source.body.id,
        forwardTo: '+13125550111',
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
      ids.push(n.body.id);
    }
    const pool = await api.request('POST', `${base}/pools`, {
      sourceId: source.body.id,
      trackingNumberIds: ids,
      exhaustionPolicy: policy,
      ...extra,
    });
    assert.equal(pool.status, 201, JSON.stringify(pool.body));
    return { sourceId: source.body.id as string, pool: pool.body, ids };
  }

  const poolNumbers = async (poolId: string): Promise<string[]> =>
    (await db.query(`SELECT number FROM tracking_numbers WHERE pool_id = $1`, [poolId])).rows.map(
      (r: { number: string }) => r.number,
    );

  before(async () => {
    // Visitors come through a proxy on this host, which names each of them (TRUSTED_PROXIES).
    api = await startApiOnly({
      DNI_RATE_LIMIT_BURST: '100000',
      DNI_RATE_LIMIT_PER_MINUTE: '100000',
      TRUSTED_PROXIES: '127.0.0.1',
    });
    db = new Pool({ connectionString: api.dbUrl, max: 2 });
    const p = await api.request('POST', '/v1/properties', {
      name: 'Sunset',
      timeZone: 'America/Chicago',
      phone: '+13125550100',
    });
    propertyId = p.body.id;
    const s = await api.request('PATCH', `/v1/properties/${propertyId}/dni`, {
      allowedOrigins: [ORIGIN],
      swapNumbers: [SWAP],
    });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    dniKey = s.body.dniKey;
    assert.match(dniKey, /^[A-Za-z0-9_-]{8,64}$/);
  });
  after(async () => {
    await db?.end();
    await api?.stop();
  });

  it('hands 200 simultaneous visitors distinct pool numbers', async () => {
    // 200 visitors race for the 50 numbers of one pool (the most a pool holds): every number goes
    // to exactly one of them, the other 150 get the policy (the main number: nothing to swap).
    const { pool } = await pooledSource('big', 50, 'main_number');
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=big`, pageUrl: `${ORIGIN}/` }),
      ),
    );
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    const numbers = answers.map((a) => a.body.swaps[0]?.replacement).filter(Boolean);
    assert.equal(numbers.length, 50);
    assert.equal(new Set(numbers).size, 50, 'no number handed to two live visitors');
    const u = await api.request('GET', `/v1/properties/${propertyId}/pools/${pool.id}/utilization`);
    assert.deepEqual([u.body.total, u.body.held, u.body.free, u.body.exhaustedAssignments], [50, 50, 0, 150]);
    // The pool grows while live: the next visitor gets one of the new numbers.
    const base = `/v1/properties/${propertyId}`;
    const more = await api.request('POST', `${base}/tracking-numbers`, {
      number: nextNumber(),
      sourceId: pool.sourceId,
      forwardTo: '+13125550111',
    });
    const grown = await api.request('PATCH', `${base}/pools/${pool.id}`, {
      trackingNumberIds: [...pool.trackingNumberIds.slice(0, 49), more.body.id],
    });
    assert.equal(grown.status, 200, JSON.stringify(grown.body));
    const next = await visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=big`, pageUrl: `${ORIGIN}/` });
    assert.equal(next.body.swaps[0]?.replacement, more.body.number);
  });

  it('follows each exhaustion policy', async () => {
    const base = `/v1/properties/${propertyId}`;
    const overflowSource = await api.request('POST', `${base}/sources`, { name: 'Overflow' });
    const overflow = await api.request('POST', `${base}/tracking-numbers`, {
      number: '+13125559999',
      sourceId: overflowSource.body.id,
      forwardTo: '+13125550111',
    });
    const cases: [string, string][] = [
      ['ovf', '+13125559999'],
      ['main', SWAP],
    ];
    await pooledSource('ovf', 4, 'overflow', { overflowTrackingNumberId: overflow.body.id });
    await pooledSource('main', 4, 'main_number');
    for (const [tag, expected] of cases) {
      const got = [];
      for (let i = 0; i < 5; i++)
        got.push((await visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=${tag}`, pageUrl: ORIGIN })).body);
      assert.equal(new Set(got.slice(0, 4).map((g) => g.swaps[0].replacement)).size, 4);
      // The main number is the page's own: nothing to swap.
      assert.deepEqual(
        got[4].swaps,
        expected === SWAP ? [] : [{ original: SWAP, replacement: expected }],
        tag,
      );
    }
    const { pool } = await pooledSource('lru', 4, 'reuse_lru', {
      overflowTrackingNumberId: overflow.body.id,
    });
    const first = [];
    for (let i = 0; i < 4; i++)
      first.push((await visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=lru`, pageUrl: ORIGIN })).body);
    const page = (sessionId: string) =>
      http(
        'POST',
        `${api.url}/dni/${dniKey}/visits/${sessionId}/pages`,
        { pageUrl: ORIGIN },
        { origin: ORIGIN },
      );
    // All four visitors are on the site: a fifth gets the overflow number and takes nobody's.
    const fifth = (await visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=lru`, pageUrl: ORIGIN })).body;
    assert.deepEqual(fifth.swaps, [{ original: SWAP, replacement: '+13125559999' }]);
    for (const f of first)
      assert.equal((await page(f.sessionId)).body.swaps[0].replacement, f.swaps[0].replacement, 'kept');
    // The first visitor left the site (no heartbeat for ten minutes), their hold still in its grace:
    // theirs is the number to reuse, and both holds are flagged.
    await db.query(`UPDATE visitor_sessions SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`, [
      first[0].sessionId,
    ]);
    const sixth = (await visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=lru`, pageUrl: ORIGIN })).body;
    assert.equal(sixth.swaps[0].replacement, first[0].swaps[0].replacement);
    const flagged = await db.query(
      `SELECT count(*)::int AS n FROM pool_number_holds WHERE ambiguous AND session_id = ANY($1::uuid[])`,
      [[first[0].sessionId, sixth.sessionId]],
    );
    assert.equal(flagged.rows[0].n, 2, 'both holds flagged ambiguous');
    const u = await api.request('GET', `/v1/properties/${propertyId}/pools/${pool.id}/utilization`);
    assert.equal(u.body.exhaustedAssignments, 2);
  });

  it('lets one client hold at most DNI_MAX_HOLDS_PER_CLIENT (2) numbers of a pool', async () => {
    const base = `/v1/properties/${propertyId}`;
    const spare = await api.request('POST', `${base}/sources`, { name: 'Spare' });
    const overflow = await api.request('POST', `${base}/tracking-numbers`, {
      number: '+13125559998',
      sourceId: spare.body.id,
      forwardTo: '+13125550111',
    });
    const { pool } = await pooledSource('cap', 4, 'reuse_lru', {
      overflowTrackingNumberId: overflow.body.id,
    });
    const from = (ip: string) =>
      visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=cap`, pageUrl: ORIGIN }, ORIGIN, ip).then((r) => {
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.swaps[0]?.replacement as string;
      });
    // Six visits at once from one address: two pool numbers, the overflow number for the rest.
    const one = await Promise.all(Array.from({ length: 6 }, () => from('203.0.113.7')));
    const pooled = new Set(await poolNumbers(pool.id));
    assert.equal(one.filter((n) => pooled.has(n)).length, 2, one.join());
    assert.equal(one.filter((n) => n === '+13125559998').length, 4, one.join());
    // Another client still gets a number of its own.
    const other = await from('203.0.113.8');
    assert.ok(pooled.has(other) && !one.includes(other), other);
    const u = await api.request('GET', `${base}/pools/${pool.id}/utilization`);
    assert.equal(u.body.held, 3);
  });

  it('keeps a number while the visitor is active and frees it after the grace', async () => {
    await pooledSource('grace', 4, 'main_number');
    const v = (await visit(dniKey, { landingUrl: `${ORIGIN}/?utm_source=grace`, pageUrl: ORIGIN })).body;
    const held = v.swaps[0].replacement;
    const resumed = await visit(dniKey, {
      visitorId: v.visitorId,
      landingUrl: `${ORIGIN}/?utm_source=grace`,
      pageUrl: `${ORIGIN}/pricing`,
    });
    assert.deepEqual([resumed.body.sessionId, resumed.body.swaps[0].replacement], [v.sessionId, held]);
    // The clock is the database's: move the hold's end (and the session's last activity) into the past.
    await db.query(
      `UPDATE tracking_numbers SET held_until = now() - interval '1 second' WHERE held_by_session_id = $1`,
      [v.sessionId],
    );
    await db.query(
      `UPDATE pool_number_holds SET held_until = now() - interval '1 second' WHERE session_id = $1`,
      [v.sessionId],
    );
    const free = await db.query(
      `SELECT count(*)::int AS n FROM tracking_numbers n JOIN number_pools p ON p.id = n.pool_id
        JOIN tracking_sources s ON s.id = p.source_id WHERE s.name = 'grace' AND (n.held_until IS NULL OR n.held_until <= now())`,
    );
    assert.equal(free.rows[0].n, 4, 'released after the grace');
    // The same session coming back in time gets its old number again when it is still free.
    const back = await http(
      'POST',
      `${api.url}/dni/${dniKey}/visits/${v.sessionId}/pages`,
      { pageUrl: ORIGIN },
      { origin: ORIGIN },
    );
    assert.equal(back.body.swaps[0].replacement, held);
  });

  it('keeps a returning visitor on their first source under first touch, unless a source opts in to last touch', async () => {
    const base = `/v1/properties/${propertyId}`;
    const settings = await api.request('PATCH', `${base}/dni`, { attributionModel: 'first_touch' });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    const numbers: Record<string, string> = {};
    for (const [tag, lastTouch] of [
      ['alpha', false],
      ['gamma', false],
      ['beta', true],
    ] as const) {
      const src = await api.request('POST', `${base}/sources`, {
        name: tag,
        priority: 2,
        lastTouch,
        dniRules: [{ kind: 'query_param', param: 'utm_source', values: [tag] }],
      });
      assert.equal(src.status, 201, JSON.stringify(src.body));
      assert.equal(src.body.lastTouch, lastTouch);
      numbers[tag] = nextNumber();
      await api.request('POST', `${base}/tracking-numbers`, {
        number: numbers[tag],
        sourceId: src.body.id,
        forwardTo: '+13125550111',
      });
    }
    /** A new session each time: the previous one is ended, as if the visitor came back a day later. */
    const visitAs = async (visitorId: string | undefined, tag: string) => {
      const r = await visit(dniKey, {
        ...(visitorId ? { visitorId } : {}),
        landingUrl: `${ORIGIN}/?utm_source=${tag}`,
        pageUrl: `${ORIGIN}/`,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      await db.query(`UPDATE visitor_sessions SET last_seen_at = now() - interval '2 days' WHERE id = $1`, [
        r.body.sessionId,
      ]);
      return r.body as { visitorId: string; swaps: { replacement: string }[] };
    };
    const first = await visitAs(undefined, 'alpha');
    assert.equal(first.swaps[0].replacement, numbers.alpha);
    const viaGamma = await visitAs(first.visitorId, 'gamma');
    assert.equal(viaGamma.swaps[0].replacement, numbers.alpha, 'first touch keeps alpha');
    const viaBeta = await visitAs(first.visitorId, 'beta');
    assert.equal(viaBeta.swaps[0].replacement, numbers.beta, 'beta opted in to last touch');
    await api.request('PATCH', `${base}/dni`, { attributionModel: 'first_touch' });
  });

  it('answers only the allowed origins, with CORS headers and preflight', async () => {
    const body = { landingUrl: `${ORIGIN}/`, pageUrl: `${ORIGIN}/` };
    const refused = await visit(dniKey, body, 'https://evil.example');
    assert.equal(refused.status, 403);
    const pre = await fetch(`${api.url}/dni/${dniKey}/visits`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    const preEvil = await fetch(`${api.url}/dni/${dniKey}/visits`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(preEvil.status, 403);
    assert.equal(preEvil.headers.get('access-control-allow-origin'), null);
    assert.equal((await visit('nosuchkey123', body)).status, 404);
  });

  it('validates every field with 422 naming it', async () => {
    const bad = await visit(dniKey, { visitorId: 'x', landingUrl: 'javascript:alert(1)', extra: 1 });
    assert.equal(bad.status, 422);
    const fields = bad.body.error.fields.map((f: { field: string }) => f.field);
    for (const f of ['visitorId', 'landingUrl', 'pageUrl', 'extra']) assert.ok(fields.includes(f), f);
    const unknownSession = await http(
      'POST',
      `${api.url}/dni/${dniKey}/visits/7a0b4c1e-8d1f-4f7a-9c2b-1e2d3c4b5a69/pages`,
      { pageUrl: ORIGIN },
      { origin: ORIGIN },
    );
    assert.equal(unknownSession.status, 404);
    const tooSmall = await api.request('POST', `/v1/properties/${propertyId}/pools`, {
      sourceId: '7a0b4c1e-8d1f-4f7a-9c2b-1e2d3c4b5a69',
      trackingNumberIds: [],
      exhaustionPolicy: 'overflow',
    });
    assert.equal(tooSmall.status, 422);
    assert.ok(tooSmall.body.error.fields.some((f: { field: string }) => f.field === 'trackingNumberIds'));
  });

  it('rate-limits per client address with 429', async () => {
    const limited = await startApiOnly({ DNI_RATE_LIMIT_BURST: '5', DNI_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const statuses = [];
      for (let i = 0; i < 8; i++)
        statuses.push(
          (await http('POST', `${limited.url}/dni/whatever123/visits`, {}, { origin: ORIGIN })).status,
        );
      assert.deepEqual(statuses.slice(0, 5), [404, 404, 404, 404, 404]);
      assert.deepEqual(statuses.slice(5), [429, 429, 429]);
    } finally {
      await limited.stop();
    }
  });

  /** Statuses of `n` requests, each claiming to be forwarded for the client `xff(i)`. */
  const burst = async (url: string, n: number, xff: (i: number) => string) => {
    const statuses = [];
    for (let i = 0; i < n; i++)
      statuses.push(
        (
          await http(
            'POST',
            `${url}/dni/whatever123/visits`,
            {},
            { origin: ORIGIN, 'x-forwarded-for': xff(i) },
          )
        ).status,
      );
    return statuses;
  };

  it('behind a proxy in TRUSTED_PROXIES, limits each forwarded client on its own', async () => {
    const limited = await startApiOnly({
      DNI_RATE_LIMIT_BURST: '2',
      DNI_RATE_LIMIT_PER_MINUTE: '1',
      TRUSTED_PROXIES: '127.0.0.1',
    });
    try {
      assert.deepEqual(await burst(limited.url, 3, () => '203.0.113.1'), [404, 404, 429]);
      // Another visitor behind the same proxy has a bucket of their own.
      assert.deepEqual(await burst(limited.url, 2, () => '203.0.113.2'), [404, 404]);
      // A client cannot pose as someone else by prepending an address: the proxy appends the real one.
      assert.deepEqual(await burst(limited.url, 1, () => '203.0.113.9, 203.0.113.1'), [429]);
    } finally {
      await limited.stop();
    }
  });

  it('shares each client’s allowance between api processes and refills it at the configured rate', async () => {
    // Two api processes on one database behind one proxy: a burst of 2, then one request every 2 s.
    const one = await startApiOnly({
      DNI_RATE_LIMIT_BURST: '2',
      DNI_RATE_LIMIT_PER_MINUTE: '30',
      TRUSTED_PROXIES: '127.0.0.1',
    });
    const two = await anotherApi(one);
    try {
      const visitor = () => '203.0.113.50';
      assert.deepEqual(await burst(one.url, 2, visitor), [404, 404]);
      // Spent on process one: refused by process two, which had never seen this visitor.
      assert.deepEqual(await burst(two.url, 2, visitor), [429, 429]);
      // Another visitor is not affected, on either process.
      assert.deepEqual(await burst(two.url, 1, () => '203.0.113.51'), [404]);
      assert.deepEqual(await burst(one.url, 1, () => '203.0.113.51'), [404]);
      // 3 s later one request has come back (the refused ones cost nothing), wherever it is sent,
      // and only one.
      await new Promise((r) => setTimeout(r, 3_000));
      assert.deepEqual(await burst(two.url, 1, visitor), [404]);
      assert.deepEqual(await burst(one.url, 1, visitor), [429]);
    } finally {
      await two.close();
      await one.stop();
    }
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    // The default (no trusted proxy) and a proxy list this peer is not on: a forged header per request
    // changes nothing, the connecting address is limited.
    for (const env of [{ TRUSTED_PROXIES: '' }, { TRUSTED_PROXIES: '10.0.0.0/8' }]) {
      const limited = await startApiOnly({
        DNI_RATE_LIMIT_BURST: '2',
        DNI_RATE_LIMIT_PER_MINUTE: '1',
        ...env,
      });
      try {
        assert.deepEqual(await burst(limited.url, 4, (i) => `203.0.113.${i + 20}`), [404, 404, 429, 429]);
      } finally {
        await limited.stop();
      }
    }
  });
});
