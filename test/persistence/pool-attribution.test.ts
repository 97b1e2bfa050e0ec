import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { CallRoutingRepository, openDataSource, PoolHoldRepository } from '@switchboard/persistence';
import { createTestDatabase } from '../support/test-env';

const T0 = new Date('2026-06-01T15:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * Which visit a call to a pool number belongs to, on real PostgreSQL with explicit instants: the
 * holder at the call's start, else the last holder within the look-back, else nobody; and the
 * account-wide repeat-caller count.
 */
describe('pool number attribution', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let holds: PoolHoldRepository;
  let poolId: string;
  let numberId: string;
  let propertyId: string;
  let otherPropertyId: string;

  const session = async (keyword: string): Promise<string> => {
    const [s] = await ds.query(
      `INSERT INTO visitor_sessions (property_id, visitor_id, landing_url, keyword, active_page, started_at, last_seen_at)
       VALUES ($1, 'visitor-0001', 'https://a.example/', $2, 'https://a.example/', $3, $3) RETURNING id`,
      [propertyId, keyword, T0],
    );
    return s.id;
  };

  before(async () => {
    db = await createTestDatabase();
    ds = await openDataSource(db.url, 4);
    holds = new PoolHoldRepository(ds);
    const [acct] = await ds.query(`INSERT INTO accounts (name) VALUES ('Pools') RETURNING id`);
    const props = await ds.query(
      `INSERT INTO properties (account_id, name, time_zone) VALUES ($1, 'A', 'UTC'), ($1, 'B', 'UTC') RETURNING id`,
      [acct.id],
    );
    [propertyId, otherPropertyId] = props.map((p: { id: string }) => p.id);
    const [src] = await ds.query(
      `INSERT INTO tracking_sources (property_id, name) VALUES ($1, 'Ads') RETURNING id`,
      [propertyId],
    );
    const [pool] = await ds.query(
      `INSERT INTO number_pools (property_id, source_id, name, exhaustion_policy) VALUES ($1, $2, 'Ads', 'reuse_lru') RETURNING id`,
      [propertyId, src.id],
    );
    poolId = pool.id;
    const [n] = await ds.query(
      `INSERT INTO tracking_numbers (property_id, source_id, number, forward_to, pool_id)
       VALUES ($1, $2, '+13125557001', '+13125550111', $3) RETURNING id`,
      [propertyId, src.id, poolId],
    );
    numberId = n.id;
  });
  after(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('finds the holder at the instant, then the last holder within the look-back, then nobody', async () => {
    const first = await session('lofts');
    const claimed = await holds.claimFree(poolId, first, at(0), at(30));
    assert.equal(claimed?.trackingNumberId, numberId);
    assert.equal(
      await holds.claimFree(poolId, await session('other'), at(1), at(31)),
      null,
      'pool of one is full',
    );
    const during = await holds.attribute(numberId, at(10), 60);
    assert.deepEqual([during.kind, during.session?.keyword], ['session', 'lofts']);
    assert.equal(await holds.extend(first, at(20), at(50)).then((h) => h?.number), '+13125557001');
    assert.equal((await holds.attribute(numberId, at(45), 60)).kind, 'session', 'extended by the heartbeat');
    const after = await holds.attribute(numberId, at(80), 60);
    assert.deepEqual([after.kind, after.session?.sessionId], ['lookback', first]);
    assert.equal((await holds.attribute(numberId, at(111), 60)).kind, 'none');
  });

  it('flags a number taken over on exhaustion as ambiguous', async () => {
    const a = await session('a');
    const b = await session('b');
    await holds.claimFree(poolId, a, at(200), at(230));
    assert.equal(await holds.claimFree(poolId, b, at(201), at(231)), null);
    // a was last seen at the start (T0): long gone from the site, though its hold runs to 230.
    const taken = await holds.claimLeastRecent(poolId, b, at(201), at(231), at(199));
    assert.equal(taken?.ambiguous, true);
    const r = await holds.attribute(numberId, at(205), 60);
    assert.deepEqual([r.kind, r.session?.sessionId], ['ambiguous', b]);
    assert.equal(await holds.extend(a, at(206), at(236)), null, "a's hold is gone");
  });

  it('never takes over the number of a visitor still on the site', async () => {
    const a = await session('a');
    const b = await session('b');
    await ds.query(`UPDATE visitor_sessions SET last_seen_at = $2 WHERE id = $1`, [a, at(300)]);
    await holds.claimFree(poolId, a, at(300), at(330));
    assert.equal(
      await holds.claimLeastRecent(poolId, b, at(301), at(331), at(299)),
      null,
      'a was seen after the live window began',
    );
    assert.equal((await holds.attribute(numberId, at(305), 60)).session?.sessionId, a);
    assert.equal((await holds.claimLeastRecent(poolId, b, at(302), at(332), at(301)))?.ambiguous, true);
  });

  it('counts repeat calls account-wide, within an optional window', async () => {
    const routing = new CallRoutingRepository(ds);
    const call = (property: string, from: string, started: Date, i: number) =>
      ds.query(
        `INSERT INTO calls (workflow_id, call_session_id, call_control_id, property_id, from_number, to_number,
                            started_at, ended_at, duration_secs, talk_secs, outcome, path)
         VALUES ($1, $1, $1, $2, $3, '+13125557001', $4, $4, 0, 0, 'answered', '[]')`,
        [`wf-${i}`, property, from, started],
      );
    await call(otherPropertyId, '+13125558888', new Date('2026-01-01T00:00:00Z'), 1);
    await call(propertyId, '+13125558888', new Date('2026-05-30T00:00:00Z'), 2);
    assert.equal(
      (await routing.callerHistory(propertyId, '+13125558888', T0, null)).priorCalls,
      2,
      'the other property counts',
    );
    assert.equal(
      (await routing.callerHistory(propertyId, '+13125558888', T0, 30)).priorCalls,
      1,
      'window of 30 days',
    );
    assert.equal((await routing.callerHistory(propertyId, '+13125559999', T0, null)).priorCalls, 0);
  });

  it('counts and scores only calls that started before the call', async () => {
    const routing = new CallRoutingRepository(ds);
    const call = (from: string, started: Date, i: number, score: number | null) =>
      ds.query(
        `INSERT INTO calls (workflow_id, call_session_id, call_control_id, property_id, from_number, to_number,
                            started_at, ended_at, duration_secs, talk_secs, outcome, path, score, lead_status)
         VALUES ($1, $1, $1, $2, $3, '+13125557001', $4, $4, 0, 0, 'answered', '[]', $5, $6)`,
        [`later-${i}`, propertyId, from, started, score, score === null ? 'not_scored' : 'good_lead'],
      );
    // Placed afterwards with an earlier start instant (a scenario's `at`): later calls are not prior.
    await call('+13125557777', at(60), 1, 90);
    await call('+13125557777', T0, 2, null);
    await call('+13125557777', at(-60), 3, 40);
    const h = await routing.callerHistory(propertyId, '+13125557777', T0, null);
    assert.equal(h.priorCalls, 1, 'only the call an hour before; not the one at the same instant or after');
    assert.equal(h.scores?.last.score, 40);
    const first = await routing.callerHistory(propertyId, '+13125557777', at(-60), null);
    assert.equal(first.priorCalls, 0, 'the earliest call is a first-time call');
  });
});
