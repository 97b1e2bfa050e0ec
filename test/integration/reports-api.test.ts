import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import type { CallOutcome } from '@switchboard/contracts';
import { openDataSource } from '@switchboard/persistence';
import { callRecordSaver } from '../support/call-records';
import { http } from '../support/http';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/**
 * Reports over a small hand-made set of calls, every figure computed by hand below. Two properties
 * in zones 15 hours apart (Chicago UTC−6 in January, Tokyo UTC+9) with calls on both sides of
 * their local midnights, so a call is counted on its own property's local day. 2026-01-10 is a
 * Saturday: hour of week 120 is Saturday 00:00 (Monday 00:00 is 0).
 */
interface Seed {
  id: string;
  prop: 'chi' | 'tyo';
  source: 'zillow' | 'google' | 'website';
  startedAt: string;
  ringSecs: number | null;
  durationSecs: number;
  outcome: CallOutcome;
  agent?: string;
  campaign?: string;
  keyword?: string;
  /** undefined: a call recorded before callers were counted (no attribution). */
  priorCalls?: number;
}

const CALLS: Seed[] = [
  // Chicago. c1 and c6 are the local days just outside 2026-01-10..11.
  {
    id: 'c1',
    prop: 'chi',
    source: 'zillow',
    startedAt: '2026-01-10T05:59:00Z',
    ringSecs: 3,
    durationSecs: 20,
    outcome: 'answered',
    agent: 'ann',
    priorCalls: 0,
  }, // Jan 9 23:59
  {
    id: 'c2',
    prop: 'chi',
    source: 'zillow',
    startedAt: '2026-01-10T06:00:00Z',
    ringSecs: 4,
    durationSecs: 64,
    outcome: 'answered',
    agent: 'ann',
    priorCalls: 0,
  }, // Jan 10 00:00
  {
    id: 'c3',
    prop: 'chi',
    source: 'google',
    startedAt: '2026-01-10T18:30:00Z',
    ringSecs: null,
    durationSecs: 10,
    outcome: 'abandoned',
    campaign: 'spring',
    keyword: 'studio',
    priorCalls: 2,
  }, // Sat 12:30
  {
    id: 'c4',
    prop: 'chi',
    source: 'zillow',
    startedAt: '2026-01-11T05:59:59Z',
    ringSecs: null,
    durationSecs: 30,
    outcome: 'no_answer',
    priorCalls: 0,
  }, // Sat 23:59:59
  {
    id: 'c5',
    prop: 'chi',
    source: 'google',
    startedAt: '2026-01-12T05:59:00Z',
    ringSecs: null,
    durationSecs: 40,
    outcome: 'voicemail',
    campaign: 'spring',
    keyword: 'pet friendly',
    priorCalls: 1,
  }, // Sun 23:59
  {
    id: 'c6',
    prop: 'chi',
    source: 'zillow',
    startedAt: '2026-01-12T06:00:00Z',
    ringSecs: 5,
    durationSecs: 50,
    outcome: 'answered',
    agent: 'bob',
    priorCalls: 0,
  }, // Mon Jan 12 00:00
  {
    id: 'c7',
    prop: 'chi',
    source: 'google',
    startedAt: '2026-01-11T15:00:00Z',
    ringSecs: 10,
    durationSecs: 130,
    outcome: 'answered',
    agent: 'bob',
    campaign: 'spring',
    keyword: 'studio',
    priorCalls: 0,
  }, // Sun 09:00
  {
    id: 'c8',
    prop: 'chi',
    source: 'zillow',
    startedAt: '2026-01-11T16:00:00Z',
    ringSecs: null,
    durationSecs: 14,
    outcome: 'no_answer',
  }, // Sun 10:00
  // Tokyo. d1 and d4 are just outside; d2 is Jan 10 locally while still Jan 9 in UTC.
  {
    id: 'd1',
    prop: 'tyo',
    source: 'website',
    startedAt: '2026-01-09T14:59:00Z',
    ringSecs: 2,
    durationSecs: 9,
    outcome: 'answered',
    agent: 'ann',
    priorCalls: 0,
  }, // Jan 9 23:59
  {
    id: 'd2',
    prop: 'tyo',
    source: 'website',
    startedAt: '2026-01-09T15:00:00Z',
    ringSecs: 6,
    durationSecs: 36,
    outcome: 'answered',
    agent: 'ann',
    priorCalls: 0,
  }, // Sat 00:00
  {
    id: 'd3',
    prop: 'tyo',
    source: 'website',
    startedAt: '2026-01-11T14:59:59Z',
    ringSecs: null,
    durationSecs: 20,
    outcome: 'abandoned',
    priorCalls: 3,
  }, // Sun 23:59:59
  {
    id: 'd4',
    prop: 'tyo',
    source: 'website',
    startedAt: '2026-01-11T15:00:00Z',
    ringSecs: null,
    durationSecs: 25,
    outcome: 'no_answer',
    priorCalls: 0,
  }, // Mon Jan 12 00:00
];

