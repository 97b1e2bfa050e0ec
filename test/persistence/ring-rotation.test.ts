import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { planRing } from '@switchboard/domain';
import { openDataSource, PropertyResourcesRepository } from '@switchboard/persistence';
import { createTestDatabase } from '../support/test-env';

/**
 * The round-robin pointer on real PostgreSQL: concurrent calls each start on a different agent,
 * and a retried attempt gets the plan it already drew instead of taking another turn.
 */
describe('ring group rotation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let repo: PropertyResourcesRepository;
  let propertyId: string;

  before(async () => {
    db = await createTestDatabase();
    ds = await openDataSource(db.url, 10);
    repo = new PropertyResourcesRepository(ds);
    const [acct] = await ds.query(`INSERT INTO accounts (name) VALUES ('Rotation account') RETURNING id`);
    const [p] = await ds.query(
      `INSERT INTO properties (account_id, name, time_zone) VALUES ($1, 'Rotation', 'America/Chicago') RETURNING id`,
      [acct.id],
    );
    propertyId = p.id;
    for (const [id, n] of [
      ['ann', 1],
      ['bob', 2],
      ['cy', 3],
    ] as const) {
      await ds.query(`INSERT INTO agents (property_id, id, name, endpoint) VALUES ($1, $2, $2, $3)`, [
        propertyId,
        id,
        JSON.stringify({ kind: 'phone', number: `+1312555020${n}` }),
      ]);
    }
    await ds.query(
      `INSERT INTO ring_groups (property_id, id, name, definition) VALUES ($1, 'leasing', 'Leasing', $2)`,
      [
        propertyId,
        JSON.stringify({
          strategy: 'round_robin',
          members: [{ agentId: 'ann' }, { agentId: 'bob' }, { agentId: 'cy' }],
          agentRingTimeoutSeconds: 15,
          skipUnavailable: true,
          callerHears: { kind: 'ringback' },
        }),
      ],
    );
  });
  after(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const claim = (claimId: string) =>
    repo.claimRingPlan(claimId, propertyId, 'leasing', (g) => planRing(g.group, g.availability, g.pointer));
  const firstAgent = (plan: Awaited<ReturnType<typeof claim>>) => plan?.waves[0]?.targets[0]?.agentId;

  it('successive calls start on successive agents, and wrap around', async () => {
    const starts = [];
    for (let i = 0; i < 4; i++) starts.push(firstAgent(await claim(`seq-${i}`)));
    assert.deepEqual(starts, ['ann', 'bob', 'cy', 'ann']);
  });

  it('twelve concurrent calls start four times on each agent', async () => {
    const plans = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(`concurrent-${i}`)));
    const counts: Record<string, number> = {};
    for (const p of plans) counts[firstAgent(p)!] = (counts[firstAgent(p)!] ?? 0) + 1;
    assert.deepEqual(counts, { ann: 4, bob: 4, cy: 4 });
  });

  it('a retried attempt gets its own plan again without taking another turn', async () => {
    const first = await claim('retry-me');
    const again = await claim('retry-me');
    assert.deepEqual(again, first);
    const next = await claim('after-retry');
    const order = ['ann', 'bob', 'cy'];
    assert.equal(firstAgent(next), order[(order.indexOf(firstAgent(first)!) + 1) % 3]);
  });

  it('an unavailable agent is skipped and the rotation moves past it', async () => {
    await ds.query(`UPDATE agents SET available = false WHERE property_id = $1 AND id = 'bob'`, [propertyId]);
    await ds.query(`UPDATE ring_groups SET rotation_pointer = 1 WHERE property_id = $1`, [propertyId]);
    const plan = await claim('bob-away');
    assert.deepEqual(plan?.skippedAgentIds, ['bob']);
    assert.equal(firstAgent(plan), 'cy');
    assert.equal(firstAgent(await claim('bob-away-2')), 'ann');
  });

  it('a group that no longer exists gives no plan', async () => {
    assert.equal(
      await repo.claimRingPlan('gone', propertyId, 'nope', (g) => planRing(g.group, g.availability, 0)),
      null,
    );
  });
});
