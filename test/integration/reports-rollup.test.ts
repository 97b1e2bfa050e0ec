import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import type { CallOutcome, CallRecordInput } from '@switchboard/contracts';
import {
  openDataSource,
  rebuildCallRollup,
  rollupCanAnswer,
  summaryQuery,
  type SummaryRequest,
} from '@switchboard/persistence';
import { callRecordSaver } from '../support/call-records';
import { seedCalls } from '../../scripts/seed-calls';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/**
 * The daily rollup answers summaries exactly as reading the calls does. Seeded calls (five
 * properties in five zones, random instants over 30 days, so plenty fall either side of local
 * midnights) plus hand-made calls of one Chicago property around midnight and the March 2026 DST
 * change; the summary endpoint (the rollup, where it can) is compared with the same summary read
 * from the calls. 2026-03-07 is a Saturday; 2026-03-08 is 23 hours long in Chicago.
 */
describe('reports from the daily rollup', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let seeded: string[];
  let chi: string;
  let zillow: string;
  let zillowNumber: string;
  let oldSource: string;
  let save: ReturnType<typeof callRecordSaver>;

  const record = (
    id: string,
    startedAt: string,
    outcome: CallOutcome,
    over: Partial<CallRecordInput> = {},
  ): CallRecordInput => {
    const answered = outcome === 'answered';
    const at = (secs: number) => new Date(Date.parse(startedAt) + secs * 1000).toISOString();
    return {
      workflowId: `call-${id}`,
      callSessionId: `session-${id}`,
      callControlId: `v3:${id}`,
      from: '+13125550100',
      to: '+13125550101',
      propertyId: chi,
      trackingNumberId: zillowNumber,
      sourceId: zillow,
      sourceName: 'Zillow',
      startedAt,
      answeredAt: answered ? at(4.25) : null,
      endedAt: at(answered ? 64 : 30),
      outcome,
      answeredBy: answered ? 'ann' : null,
      hangupCause: 'normal_clearing',
      path: [],
      ...over,
    };
  };

  const attribution = (priorCalls: number): CallRecordInput['attribution'] => ({
    kind: null,
    sessionId: null,
    keyword: 'studio',
    campaign: 'spring',
    landingPage: null,
    activePage: null,
    referrer: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    priorCalls,
  });

  const get = async (path: string) => {
    const r = await api.request('GET', path);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const query = (q: Record<string, string | undefined>) =>
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
      .join('&');

  /** The summary the endpoint builds for these query parameters over these properties. */
  const request = (propertyIds: string[], q: Record<string, string | undefined>): SummaryRequest => {
    const { propertyId: _p, propertyListId: _l, ...filters } = q;
    return { ...filters, propertyIds } as unknown as SummaryRequest;
  };

  /** The endpoint's answer, as a user gets it. */
  const endpoint = (q: Record<string, string | undefined>) => get(`/v1/reports/calls/summary?${query(q)}`);

  /** The same summary read from the calls (never the rollup), shaped as the endpoint shapes it. */
  const fromCalls = async (propertyIds: string[], q: Record<string, string | undefined>) => {
    const r = request(propertyIds, q);
    const { sql, params } = summaryQuery(r, true, false);
    const all: Record<string, unknown>[] = await ds.query(sql, params);
    const { key: _k, label: _lb, total: _t, ...totals } = all.find((x) => x.total)!;
    return {
      from: r.from,
      to: r.to,
      groupBy: r.groupBy ?? null,
      rows: all.filter((x) => !x.total).map(({ total: _tt, ...row }) => row),
      totals,
    };
  };

  /** Asserts the endpoint answers from the rollup and exactly as the calls do; returns the answer. */
  const same = async (propertyIds: string[], q: Record<string, string | undefined>) => {
    assert.ok(rollupCanAnswer(request(propertyIds, q)), `rollup for ${query(q)}`);
    const answer = await endpoint(q);
    assert.deepEqual(answer, await fromCalls(propertyIds, q), query(q));
    return answer;
  };

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    save = callRecordSaver(ds);
    const s = await seedCalls(ds, { calls: 4000, properties: 5, days: 30 });
    seeded = s.propertyIds;
    // The seed makes its own account; the test's key reaches properties of the test account.
    await ds.query(`UPDATE properties SET account_id = $1 WHERE id = ANY($2::uuid[])`, [
      api.accountId,
      seeded,
    ]);

    const p = await api.request('POST', '/v1/properties', { name: 'Chicago', timeZone: 'America/Chicago' });
    assert.equal(p.status, 201);
    chi = p.body.id;
    const source = async (name: string) => {
      const [row] = await ds.query<{ id: string }[]>(
        `INSERT INTO tracking_sources (property_id, name) VALUES ($1, $2) RETURNING id`,
        [chi, name],
      );
      return row.id;
    };
    zillow = await source('Zillow');
    oldSource = await source('Old flyer');
    [{ id: zillowNumber }] = await ds.query(
      `INSERT INTO tracking_numbers (property_id, source_id, number, forward_to)
       VALUES ($1, $2, '+13125550101', '+13125550111') RETURNING id`,
      [chi, zillow],
    );
    for (const r of [
      record('h1', '2026-03-08T05:59:59Z', 'answered', { attribution: attribution(0) }), // Sat 7th 23:59:59 CST
      record('h2', '2026-03-08T06:00:00Z', 'no_answer'), // Sun 8th 00:00 CST
      record('h3', '2026-03-09T04:59:59Z', 'abandoned', {
        attribution: attribution(2),
        endedAt: '2026-03-09T05:00:09Z',
      }), // Sun 8th 23:59:59 CDT, hung up after 10 s
      record('h4', '2026-03-09T05:00:00Z', 'voicemail', {
        sourceId: oldSource,
        sourceName: 'Old flyer',
        trackingNumberId: null,
      }), // Mon 9th 00:00 CDT
    ])
      await save(r);
  });

  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  it('answers every grouping and filter it holds exactly as the calls do, over seeded calls', async () => {
    const all = { from: days(32), to: days(-1) };
    // The key sees the seeded properties and the hand-made one (whose calls are in March).
    const everyone = [...seeded, chi];
    const whole = await same(everyone, all);
    // Every seeded call is in range (30 days back from now, in zones up to 9 hours either side).
    assert.equal(whole.totals.calls, 4000);
    for (const groupBy of [
      'day',
      'source',
      'tracking_number',
      'property',
      'campaign',
      'keyword',
      'agent',
      'outcome',
      'hour_of_week',
    ])
      await same(everyone, { ...all, groupBy });
    // Shorter ranges: each property's own local days, cut at its own midnights.
    const [first] = seeded;
    const [{ source_id: sourceId, tracking_number_id: numberId }]: {
      source_id: string;
      tracking_number_id: string;
    }[] = await ds.query(`SELECT source_id, tracking_number_id FROM calls WHERE property_id = $1 LIMIT 1`, [
      first,
    ]);
    for (const q of [
      { from: days(10), to: days(10), groupBy: 'day' },
      { from: days(20), to: days(12), groupBy: 'source', propertyId: first },
      { from: days(25), to: days(3), groupBy: 'outcome', sourceId },
      { from: days(25), to: days(3), groupBy: 'day', trackingNumberId: numberId, firstTime: 'true' },
      { from: days(25), to: days(3), groupBy: 'agent', outcome: 'answered', firstTime: 'false' },
      { from: days(30), to: days(0), groupBy: 'keyword', campaign: 'brand' },
      { from: days(30), to: days(0), groupBy: 'tracking_number', keyword: 'studio', answeredBy: 'ann' },
    ])
      await same(q.propertyId ? [q.propertyId] : everyone, q);
  });

  it('counts each call on its own local day across midnight and the DST change', async () => {
    const r = await same([chi], { propertyId: chi, from: '2026-03-07', to: '2026-03-09', groupBy: 'day' });
    assert.deepEqual(
      r.rows.map((x: any) => [x.key, x.calls, x.answered, x.abandoned, x.missed, x.voicemails, x.firstTime]),
      [
        ['2026-03-07', 1, 1, 0, 0, 0, 1], // h1 (first-time)
        ['2026-03-08', 2, 0, 1, 1, 0, 0], // h2 missed (30 s), h3 abandoned (repeat caller)
        ['2026-03-09', 1, 0, 0, 0, 1, 0], // h4
      ],
    );
    assert.equal(r.totals.avgRingSecs, 4.3); // 4.25 s rounds up
    const byHour = await same([chi], {
      propertyId: chi,
      from: '2026-03-07',
      to: '2026-03-09',
      groupBy: 'hour_of_week',
    });
    assert.deepEqual(
      byHour.rows.map((x: any) => [x.key, x.label, x.calls]),
      [
        [0, 'Mon 00:00', 1], // h4, CDT
        [143, 'Sat 23:00', 1], // h1, CST
        [144, 'Sun 00:00', 1], // h2
        [167, 'Sun 23:00', 1], // h3
      ],
    );
    // One local day alone: the 23-hour Sunday.
    const sunday = await same([chi], { propertyId: chi, from: '2026-03-08', to: '2026-03-08' });
    assert.equal(sunday.totals.calls, 2);
  });

  it('counts a call saved twice (a retried activity) once, with what the second save says', async () => {
    const q = { propertyId: chi, from: '2026-03-10', to: '2026-03-10', groupBy: 'outcome' };
    await save(record('twice', '2026-03-10T15:00:00Z', 'no_answer'));
    const once = await same([chi], q);
    assert.deepEqual(
      once.rows.map((x: any) => [x.key, x.calls]),
      [['no_answer', 1]],
    );
    // The retry records the call as answered after all: it moves, it is not added.
    await save(record('twice', '2026-03-10T15:00:00Z', 'answered'));
    await save(record('twice', '2026-03-10T15:00:00Z', 'answered'));
    const twice = await same([chi], q);
    assert.deepEqual(
      twice.rows.map((x: any) => [x.key, x.calls, x.answered, x.missed]),
      [['answered', 1, 1, 0]],
    );
    assert.equal(twice.totals.calls, 1);
    // What saving records keeps is what counting all calls again gives.
    const cells = async () => [
      await ds.query(`SELECT * FROM call_rollup ORDER BY property_id, day, source_id, tracking_number_id, outcome,
                             first_time, campaign, keyword, answered_by`),
      await ds.query(`SELECT * FROM call_rollup_hourly ORDER BY property_id, day, hour`),
    ];
    const kept = await cells();
    await ds.transaction((m) => rebuildCallRollup(m));
    assert.deepEqual(await cells(), kept);
  });

  it('follows a deleted source and a changed time zone', async () => {
    await ds.query(`DELETE FROM tracking_sources WHERE id = $1`, [oldSource]);
    const range = { propertyId: chi, from: '2026-03-07', to: '2026-03-09' };
    const bySource = await same([chi], { ...range, groupBy: 'source' });
    // The deleted source's call (h4) is under no source now, as the call itself says.
    assert.deepEqual(
      bySource.rows.map((x: any) => [x.key, x.label, x.calls]),
      [
        [zillow, 'Zillow', 3],
        [null, 'Old flyer', 1],
      ],
    );
    assert.equal((await same([chi], { ...range, sourceId: oldSource })).totals.calls, 0);

    const patch = await api.request('PATCH', `/v1/properties/${chi}`, { timeZone: 'Asia/Tokyo' });
    assert.equal(patch.status, 200);
    const byDay = await same([chi], { ...range, groupBy: 'day' });
    // In Tokyo h1 and h2 are the 8th 14:59:59 and 15:00, h3 and h4 the 9th 13:59:59 and 14:00.
    assert.deepEqual(
      byDay.rows.map((x: any) => [x.key, x.calls]),
      [
        ['2026-03-08', 2],
        ['2026-03-09', 2],
      ],
    );
  });

  it('answers what the rollup does not hold from the calls', async () => {
    // Hour of week with a filter: the hourly cells have no sources.
    const q = {
      propertyId: chi,
      from: '2026-03-07',
      to: '2026-03-09',
      groupBy: 'hour_of_week',
      sourceId: zillow,
    };
    assert.equal(rollupCanAnswer(request([chi], q)), false);
    const r = await endpoint(q);
    // Tokyo time now (the previous test moved the property): Sun 14:59:59 and 15:00, Mon 13:59:59;
    // h4 (Mon 14:00) had the deleted source.
    assert.deepEqual(
      r.rows.map((x: any) => [x.key, x.label, x.calls, x.answered, x.missed, x.abandoned]),
      [
        [13, 'Mon 13:00', 1, 0, 0, 1],
        [158, 'Sun 14:00', 1, 1, 0, 0],
        [159, 'Sun 15:00', 1, 0, 1, 0],
      ],
    );
    assert.equal(r.totals.calls, 3);
  });
});
