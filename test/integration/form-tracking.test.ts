import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@switchboard/persistence';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { callRecordSaver } from '../support/call-records';
import { http } from '../support/http';

const ORIGIN = 'https://sunset.example';
const LEAD_PHONE = '+13125550177';

/** Form tracking (docs/DNI.md "Form tracking") against the real api and PostgreSQL. */
describe('form tracking: the public form endpoint, the form log, reports and the journey', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let propertyId: string;
  let sourceId: string;
  let dniKey: string;
  let sessionId: string;
  let visitorId: string;
  let client = 0;
  /** The fields an error names, each once. */
  const fields = (e: { body: any }) => [
    ...new Set<string>((e.body.error?.fields ?? []).map((f: { field: string }) => f.field)),
  ];

  /** What the script sends, through the trusted proxy as a client of its own. */
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    http('POST', `${api.url}/dni/${dniKey}/${path}`, body, {
      origin: ORIGIN,
      'x-forwarded-for': `198.51.100.${++client % 250}`,
      ...headers,
    });
  /** A beacon's body: JSON as text/plain, which is what `navigator.sendBeacon(url, string)` sends. */
  const beacon = async (body: unknown, origin = ORIGIN) => {
    const r = await fetch(`${api.url}/dni/${dniKey}/forms`, {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'text/plain;charset=UTF-8',
        'x-forwarded-for': `198.51.100.${++client % 250}`,
      },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  const formCount = async () => (await api.request('GET', `/v1/forms?propertyId=${propertyId}`)).body.total;

  const lead = (over: Record<string, unknown> = {}) => ({
    sessionId,
    visitorId,
    pageUrl: `${ORIGIN}/contact`,
    formId: 'contact',
    fields: [
      { name: 'first_name', type: 'text', value: 'Jane' },
      { name: 'last_name', type: 'text', value: 'Doe' },
      { name: 'phone', type: 'tel', value: '(312) 555-0177' },
      { name: 'email', type: 'email', value: 'jane@example.com' },
      { name: 'message', type: 'textarea', value: 'Is the 2BR free?' },
    ],
    ...over,
  });

  before(async () => {
    api = await startApiOnly({ TRUSTED_PROXIES: '127.0.0.1' });
    ds = await openDataSource(api.dbUrl);
    const p = await api.request('POST', '/v1/properties', { name: 'Sunset', timeZone: 'America/Chicago' });
    propertyId = p.body.id;
    const s = await api.request('POST', `/v1/properties/${propertyId}/sources`, {
      name: 'Google Ads',
      dniRules: [{ kind: 'query_param', param: 'utm_source', values: ['google'] }],
    });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    sourceId = s.body.id;
    const dni = await api.request('PATCH', `/v1/properties/${propertyId}/dni`, { allowedOrigins: [ORIGIN] });
    dniKey = dni.body.dniKey;
    assert.deepEqual(dni.body.formTracking, { enabled: false, fieldMap: {} }, 'off unless turned on');
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  it('a visit keeps its click ids: the landing page’s and the _fbp, _fbc and _ga cookies', async () => {
    const landingUrl = `${ORIGIN}/?utm_source=google&utm_campaign=spring&gclid=Cj0KCQ-abc&msclkid=ms-1`;
    const v = await post('visits', {
      landingUrl,
      pageUrl: landingUrl,
      fbp: 'fb.1.1596403881668.1116446470',
      fbc: 'fb.1.1554763741205.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk',
      ga: 'GA1.1.1234567890.1700000000',
    });
    assert.equal(v.status, 200, JSON.stringify(v.body));
    assert.equal(v.body.formTracking, null, 'form tracking is off: the script tracks no form');
    sessionId = v.body.sessionId;
    visitorId = v.body.visitorId;
    const [row] = await ds.query(`SELECT click_ids FROM visitor_sessions WHERE id = $1`, [sessionId]);
    assert.deepEqual(row.click_ids, {
      gclid: 'Cj0KCQ-abc',
      msclkid: 'ms-1',
      fbp: 'fb.1.1596403881668.1116446470',
      fbc: 'fb.1.1554763741205.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk',
      gaClientId: '1234567890.1700000000',
    });

    // A cookie of another shape is left out, and the visit still works; an absurd one is refused.
    const odd = await post('visits', {
      landingUrl: `${ORIGIN}/`,
      pageUrl: `${ORIGIN}/`,
      fbp: 'x',
      ga: 'GA1',
    });
    assert.equal(odd.status, 200);
    const [none] = await ds.query(`SELECT click_ids FROM visitor_sessions WHERE id = $1`, [
      odd.body.sessionId,
    ]);
    assert.deepEqual(none.click_ids, {});
    const long = await post('visits', {
      landingUrl: `${ORIGIN}/`,
      pageUrl: `${ORIGIN}/`,
      fbc: 'f'.repeat(513),
    });
    assert.equal(long.status, 422);
    assert.deepEqual(fields(long), ['fbc']);
  });

  it('a property that does not track forms refuses them (403) and stores nothing', async () => {
    const r = await beacon(lead());
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'form_tracking_off');
    assert.equal(await formCount(), 0);
  });

  it('the admin turns form tracking on with a field map; a bad map is refused naming the field', async () => {
    const bad = await api.request('PATCH', `/v1/properties/${propertyId}/dni`, {
      formTracking: { enabled: true, fieldMap: { field_7: 'ssn' } },
    });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.deepEqual(fields(bad), ['formTracking.fieldMap']);
    const on = await api.request('PATCH', `/v1/properties/${propertyId}/dni`, {
      formTracking: { enabled: true, fieldMap: { field_7: 'message', lead_ref: 'name' } },
    });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.deepEqual(on.body.formTracking, {
      enabled: true,
      fieldMap: { field_7: 'message', lead_ref: 'name' },
    });
    const page = await post(`visits/${sessionId}/pages`, { pageUrl: `${ORIGIN}/contact` });
    assert.deepEqual(page.body.formTracking, { fieldMap: { field_7: 'message', lead_ref: 'name' } });
  });

  it('bad submissions are 4xx naming the field, and store nothing', async () => {
    const cases: [unknown, string[]][] = [
      [lead({ pageUrl: 'javascript:alert(1)' }), ['pageUrl']],
      [lead({ sessionId: 'not-a-uuid' }), ['sessionId']],
      [lead({ fields: [] }), ['fields']],
      [lead({ fields: [{ type: 'text', value: 'x' }] }), ['fields[0].name']],
      // No name, phone, email or message: a site search is not a lead.
      [lead({ fields: [{ name: 'q', type: 'search', value: 'two bedroom' }] }), ['fields']],
    ];
    for (const [body, named] of cases) {
      const r = await beacon(body);
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.deepEqual(fields(r), named, JSON.stringify(r.body));
    }
    assert.equal(await formCount(), 0);
  });

  it('another origin is refused (403) and nothing is stored', async () => {
    const r = await beacon(lead(), 'https://evil.example');
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'origin_not_allowed');
    assert.equal(await formCount(), 0);
  });

  let formId: string;
  it('stores a beacon’s submission with its visit’s attribution; secret fields never stored', async () => {
    const r = await beacon(
      lead({
        fields: [
          ...lead().fields,
          { name: 'password', type: 'password', value: 'hunter2' },
          { name: 'csrf', type: 'hidden', value: 'tok' },
          { name: 'card_number', type: 'text', value: '4111111111111111' },
          { name: 'lead_ref', type: 'hidden', value: 'mapped-hidden' },
        ],
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    formId = r.body.id;
    const f = await api.request('GET', `/v1/forms/${formId}`);
    assert.equal(f.status, 200, JSON.stringify(f.body));
    assert.equal(f.body.name, 'Jane Doe mapped-hidden', 'the mapped hidden field is a name part');
    assert.equal(f.body.phone, LEAD_PHONE, 'the phone in E.164');
    assert.equal(f.body.email, 'jane@example.com');
    assert.equal(f.body.message, 'Is the 2BR free?');
    assert.equal(f.body.formName, 'contact');
    assert.deepEqual(Object.keys(f.body.fields), [
      'first_name',
      'last_name',
      'phone',
      'email',
      'message',
      'lead_ref',
    ]);
    assert.deepEqual(f.body.source, { id: sourceId, name: 'Google Ads' });
    assert.equal(f.body.campaign, 'spring');
    assert.equal(f.body.utmSource, 'google');
    assert.equal(f.body.sessionId, sessionId);
    assert.match(f.body.landingPage, /gclid=Cj0KCQ-abc/);
    assert.deepEqual(
      f.body.journey.map((j: any) => [j.kind, j.id]),
      [['form', formId]],
    );
    assert.match(f.body.journey[0].summary, /Form "contact" sent by Jane Doe mapped-hidden \(Google Ads\)/);
  });

  it('the form log filters like the call log, and its CSV neutralises formulas', async () => {
    const evil = await beacon(
      lead({ sessionId: undefined, fields: [{ name: 'name', type: 'text', value: '=HYPERLINK("x")' }] }),
    );
    assert.equal(evil.status, 201, JSON.stringify(evil.body));
    const all = await api.request('GET', `/v1/forms?propertyId=${propertyId}`);
    assert.equal(all.body.total, 2);
    assert.equal(all.body.items[0].id, evil.body.id, 'newest first');
    assert.equal(all.body.items[0].source, null, 'no visit: no source');
    const bySource = await api.request('GET', `/v1/forms?sourceId=${sourceId}`);
    assert.deepEqual(
      bySource.body.items.map((f: any) => f.id),
      [formId],
    );
    const past = await api.request('GET', `/v1/forms?from=2020-01-01&to=2020-01-31`);
    assert.equal(past.body.total, 0);
    const half = await api.request('GET', `/v1/forms?from=2020-01-01`);
    assert.equal(half.status, 422);
    assert.deepEqual(fields(half), ['to']);

    const csv = await fetch(`${api.url}/v1/forms?format=csv`, { headers: withKey(api.apiKey) });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^id,propertyId,submittedAt,formName,pageUrl,name,phone,email,message,sourceId/);
    assert.ok(lines[1].includes(`"'=HYPERLINK(""x"")"`), lines[1]);
    assert.ok(lines[2].includes(`Jane Doe mapped-hidden,${LEAD_PHONE},jane@example.com`), lines[2]);
  });

  it('reports count forms beside texts and emails, also in CSV', async () => {
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    const q = `from=${today}&to=${today}&propertyId=${propertyId}`;
    const total = await api.request('GET', `/v1/reports/calls/summary?${q}`);
    assert.equal(total.status, 200, JSON.stringify(total.body));
    assert.equal(total.body.totals.forms, 2);
    const bySource = await api.request('GET', `/v1/reports/calls/summary?${q}&groupBy=source`);
    const forms = Object.fromEntries(bySource.body.rows.map((r: any) => [r.key ?? 'none', r.forms]));
    assert.deepEqual(forms, { [sourceId]: 1, none: 1 });
    const byOutcome = await api.request('GET', `/v1/reports/calls/summary?${q}&groupBy=outcome`);
    assert.equal(byOutcome.body.totals.forms, null, 'a form has no outcome');
    const csv = await fetch(`${api.url}/v1/reports/calls/summary?${q}&format=csv`, {
      headers: withKey(api.apiKey),
    });
    const [header, row] = (await csv.text()).trim().split('\r\n');
    const cells = row.split(',');
    const csvRow = Object.fromEntries(header.split(',').map((name, i) => [name, cells[i]]));
    assert.deepEqual([csvRow.texts, csvRow.emails, csvRow.forms], ['0', '0', '2']);
  });

  it('a later call from the same phone is the same lead: each shows the other in its journey', async () => {
    const n = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: '+13125550150',
      sourceId,
      forwardTo: '+13125550111',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const startedAt = new Date(Date.now() + 60_000).toISOString();
    await callRecordSaver(ds)({
      workflowId: 'call-form-lead-1',
      callSessionId: 'form-lead-1',
      callControlId: 'v3:form-lead-1',
      from: LEAD_PHONE,
      to: '+13125550150',
      propertyId,
      trackingNumberId: n.body.id,
      sourceId,
      sourceName: 'Google Ads',
      startedAt,
      answeredAt: startedAt,
      endedAt: new Date(Date.now() + 120_000).toISOString(),
      outcome: 'answered',
      answeredBy: '+13125550111',
      hangupCause: 'normal_clearing',
      path: [],
      recordingUrl: null,
      voicemailBoxId: null,
    });
    const [call] = (await api.request('GET', '/v1/calls?callSessionId=form-lead-1')).body.items;
    const detail = await api.request('GET', `/v1/calls/${call.id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.deepEqual(
      detail.body.journey.map((j: any) => [j.kind, j.id]),
      [
        ['form', formId],
        ['call', call.id],
      ],
    );
    assert.match(detail.body.journey[1].summary, /^Call from \+13125550177: answered/);
    const form = await api.request('GET', `/v1/forms/${formId}`);
    assert.deepEqual(
      form.body.journey.map((j: any) => j.id),
      [formId, call.id],
    );
  });

  it('another tenant’s key sees none of it: 404 by id and by property, nothing in its log', async () => {
    const other = await createTestAccount(api.url, 'Other tenant');
    const as = (path: string) => http('GET', `${api.url}${path}`, undefined, withKey(other.apiKey));
    assert.equal((await as(`/v1/forms/${formId}`)).status, 404);
    assert.equal((await as(`/v1/forms?propertyId=${propertyId}`)).status, 404);
    const log = await as('/v1/forms');
    assert.equal(log.status, 200);
    assert.deepEqual([log.body.items, log.body.total], [[], 0]);
  });
});