const at = (iso: string, secs: number) => new Date(Date.parse(iso) + secs * 1000).toISOString();
const RANGE = 'from=2026-01-10&to=2026-01-11';

describe('reports API', () => {
  let api: ApiOnly;
  let ds: DataSource;
  const ids: Record<string, string> = {};

  const get = async (path: string) => {
    const r = await api.request('GET', path);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const summary = (query: string) => get(`/v1/reports/calls/summary?${RANGE}&${query}`);
  /** The figures of a row, without key and label, for comparing with the hand-computed ones. */
  const figures = ({ key: _k, label: _l, ...rest }: Record<string, unknown>) => rest;

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    for (const [key, name, timeZone] of [
      ['chi', 'Chicago Lofts', 'America/Chicago'],
      ['tyo', 'Tokyo Tower', 'Asia/Tokyo'],
    ]) {
      const r = await api.request('POST', '/v1/properties', { name, timeZone });
      assert.equal(r.status, 201);
      ids[key] = r.body.id;
    }
    for (const [key, prop, name, number] of [
      ['zillow', 'chi', 'Zillow', '+13125550101'],
      ['google', 'chi', 'Google Ads', '+13125550102'],
      ['website', 'tyo', 'Website', '+81355550103'],
    ]) {
      const [s]: { id: string }[] = await ds.query(
        `INSERT INTO tracking_sources (property_id, name) VALUES ($1, $2) RETURNING id`,
        [ids[prop], name],
      );
      const [n]: { id: string }[] = await ds.query(
        `INSERT INTO tracking_numbers (property_id, source_id, number, forward_to)
         VALUES ($1, $2, $3, '+13125550111') RETURNING id`,
        [ids[prop], s.id, number],
      );
      ids[key] = s.id;
      ids[`${key}Number`] = n.id;
      ids[`${key}Dialled`] = number;
    }
    const save = callRecordSaver(ds);
    for (const c of CALLS) {
      await save({
        workflowId: `call-${c.id}`,
        callSessionId: `session-${c.id}`,
        callControlId: `v3:${c.id}`,
        from: '+13125550100',
        to: ids[`${c.source}Dialled`],
        propertyId: ids[c.prop],
        trackingNumberId: ids[`${c.source}Number`],
        sourceId: ids[c.source],
        sourceName: { zillow: 'Zillow', google: 'Google Ads', website: 'Website' }[c.source],
        startedAt: c.startedAt,
        answeredAt: c.ringSecs === null ? null : at(c.startedAt, c.ringSecs),
        endedAt: at(c.startedAt, c.durationSecs),
        outcome: c.outcome,
        answeredBy: c.agent ?? null,
        hangupCause: 'normal_clearing',
        path: [],
        attribution:
          c.priorCalls === undefined
            ? undefined
            : {
                kind: null,
                sessionId: null,
                keyword: c.keyword ?? null,
                campaign: c.campaign ?? null,
                landingPage: null,
                activePage: null,
                referrer: null,
                utmSource: null,
                utmMedium: null,
                utmCampaign: c.campaign ?? null,
                utmTerm: c.keyword ?? null,
                utmContent: null,
                priorCalls: c.priorCalls,
              },
      });
    }
    // Texts: one inbound on Chicago's Jan 10 (counted), one outbound (not), one inbound on Jan 12 (out).
    const [conv]: { id: string }[] = await ds.query(
      `INSERT INTO text_conversations (property_id, tracking_number_id, tracking_number, external_number, source_id, source_name)
       VALUES ($1, $2, '+13125550101', '+13125550100', $3, 'Zillow') RETURNING id`,
      [ids.chi, ids.zillowNumber, ids.zillow],
    );
    for (const [direction, status, occurredAt] of [
      ['inbound', 'received', '2026-01-10T20:00:00Z'],
      ['outbound', 'sent', '2026-01-10T20:01:00Z'],
      ['inbound', 'received', '2026-01-12T07:00:00Z'],
    ])
      await ds.query(
        `INSERT INTO text_messages (conversation_id, direction, kind, body, status, occurred_at)
         VALUES ($1, $2, 'text', 'hi', $3, $4)`,
        [conv.id, direction, status, occurredAt],
      );
    // Emails to Tokyo's Website source: Jan 11 23:00 local (counted) and Jan 12 00:30 local (out).
    for (const [messageId, receivedAt] of [
      ['<e1@x>', '2026-01-11T14:00:00Z'],
      ['<e2@x>', '2026-01-11T15:30:00Z'],
    ])
      await ds.query(
        `INSERT INTO emails (property_id, source_id, source_name, message_id, recipient, from_address, to_addresses,
                             subject, received_at)
         VALUES ($1, $2, 'Website', $3, 'web@in.example', 'jane@example.com', '[]', 'Hello', $4)`,
        [ids.tyo, ids.website, messageId, receivedAt],
      );
    const list = await api.request('POST', '/v1/property-lists', { name: 'Japan', propertyIds: [ids.tyo] });
    assert.equal(list.status, 201);
    ids.list = list.body.id;
  });

  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  const ALL = {
    calls: 8, // c2 c3 c4 c5 c7 c8 d2 d3
    answered: 3, // c2 c7 d2
    missed: 2, // c4 (no answer, 30 s), d3 (hung up, 20 s)
    abandoned: 2, // c3 (hung up, 10 s), c8 (no answer, 14 s)
    voicemails: 1, // c5
    firstTime: 4, // c2 c4 c7 d2 (c8 has no count: neither)
    avgRingSecs: 6.7, // (4 + 10 + 6) / 3
    avgTalkSecs: 70, // (60 + 120 + 30) / 3
    texts: 1,
    emails: 1,
    forms: 0,
    conversions: 0,
    conversionValue: 0,
  };

  it('totals every aggregate over local days of each property', async () => {
    const r = await summary('');
    assert.equal(r.groupBy, null);
    assert.deepEqual(r.rows, []);
    assert.deepEqual(r.totals, ALL);
  });

  it('groups by local day, each call on its own property’s day', async () => {
    const r = await summary('groupBy=day');
    assert.deepEqual(r.rows, [
      // c2 c3 c4 d2
      {
        key: '2026-01-10',
        label: '2026-01-10',
        calls: 4,
        answered: 2,
        missed: 1,
        abandoned: 1,
        voicemails: 0,
        firstTime: 3,
        avgRingSecs: 5,
        avgTalkSecs: 45,
        texts: 1,
        emails: 0,
        forms: 0,
        conversions: 0,
        conversionValue: 0,
      },
      // c5 c7 c8 d3
      {
        key: '2026-01-11',
        label: '2026-01-11',
        calls: 4,
        answered: 1,
        missed: 1,
        abandoned: 1,
        voicemails: 1,
        firstTime: 1,
        avgRingSecs: 10,
        avgTalkSecs: 120,
        texts: 0,
        emails: 1,
        forms: 0,
        conversions: 0,
        conversionValue: 0,
      },
    ]);
    assert.deepEqual(r.totals, ALL);
  });

  it('groups by hour of week in local time', async () => {
    const r = await summary('groupBy=hour_of_week');
    assert.deepEqual(
      r.rows.map((x: any) => [x.key, x.label, x.calls, x.texts, x.emails]),
      [
        [120, 'Sat 00:00', 2, 0, 0], // c2, d2
        [132, 'Sat 12:00', 1, 0, 0], // c3
        [134, 'Sat 14:00', 0, 1, 0], // the text, 14:00 Chicago
        [143, 'Sat 23:00', 1, 0, 0], // c4
        [153, 'Sun 09:00', 1, 0, 0], // c7
        [154, 'Sun 10:00', 1, 0, 0], // c8
        [167, 'Sun 23:00', 2, 0, 1], // c5, d3, and the email at 23:00 Tokyo
      ],
    );
    // A group only a text reached has zero calls and no averages.
    assert.deepEqual(figures(r.rows[2]), {
      calls: 0,
      answered: 0,
      missed: 0,
      abandoned: 0,
      voicemails: 0,
      firstTime: 0,
      avgRingSecs: null,
      avgTalkSecs: null,
      texts: 1,
      emails: 0,
      forms: 0,
      conversions: 0,
      conversionValue: 0,
    });
  });

  it('groups by source, tracking number and property, with texts and emails beside calls', async () => {
    const bySource = await summary('groupBy=source');
    assert.deepEqual(bySource.rows, [
      // c3 c5 c7
      {
        key: ids.google,
        label: 'Google Ads',
        calls: 3,
        answered: 1,
        missed: 0,
        abandoned: 1,
        voicemails: 1,
        firstTime: 1,
        avgRingSecs: 10,
        avgTalkSecs: 120,
        texts: 0,
        emails: 0,
        forms: 0,
        conversions: null,
        conversionValue: null,
      },
      // c2 c4 c8
      {
        key: ids.zillow,
        label: 'Zillow',
        calls: 3,
        answered: 1,
        missed: 1,
        abandoned: 1,
        voicemails: 0,
        firstTime: 2,
        avgRingSecs: 4,
        avgTalkSecs: 60,
        texts: 1,
        emails: 0,
        forms: 0,
        conversions: null,
        conversionValue: null,
      },
      // d2 d3
      {
        key: ids.website,
        label: 'Website',
        calls: 2,
        answered: 1,
        missed: 1,
        abandoned: 0,
        voicemails: 0,
        firstTime: 1,
        avgRingSecs: 6,
        avgTalkSecs: 30,
        texts: 0,
        emails: 1,
        forms: 0,
        conversions: null,
        conversionValue: null,
      },
    ]);
    const byNumber = await summary('groupBy=tracking_number');
    assert.deepEqual(
      byNumber.rows.map((x: any) => [x.key, x.label, x.calls, x.texts, x.emails]),
      [
        [ids.zillowNumber, '+13125550101', 3, 1, null], // equal calls: by label
        [ids.googleNumber, '+13125550102', 3, 0, null],
        [ids.websiteNumber, '+81355550103', 2, 0, null],
      ],
    );
    const byProperty = await summary('groupBy=property');
    assert.deepEqual(
      byProperty.rows.map((x: any) => [x.key, x.label, x.calls, x.answered, x.texts, x.emails]),
      [
        [ids.chi, 'Chicago Lofts', 6, 2, 1, 0],
        [ids.tyo, 'Tokyo Tower', 2, 1, 0, 1],
      ],
    );
  });

  it('groups by campaign, keyword, agent and outcome (texts and emails do not apply)', async () => {
    const rows = async (g: string) =>
      (await summary(`groupBy=${g}`)).rows.map((x: any) => [x.key, x.calls, x.answered, x.texts, x.emails]);
    assert.deepEqual(await rows('campaign'), [
      [null, 5, 2, null, null],
      ['spring', 3, 1, null, null],
    ]);
    assert.deepEqual(await rows('keyword'), [
      [null, 5, 2, null, null],
      ['studio', 2, 1, null, null],
      ['pet friendly', 1, 0, null, null],
    ]);
    assert.deepEqual(await rows('agent'), [
      [null, 5, 0, null, null],
      ['ann', 2, 2, null, null],
      ['bob', 1, 1, null, null],
    ]);
    assert.deepEqual(await rows('outcome'), [
      ['answered', 3, 3, null, null],
      ['abandoned', 2, 0, null, null],
      ['no_answer', 2, 0, null, null],
      ['voicemail', 1, 0, null, null],
    ]);
  });

  it('filters by property, list, source, number, outcome, first-time, campaign, keyword and agent', async () => {
    const totals = async (q: string) => {
      const t = (await summary(q)).totals;
      return [t.calls, t.answered, t.texts, t.emails];
    };
    assert.deepEqual(await totals(`propertyId=${ids.tyo}`), [2, 1, 0, 1]);
    assert.deepEqual(await totals(`propertyListId=${ids.list}`), [2, 1, 0, 1]);
    assert.deepEqual(await totals(`sourceId=${ids.zillow}`), [3, 1, 1, 0]);
    assert.deepEqual(await totals(`trackingNumberId=${ids.zillowNumber}`), [3, 1, 1, null]);
    assert.deepEqual(await totals('outcome=answered'), [3, 3, null, null]);
    assert.deepEqual(await totals('firstTime=true'), [4, 3, null, null]);
    assert.deepEqual(await totals('firstTime=false'), [3, 0, null, null]); // c3 c5 d3
    assert.deepEqual(await totals('campaign=spring'), [3, 1, null, null]);
    assert.deepEqual(await totals('keyword=studio'), [2, 1, null, null]);
    assert.deepEqual(await totals('answeredBy=ann'), [2, 2, null, null]);
    // One local day: Chicago's Jan 10 (c2 c3 c4) and Tokyo's (d2).
    const oneDay = await get('/v1/reports/calls/summary?from=2026-01-10&to=2026-01-10');
    assert.equal(oneDay.totals.calls, 4);
  });

  it('streams a summary as CSV, by format or by Accept', async () => {
    for (const [query, headers] of [
      [`${RANGE}&groupBy=day&format=csv`, {}],
      [`${RANGE}&groupBy=day`, { accept: 'text/csv' }],
    ] as const) {
      const res = await fetch(`${api.url}/v1/reports/calls/summary?${query}`, {
        headers: withKey(api.apiKey, headers),
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(
        await res.text(),
        'key,label,calls,answered,missed,abandoned,voicemails,firstTime,avgRingSecs,avgTalkSecs,texts,emails,forms,conversions,conversionValue\r\n' +
          '2026-01-10,2026-01-10,4,2,1,1,0,3,5,45,1,0,0,0,0\r\n' +
          '2026-01-11,2026-01-11,4,1,1,1,1,1,10,120,0,1,0,0,0\r\n',
      );
    }
  });

  it('lists, sorts, filters and pages the call log, and streams it as CSV', async () => {
    const newest = await get(`/v1/calls?${RANGE}&limit=3`);
    assert.equal(newest.total, 8);
    assert.deepEqual(
      newest.items.map((c: any) => c.workflowId),
      ['call-c5', 'call-c8', 'call-c7'],
    );
    const byDuration = await get(`/v1/calls?${RANGE}&sort=durationSecs`);
    assert.deepEqual(
      byDuration.items.map((c: any) => [c.workflowId, c.durationSecs]),
      [
        ['call-c3', 10],
        ['call-c8', 14],
        ['call-d3', 20],
        ['call-c4', 30],
        ['call-d2', 36],
        ['call-c5', 40],
        ['call-c2', 64],
        ['call-c7', 130],
      ],
    );
    const page2 = await get(`/v1/calls?${RANGE}&sort=-durationSecs&limit=2&offset=2`);
    assert.deepEqual(
      page2.items.map((c: any) => c.workflowId),
      ['call-c5', 'call-d2'],
    );
    const filtered = await get(`/v1/calls?${RANGE}&propertyId=${ids.chi}&outcome=answered&firstTime=true`);
    assert.deepEqual(
      filtered.items.map((c: any) => c.workflowId),
      ['call-c7', 'call-c2'],
    );
    assert.equal((await get('/v1/calls')).total, CALLS.length, 'without a range: every call');

    const res = await fetch(`${api.url}/v1/calls?${RANGE}&propertyId=${ids.tyo}&sort=startedAt`, {
      headers: withKey(api.apiKey, { accept: 'text/csv' }),
    });
    assert.equal(res.status, 200);
    const lines = (await res.text()).trimEnd().split('\r\n');
    const header = lines[0].split(',');
    assert.equal(header[0], 'id');
    assert.ok(!header.includes('path'));
    const col = (line: string, name: string) => line.split(',')[header.indexOf(name)];
    assert.deepEqual(
      lines.slice(1).map((l) => [col(l, 'workflowId'), col(l, 'startedAt'), col(l, 'outcome')]),
      [
        ['call-d2', '2026-01-09T15:00:00.000Z', 'answered'],
        ['call-d3', '2026-01-11T14:59:59.000Z', 'abandoned'],
      ],
    );
  });

  it('answers 422 naming the field for bad dates, groupings, filters and sorts', async () => {
    for (const [path, field] of [
      ['/v1/reports/calls/summary?from=2026-02-30&to=2026-03-01', 'from'],
      ['/v1/reports/calls/summary?from=2026-01-10&to=10-01-2026', 'to'],
      ['/v1/reports/calls/summary?to=2026-01-10', 'from'],
      ['/v1/reports/calls/summary?from=2026-01-11&to=2026-01-10', 'to'],
      [`/v1/reports/calls/summary?${RANGE}&groupBy=week`, 'groupBy'],
      [`/v1/reports/calls/summary?${RANGE}&outcome=great`, 'outcome'],
      [`/v1/reports/calls/summary?${RANGE}&firstTime=yes`, 'firstTime'],
      [`/v1/reports/calls/summary?${RANGE}&sourceId=zillow`, 'sourceId'],
      [`/v1/reports/calls/summary?${RANGE}&format=xlsx`, 'format'],
      ['/v1/calls?sort=price', 'sort'],
      ['/v1/calls?from=2026-01-10', 'to'],
    ]) {
      const r = await api.request('GET', path);
      assert.equal(r.status, 422, path);
      assert.ok(
        r.body.error.fields.some((f: { field: string }) => f.field === field),
        `${path}: ${JSON.stringify(r.body)}`,
      );
    }
  });

  it("keeps tenants apart: another account's key gets 404 for these properties and sees none of their calls", async () => {
    const other = await createTestAccount(api.url, 'Other tenant');
    const as = (path: string) => http('GET', `${api.url}${path}`, undefined, withKey(other.apiKey));
    assert.equal((await as(`/v1/reports/calls/summary?${RANGE}&propertyId=${ids.chi}`)).status, 404);
    assert.equal((await as(`/v1/reports/calls/summary?${RANGE}&propertyListId=${ids.list}`)).status, 404);
    assert.equal((await as(`/v1/calls?${RANGE}&propertyId=${ids.tyo}&format=csv`)).status, 404);
    const own = await as(`/v1/reports/calls/summary?${RANGE}&groupBy=source`);
    assert.equal(own.status, 200);
    assert.deepEqual(own.body.rows, []);
    assert.equal(own.body.totals.calls, 0);
    assert.equal((await as(`/v1/calls?${RANGE}`)).body.total, 0);
    // A key limited to Tokyo sees Tokyo only.
    const limited = await api.request('POST', '/v1/api-keys', { name: 'Tokyo only', propertyIds: [ids.tyo] });
    const asLimited = await http(
      'GET',
      `${api.url}/v1/reports/calls/summary?${RANGE}`,
      undefined,
      withKey(limited.body.key),
    );
    assert.equal(asLimited.body.totals.calls, 2);
  });
});
