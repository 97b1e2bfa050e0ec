import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { planRing } from '@switchboard/domain';
import { openDataSource, PropertyResourcesRepository } from '@switchboard/persistence';
import { applyBundle, loadScenario } from '@switchboard/scenarios';
import type { Bundle } from '@switchboard/bundle';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { wavFile } from '../support/audio';

const office = {
  name: 'Office hours',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
};

const flow = (steps: { id: string; type: string }[]) => ({
  initialStepId: steps.length ? steps[0].id : 'x',
  steps,
});
const flowSteps = [
  { id: 'hello', type: 'greeting', prompt: { kind: 'audio', audioId: 'welcome' }, next: 'hours' },
  { id: 'hours', type: 'schedule', branches: [{ scheduleId: 'office', next: 'team' }], otherwise: 'vm' },
  { id: 'team', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'vm' },
  { id: 'vm', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 60 },
];

/** Fields named by a 422/409 body. */
const fieldsOf = (body: any): string[] => [
  ...new Set<string>((body.error?.fields ?? []).map((f: { field: string }) => f.field)),
];

describe('property resources API: schedules, agents, ring groups, audio, voicemail boxes', () => {
  let api: ApiOnly;
  let ds: DataSource;
  before(async () => {
    api = await startApiOnly({ PUBLIC_BASE_URL: 'https://switchboard.example/' });
    ds = await openDataSource(api.dbUrl, 2);
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  /** A signed media URL made on PUBLIC_BASE_URL, fetched from the test's api. */
  const local = (url: string) => `${api.url}${new URL(url).pathname}${new URL(url).search}`;
  /** What names the file's bytes: a URL's signature and expiry vary with the hour it is made in. */
  const pathOf = (url: string) => new URL(url).pathname;

  async function property(name = 'Oak Court'): Promise<string> {
    const p = await api.request('POST', '/v1/properties', { name, timeZone: 'America/Denver' });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    return p.body.id;
  }
  async function created(pathname: string, body: object) {
    const r = await api.request('POST', pathname, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  }

  describe('schedules', () => {
    it('creates with an id slugged from the name, lists, reads, replaces and deletes', async () => {
      const base = `/v1/properties/${await property()}/schedules`;
      const s = await created(base, { ...office, name: 'Office Hours (Main)', timeZone: 'America/Denver' });
      assert.equal(s.id, 'office-hours-main');
      assert.deepEqual(s.weekly, office.weekly);
      assert.deepEqual(s.warnings, []);
      await created(base, { ...office, id: 'weekend', name: 'Weekend', weekly: [] });

      const list = await api.request('GET', base);
      assert.deepEqual(
        list.body.items.map((x: { id: string }) => x.id),
        ['office-hours-main', 'weekend'],
      );
      const one = await api.request('GET', `${base}/office-hours-main`);
      assert.equal(one.body.timeZone, 'America/Denver');
      assert.equal(one.body.definition, undefined, 'the view has the body’s shape, not the row’s');

      const holidays = [{ name: 'Christmas', date: '2026-12-25' }];
      const put = await api.request('PUT', `${base}/office-hours-main`, { ...office, overrides: holidays });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.deepEqual(put.body.overrides, holidays);
      assert.equal(put.body.timeZone, undefined, 'a PUT replaces the whole schedule');
      // PUT also creates.
      const fresh = await api.request('PUT', `${base}/nights`, { name: 'Nights', weekly: [] });
      assert.equal(fresh.status, 200, JSON.stringify(fresh.body));

      const del = await api.request('DELETE', `${base}/weekend`);
      assert.equal(del.status, 204);
      assert.equal((await api.request('GET', `${base}/weekend`)).status, 404);
      assert.equal((await api.request('DELETE', `${base}/weekend`)).status, 404);
    });

    it('refuses bad schedules with 422 naming each field, and warns about overlaps', async () => {
      const base = `/v1/properties/${await property()}/schedules`;
      const cases: { body: object; fields: string[] }[] = [
        {
          body: { ...office, weekly: [{ days: ['mon', 'funday'], start: '25:00', end: '17:00' }] },
          fields: ['weekly[0].start', 'weekly[0].days[1]'],
        },
        { body: { ...office, timeZone: 'Mars/Olympus' }, fields: ['timeZone'] },
        {
          body: { ...office, weekly: [{ days: 'mon', start: '09:00', end: '17:00' }] },
          fields: ['weekly[0].days'],
        },
        { body: { name: 'No weekly' }, fields: ['weekly'] },
        { body: { ...office, id: 'Not A Slug' }, fields: ['id'] },
        { body: { ...office, name: '!!!' }, fields: ['id'] },
        { body: { ...office, overrides: [{ date: '2026-02-30' }] }, fields: ['overrides[0]'] },
        { body: { ...office, color: 'blue' }, fields: ['color'] },
      ];
      for (const c of cases) {
        const r = await api.request('POST', base, c.body);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(fieldsOf(r.body).sort(), [...c.fields].sort(), JSON.stringify(c.body));
      }
      const overlapping = await api.request('POST', base, {
        ...office,
        weekly: [...office.weekly, { days: ['mon'], start: '12:00', end: '13:00' }],
      });
      assert.equal(overlapping.status, 201);
      assert.deepEqual(fieldsOf({ error: { fields: overlapping.body.warnings } }), ['weekly[1]']);
    });

    it('answers 409 for a taken id, 404 for an unknown property, 400 for a malformed path id', async () => {
      const p = await property();
      const base = `/v1/properties/${p}/schedules`;
      await created(base, office);
      const dup = await api.request('POST', base, office);
      assert.equal(dup.status, 409);
      assert.deepEqual(fieldsOf(dup.body), ['id']);
      const unknown = '00000000-0000-4000-8000-000000000000';
      assert.equal((await api.request('GET', `/v1/properties/${unknown}/schedules`)).status, 404);
      assert.equal((await api.request('POST', `/v1/properties/${unknown}/schedules`, office)).status, 404);
      const bad = await api.request('GET', `${base}/Not%20Slug`);
      assert.equal(bad.status, 400);
      assert.deepEqual(fieldsOf(bad.body), ['scheduleId']);
      const mismatch = await api.request('PUT', `${base}/office-hours`, { ...office, id: 'other' });
      assert.equal(mismatch.status, 422);
      assert.deepEqual(fieldsOf(mismatch.body), ['id']);
    });
  });

  describe('agents', () => {
    it('normalises phone numbers, takes SIP and WebRTC endpoints, and flips availability', async () => {
      const base = `/v1/properties/${await property()}/agents`;
      const ann = await created(base, {
        name: 'Ann',
        endpoint: { kind: 'phone', number: '+1 (312) 555-0111' },
      });
      assert.deepEqual([ann.id, ann.endpoint.number, ann.available], ['ann', '+13125550111', true]);
      await created(base, {
        id: 'bob',
        name: 'Bob',
        endpoint: { kind: 'sip', uri: 'sip:bob@pbx.example.com' },
      });
      await created(base, { name: 'Cara', endpoint: { kind: 'webrtc', username: 'cara.leasing' } });

      const off = await api.request('PATCH', `${base}/ann`, { available: false });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.available, false);
      // A replace that does not mention availability (a bundle applied again) leaves it alone.
      const put = await api.request('PUT', `${base}/ann`, {
        name: 'Ann Lee',
        endpoint: { kind: 'phone', number: '+13125550112' },
      });
      assert.deepEqual(
        [put.body.name, put.body.endpoint.number, put.body.available],
        ['Ann Lee', '+13125550112', false],
      );
      const renamed = await api.request('PATCH', `${base}/bob`, { name: 'Robert' });
      assert.deepEqual([renamed.body.name, renamed.body.endpoint.uri], ['Robert', 'sip:bob@pbx.example.com']);
      assert.equal((await api.request('PATCH', `${base}/nobody`, { available: true })).status, 404);
      const list = await api.request('GET', base);
      assert.deepEqual(
        list.body.items.map((a: { id: string }) => a.id),
        ['ann', 'bob', 'cara'],
      );
    });

    it('refuses bad endpoints with 422 naming the field', async () => {
      const base = `/v1/properties/${await property()}/agents`;
      const cases: { body: object; fields: string[]; method?: string; path?: string }[] = [
        { body: { name: 'A', endpoint: { kind: 'phone', number: '555-0111' } }, fields: ['endpoint.number'] },
        { body: { name: 'A', endpoint: { kind: 'fax', number: '+13125550111' } }, fields: ['endpoint.kind'] },
        { body: { name: 'A', endpoint: { kind: 'sip', uri: 'bob@pbx' } }, fields: ['endpoint.uri'] },
        {
          body: { name: 'A', endpoint: { kind: 'webrtc', username: 'has space' } },
          fields: ['endpoint.username'],
        },
        {
          body: { name: 'A', endpoint: { kind: 'phone', number: '+13125550111', uri: 'sip:a@b.c' } },
          fields: ['endpoint.uri'],
        },
        { body: { name: 'A' }, fields: ['endpoint'] },
        {
          body: { name: 'A', endpoint: { kind: 'phone', number: '+13125550111' }, available: 'yes' },
          fields: ['available'],
        },
      ];
      for (const c of cases) {
        const r = await api.request('POST', base, c.body);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(fieldsOf(r.body), c.fields, JSON.stringify(c.body));
      }
      await created(base, { name: 'Dan', endpoint: { kind: 'phone', number: '+13125550113' } });
      for (const [body, field] of [
        [{ name: null }, 'name'],
        [{ available: null }, 'available'],
        [{ endpoint: { kind: 'phone' } }, 'endpoint.number'],
      ] as const) {
        const r = await api.request('PATCH', `${base}/dan`, body);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(fieldsOf(r.body), [field]);
      }
    });
  });

  describe('ring groups', () => {
    const group = (members: object[]) => ({
      name: 'Leasing',
      strategy: 'round_robin',
      members,
      agentRingTimeoutSeconds: 15,
      overallTimeoutSeconds: 60,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    });

    it('stores members by agent id, shows the rotation pointer, and keeps agents in use', async () => {
      const p = await property();
      const base = `/v1/properties/${p}`;
      await created(`${base}/agents`, { name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } });
      await created(`${base}/agents`, {
        name: 'Bob',
        endpoint: { kind: 'sip', uri: 'sip:bob@pbx.example.com' },
      });
      const g = await created(
        `${base}/ring-groups`,
        group([{ agentId: 'ann' }, { agentId: 'bob', ringTimeoutSeconds: 10 }]),
      );
      assert.equal(g.id, 'leasing');
      assert.equal(g.rotationPointer, 0);
      assert.deepEqual(g.members, [{ agentId: 'ann' }, { agentId: 'bob', ringTimeoutSeconds: 10 }]);
      const [row] = await ds.query(`SELECT definition FROM ring_groups WHERE property_id = $1`, [p]);
      assert.equal(row.definition.id, undefined, 'id and name are columns, not part of the definition');
      assert.equal(row.definition.name, undefined);
      assert.equal(row.definition.members[0].endpoint, undefined, 'endpoints stay on the agents');

      const del = await api.request('DELETE', `${base}/agents/bob`);
      assert.equal(del.status, 409);
      assert.deepEqual(fieldsOf(del.body), ['id']);
      assert.match(del.body.error.message, /ring group "leasing"/);

      const replaced = await api.request('PUT', `${base}/ring-groups/leasing`, group([{ agentId: 'ann' }]));
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      assert.equal((await api.request('DELETE', `${base}/agents/bob`)).status, 204);
      const got = await api.request('GET', `${base}/ring-groups/leasing`);
      assert.deepEqual(got.body.members, [{ agentId: 'ann' }]);
    });

    it('refuses unknown agents, bad rules and missing audio with 422 naming the fields', async () => {
      const base = `/v1/properties/${await property()}`;
      await created(`${base}/agents`, { name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } });
      const cases: { body: object; fields: string[] }[] = [
        { body: group([{ agentId: 'ann' }, { agentId: 'ghost' }]), fields: ['members[1].agentId'] },
        { body: { ...group([{ agentId: 'ann' }]), strategy: 'random' }, fields: ['strategy'] },
        { body: group([{ agentId: 'ann' }, { agentId: 'ann' }]), fields: ['members[1].agentId'] },
        {
          body: { ...group([{ agentId: 'ann' }]), agentRingTimeoutSeconds: 0 },
          fields: ['agentRingTimeoutSeconds'],
        },
        {
          body: {
            ...group([{ agentId: 'ann' }]),
            callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold-music' } },
          },
          fields: ['callerHears.prompt'],
        },
        { body: { ...group([{ agentId: 'ann' }]), callerHears: { kind: 'music' } }, fields: ['callerHears'] },
        { body: { ...group([{ agentId: 'ann' }]), whisper: { kind: 'tts', text: '' } }, fields: ['whisper'] },
        { body: group([{ agentId: 7 }]), fields: ['members[0].agentId'] },
      ];
      for (const c of cases) {
        const r = await api.request('POST', `${base}/ring-groups`, c.body);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(fieldsOf(r.body), c.fields, JSON.stringify(c.body));
      }
      const empty = await api.request('POST', `${base}/ring-groups`, group([]));
      assert.equal(empty.status, 201);
      assert.deepEqual(fieldsOf({ error: { fields: empty.body.warnings } }), ['members']);
    });
  });

  describe('audio', () => {
    it('uploads a WAV and serves its bytes on the public media route', async () => {
      const p = await property();
      const base = `/v1/properties/${p}/audio`;
      const bytes = wavFile();
      const a = await created(base, {
        name: 'Hold Music',
        contentType: 'audio/wav',
        contentBase64: bytes.toString('base64'),
      });
      assert.equal(a.id, 'hold-music');
      assert.equal(a.sizeBytes, bytes.length);
      assert.equal(a.contentBase64, undefined);
      assert.match(
        a.url,
        /^https:\/\/switchboard\.example\/media\/audio\/[0-9a-f-]{36}\?expires=\d+&sig=[\w-]{43}$/,
      );

      const res = await fetch(local(a.url));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'audio/wav');
      assert.match(res.headers.get('cache-control') ?? '', /immutable/);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);

      const list = await api.request('GET', base);
      assert.deepEqual(Object.keys(list.body.items[0]).sort(), [
        'contentType',
        'createdAt',
        'id',
        'name',
        'propertyId',
        'sizeBytes',
        'updatedAt',
        'url',
      ]);
      assert.equal(pathOf((await api.request('GET', `${base}/hold-music`)).body.url), pathOf(a.url));

      // The same bytes again keep the URL; new bytes get a new one, and the old one is gone.
      const same = await api.request('PUT', `${base}/hold-music`, {
        name: 'Hold music',
        contentType: 'audio/wav',
        contentBase64: bytes.toString('base64'),
      });
      assert.equal(pathOf(same.body.url), pathOf(a.url));
      const other = wavFile(400, 2000);
      const changed = await api.request('PUT', `${base}/hold-music`, {
        name: 'Hold music',
        contentType: 'audio/x-wav',
        contentBase64: other.toString('base64'),
      });
      assert.notEqual(pathOf(changed.body.url), pathOf(a.url));
      assert.equal((await fetch(local(a.url))).status, 404);
      const now = await fetch(local(changed.body.url));
      assert.equal(now.headers.get('content-type'), 'audio/x-wav');
      assert.deepEqual(Buffer.from(await now.arrayBuffer()), other);

      assert.equal((await api.request('DELETE', `${base}/hold-music`)).status, 204);
      assert.equal((await fetch(local(changed.body.url))).status, 404);
    });

    it('refuses what is not base64, not the declared type, or too big', async () => {
      const base = `/v1/properties/${await property()}/audio`;
      const cases: { body: object; status: number; fields: string[] }[] = [
        {
          body: { name: 'x', contentType: 'audio/wav', contentBase64: 'not base64!' },
          status: 422,
          fields: ['contentBase64'],
        },
        {
          body: { name: 'x', contentType: 'audio/wav', contentBase64: '' },
          status: 422,
          fields: ['contentBase64'],
        },
        {
          body: { name: 'x', contentType: 'audio/mpeg', contentBase64: wavFile().toString('base64') },
          status: 422,
          fields: ['contentBase64'],
        },
        {
          body: { name: 'x', contentType: 'audio/ogg', contentBase64: wavFile().toString('base64') },
          status: 422,
          fields: ['contentType'],
        },
        {
          // 5 MB and one byte, still under the route's body limit: the decoded size is what counts.
          body: {
            name: 'x',
            contentType: 'audio/wav',
            contentBase64: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64'),
          },
          status: 413,
          fields: ['contentBase64'],
        },
      ];
      for (const c of cases) {
        const r = await api.request('POST', base, c.body);
        assert.equal(r.status, c.status, JSON.stringify(r.body).slice(0, 300));
        assert.deepEqual(fieldsOf(r.body), c.fields);
      }
      const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64)]);
      await created(base, {
        name: 'Chime',
        contentType: 'audio/mpeg',
        contentBase64: mp3.toString('base64'),
      });
      const huge = await api.request('POST', base, {
        name: 'x',
        contentType: 'audio/wav',
        contentBase64: 'A'.repeat(8e6),
      });
      assert.equal(huge.status, 413);
      // Everywhere else the api-wide limit stays small.
      const big = await api.request('POST', `${base.replace('/audio', '/schedules')}`, {
        ...office,
        name: 'x'.repeat(300e3),
      });
      assert.equal(big.status, 413);
    });
  });

  describe('voicemail boxes', () => {
    it('checks the agent, the greeting’s audio, the webhook URL and the emails', async () => {
      const base = `/v1/properties/${await property()}`;
      await created(`${base}/agents`, { name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } });
      const bad = await api.request('POST', `${base}/voicemail-boxes`, {
        name: 'Ann',
        agentId: 'ghost',
        greeting: { kind: 'audio', audioId: 'nope' },
        notifyWebhookUrl: 'ftp://example.com/hook',
        notifyEmails: ['ann@example.com', 'not an email'],
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad.body), ['notifyWebhookUrl']);
      const bad2 = await api.request('POST', `${base}/voicemail-boxes`, {
        name: 'Ann',
        agentId: 'ghost',
        greeting: { kind: 'audio', audioId: 'nope' },
        notifyEmails: ['ann@example.com', 'not an email'],
      });
      assert.equal(bad2.status, 422);
      assert.deepEqual(fieldsOf(bad2.body), ['agentId', 'greeting', 'notifyEmails[1]']);

      await created(`${base}/audio`, {
        name: 'Ann greeting',
        contentType: 'audio/wav',
        contentBase64: wavFile().toString('base64'),
      });
      const box = await created(`${base}/voicemail-boxes`, {
        name: 'Ann',
        agentId: 'ann',
        greeting: { kind: 'audio', audioId: 'ann-greeting' },
        notifyWebhookUrl: 'http://localhost:8080/voicemail',
        notifyEmails: ['ann@example.com'],
      });
      assert.deepEqual(
        [box.id, box.agentId, box.greeting.audioId, box.notifyWebhookUrl, box.notifyEmails],
        ['ann', 'ann', 'ann-greeting', 'http://localhost:8080/voicemail', ['ann@example.com']],
      );
      const office = await created(`${base}/voicemail-boxes`, { name: 'Office' });
      assert.deepEqual([office.agentId, office.greeting, office.notifyEmails], [null, null, []]);

      for (const [pathname, holder] of [
        ['agents/ann', 'voicemail box "ann"'],
        ['audio/ann-greeting', 'voicemail box "ann"'],
      ]) {
        const r = await api.request('DELETE', `${base}/${pathname}`);
        assert.equal(r.status, 409, pathname);
        assert.ok(r.body.error.message.includes(holder), r.body.error.message);
      }
      assert.equal((await api.request('DELETE', `${base}/voicemail-boxes/ann`)).status, 204);
      assert.equal((await api.request('DELETE', `${base}/agents/ann`)).status, 204);
    });
  });

  describe('call flows against the resources', () => {
    async function setup() {
      const p = await property('Maple Row');
      const base = `/v1/properties/${p}`;
      await created(`${base}/schedules`, { ...office, id: 'office' });
      for (const [name, number] of [
        ['Ann', '+13125550111'],
        ['Bob', '+13125550112'],
        ['Cy', '+13125550113'],
      ])
        await created(`${base}/agents`, { name, endpoint: { kind: 'phone', number } });
      await created(`${base}/ring-groups`, {
        name: 'Leasing',
        strategy: 'round_robin',
        members: [{ agentId: 'ann' }, { agentId: 'bob' }, { agentId: 'cy' }],
        agentRingTimeoutSeconds: 10,
        skipUnavailable: true,
        callerHears: { kind: 'ringback' },
      });
      await created(`${base}/audio`, {
        name: 'Welcome',
        contentType: 'audio/wav',
        contentBase64: wavFile().toString('base64'),
      });
      await created(`${base}/voicemail-boxes`, { name: 'Main' });
      return { p, base };
    }

    it('refuses a flow naming a schedule, ring group, box or audio file that does not exist', async () => {
      const { base } = await setup();
      const unknown: { step: number; field: string; value: string }[] = [
        { step: 0, field: 'prompt', value: 'nope' },
        { step: 1, field: 'branches[0].scheduleId', value: 'nope' },
        { step: 2, field: 'ringGroupId', value: 'nope' },
        { step: 3, field: 'voicemailBoxId', value: 'nope' },
      ];
      for (const u of unknown) {
        const steps = flowSteps.map((s, i) =>
          i !== u.step
            ? s
            : u.field === 'prompt'
              ? { ...s, prompt: { kind: 'audio', audioId: u.value } }
              : u.field.startsWith('branches')
                ? { ...s, branches: [{ scheduleId: u.value, next: 'team' }] }
                : { ...s, [u.field]: u.value },
        );
        const r = await api.request('POST', `${base}/call-flows`, {
          name: `Bad ${u.field}`,
          definition: flow(steps),
        });
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(fieldsOf(r.body), [`definition.steps[${u.step}].${u.field}`]);
        assert.match(r.body.error.message, /"nope"/);
      }
      const ok = await api.request('POST', `${base}/call-flows`, {
        name: 'Main',
        definition: flow(flowSteps),
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      // Editing the flow is checked the same way.
      const edit = await api.request('PUT', `${base}/call-flows/${ok.body.id}`, {
        definition: flow(flowSteps.map((s) => (s.id === 'team' ? { ...s, ringGroupId: 'sales' } : s))),
      });
      assert.equal(edit.status, 422);
      assert.deepEqual(fieldsOf(edit.body), ['definition.steps[2].ringGroupId']);
    });

    it('refuses to delete what the current version of a flow uses, and allows it once no longer used', async () => {
      const { base } = await setup();
      const f = await created(`${base}/call-flows`, { name: 'Main line', definition: flow(flowSteps) });
      for (const pathname of [
        'schedules/office',
        'ring-groups/leasing',
        'voicemail-boxes/main',
        'audio/welcome',
      ]) {
        const r = await api.request('DELETE', `${base}/${pathname}`);
        assert.equal(r.status, 409, pathname);
        assert.deepEqual(fieldsOf(r.body), ['id']);
        assert.match(r.body.error.message, /call flow "Main line"/);
      }
      // Version 2 no longer has the schedule or the greeting; version 1 still does, but calls
      // already running resolved their resources when they started.
      const v2 = await api.request('PUT', `${base}/call-flows/${f.id}`, {
        definition: flow(flowSteps.filter((s) => s.id === 'team' || s.id === 'vm')),
      });
      assert.equal(v2.status, 200, JSON.stringify(v2.body));
      assert.equal((await api.request('DELETE', `${base}/schedules/office`)).status, 204);
      assert.equal((await api.request('DELETE', `${base}/audio/welcome`)).status, 204);
      assert.equal((await api.request('DELETE', `${base}/ring-groups/leasing`)).status, 409);
    });

    it('simulates with the stored schedules and ring groups, from the stored round-robin pointer', async () => {
      const { p, base } = await setup();
      const f = await created(`${base}/call-flows`, { name: 'Main line', definition: flow(flowSteps) });
      const sim = (body: object) => api.request('POST', `${base}/call-flows/${f.id}/simulate`, body);
      const tuesdayMorning = '2026-11-24T17:00:00Z'; // 10:00 in Denver
      const firstAgents = (r: any) =>
        r.body.trace
          .find((t: { kind: string }) => t.kind === 'ring_group')
          .plan.waves.map((w: any) => w.targets[0].agentId);

      const open = await sim({ at: tuesdayMorning, answeringAgentIds: ['ann'] });
      assert.equal(open.status, 200, JSON.stringify(open.body));
      assert.deepEqual(open.body.path, ['hello', 'hours', 'team', 'connected']);
      assert.deepEqual(open.body.outcome, { kind: 'answered', stepId: 'team', agentId: 'ann' });
      assert.deepEqual(firstAgents(open), ['ann', 'bob', 'cy']);

      const closed = await sim({ at: '2026-11-25T01:00:00Z' });
      assert.deepEqual(closed.body.path, ['hello', 'hours', 'vm']);

      // A call takes the rotation one step on (through the same repository the worker uses)...
      const repo = new PropertyResourcesRepository(ds);
      const drawn = await repo.claimRingPlan('test-claim-1', p, 'leasing', (g) =>
        planRing(g.group, g.availability, g.pointer),
      );
      assert.equal(drawn?.nextPointer, 1);
      assert.equal((await api.request('GET', `${base}/ring-groups/leasing`)).body.rotationPointer, 1);
      // ...so the dry run now starts with Bob, and leaves the pointer where it is.
      const next = await sim({ at: tuesdayMorning });
      assert.deepEqual(firstAgents(next), ['bob', 'cy', 'ann']);
      assert.equal((await api.request('GET', `${base}/ring-groups/leasing`)).body.rotationPointer, 1);

      // Unavailable agents are skipped, as in a call.
      await api.request('PATCH', `${base}/agents/bob`, { available: false });
      const skipped = await sim({ at: tuesdayMorning });
      assert.deepEqual(firstAgents(skipped), ['cy', 'ann']);
      assert.deepEqual(
        skipped.body.trace.find((t: { kind: string }) => t.kind === 'ring_group').plan.skippedAgentIds,
        ['bob'],
      );

      // Inline schedules replace the stored one of the same id for this dry run only.
      const alwaysOpen = {
        id: 'office',
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' }],
      };
      const inline = await sim({ at: '2026-11-25T01:00:00Z', schedules: { office: alwaysOpen } });
      assert.deepEqual(inline.body.path, ['hello', 'hours', 'team', 'vm'], 'open, and nobody answers');
    });
  });

  describe('bundles', () => {
    it('applies schedules, agents, audio (inline and from a file), ring groups and boxes before flows, again and again', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
      try {
        mkdirSync(path.join(dir, 'audio'));
        writeFileSync(path.join(dir, 'audio', 'hold.wav'), wavFile(600));
        const bundle: Bundle = {
          property: { name: 'Birch Hall', time_zone: 'America/Chicago' },
          sources: [{ name: 'Website' }],
          schedules: [
            { id: 'office', name: 'Office', weekly: [{ days: ['mon'], start: '09:00', end: '17:00' }] },
          ],
          agents: [
            { id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } },
            { id: 'bob', name: 'Bob', endpoint: { kind: 'webrtc', username: 'bob' }, available: false },
          ],
          audio: [
            { id: 'hold', name: 'Hold', contentType: 'audio/wav', file: 'audio/hold.wav' },
            {
              id: 'hello',
              name: 'Hello',
              contentType: 'audio/wav',
              contentBase64: wavFile(300).toString('base64'),
            },
          ],
          ring_groups: [
            {
              id: 'leasing',
              name: 'Leasing',
              strategy: 'simultaneous',
              members: [{ agentId: 'ann' }, { agentId: 'bob' }],
              agentRingTimeoutSeconds: 20,
              skipUnavailable: true,
              callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } },
            },
          ],
          voicemail_boxes: [
            { id: 'main', name: 'Main', agentId: 'ann', greeting: { kind: 'audio', audioId: 'hello' } },
          ],
          flows: [
            {
              name: 'Main',
              definition: flow(
                flowSteps.map((s) =>
                  s.id === 'hello' ? { ...s, prompt: { kind: 'audio', audioId: 'hello' } } : s,
                ),
              ),
            },
          ],
          numbers: [{ number: '+13125550160', source: 'Website', forward_to: '+13125550111', flow: 'Main' }],
        };
        const file = path.join(dir, 'bundle.json');
        writeFileSync(file, JSON.stringify(bundle));
        writeFileSync(
          path.join(dir, 'scenario.json'),
          JSON.stringify({
            name: 'bundle test',
            config: './bundle.json',
            calls: [{ name: 'not placed', from: '+13125550100', to: '+13125550160' }],
          }),
        );
        const loaded = loadScenario(path.join(dir, 'scenario.json'));
        const hold = loaded.config.audio?.find((a) => a.id === 'hold');
        assert.equal(hold?.contentBase64, wavFile(600).toString('base64'));

        const stack = { apiUrl: api.url, simUrl: 'http://unused', apiKey: api.apiKey };
        const { propertyId } = await applyBundle(stack, loaded.config);
        const base = `/v1/properties/${propertyId}`;
        const urls = (await api.request('GET', `${base}/audio`)).body.items.map(
          (a: { url: string }) => a.url,
        );
        await applyBundle(stack, loaded.config);
        assert.deepEqual(
          (await api.request('GET', `${base}/audio`)).body.items.map((a: { url: string }) => pathOf(a.url)),
          urls.map(pathOf),
          'the same bytes keep their URLs',
        );
        const count = async (kind: string) => (await api.request('GET', `${base}/${kind}`)).body.items.length;
        assert.deepEqual(
          [
            await count('schedules'),
            await count('agents'),
            await count('audio'),
            await count('ring-groups'),
            await count('voicemail-boxes'),
            await count('call-flows'),
          ],
          [1, 2, 2, 1, 1, 1],
        );
        const flows = (await api.request('GET', `${base}/call-flows`)).body.items;
        assert.equal(flows[0].currentVersion, 1, 'an unchanged flow is not saved again');
        assert.equal((await api.request('GET', `${base}/agents/bob`)).body.available, false);
        const media = await fetch(local(urls[0]));
        assert.equal(media.status, 200);

        await assert.rejects(applyBundle(stack, bundle), /file audio\/hold\.wav/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
