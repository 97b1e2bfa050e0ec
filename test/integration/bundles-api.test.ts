import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { standardSource } from '@switchboard/domain';
import { openDataSource } from '@switchboard/persistence';
import { bundleSchemaIssues, type Bundle } from '@switchboard/bundle';
import { http } from '../support/http';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { wavFile } from '../support/audio';

/** Over the api-wide 256 kB JSON limit once in base64: the apply route must take it. */
const BIG_HOLD = wavFile(120_000, 700);

const mainFlow = {
  initialStepId: 'hello',
  steps: [
    { id: 'hello', type: 'greeting', prompt: { kind: 'audio', audioId: 'hello' }, next: 'hours' },
    { id: 'hours', type: 'schedule', branches: [{ scheduleId: 'office', next: 'team' }], otherwise: 'vm' },
    { id: 'team', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'vm' },
    { id: 'vm', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 60 },
  ],
};
const afterHoursFlow = {
  initialStepId: 'vm',
  recording: true,
  steps: [{ id: 'vm', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 30 }],
};

/** Everything a bundle can hold; numbers are unique system-wide, so each use gets its own. */
function fullBundle(numbers: [string, string]): Bundle {
  return {
    property: { name: 'Maple Ridge', time_zone: 'America/Chicago' },
    sources: [{ name: 'Zillow', standardKey: 'zillow' }, { name: 'Website' }],
    schedules: [
      {
        id: 'office',
        name: 'Office hours',
        weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
        overrides: [{ name: 'Christmas', date: '2026-12-25' }],
      },
    ],
    agents: [
      { id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '+1 (312) 555-0111' } },
      { id: 'bob', name: 'Bob', endpoint: { kind: 'sip', uri: 'sip:bob@pbx.example.com' }, available: false },
    ],
    audio: [
      { id: 'hello', name: 'Hello', contentType: 'audio/wav', contentBase64: wavFile().toString('base64') },
      {
        id: 'hold',
        name: 'Hold music',
        contentType: 'audio/wav',
        contentBase64: BIG_HOLD.toString('base64'),
      },
    ],
    ring_groups: [
      {
        id: 'leasing',
        name: 'Leasing',
        strategy: 'round_robin',
        members: [{ agentId: 'ann' }, { agentId: 'bob', ringTimeoutSeconds: 15 }],
        agentRingTimeoutSeconds: 20,
        skipUnavailable: true,
        rotationPointer: 1,
        callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } },
      },
    ],
    voicemail_boxes: [
      {
        id: 'main',
        name: 'Main',
        agentId: 'ann',
        greeting: { kind: 'audio', audioId: 'hello' },
        notifyEmails: ['leasing@example.com'],
      },
    ],
    flows: [
      { name: 'Main', definition: mainFlow },
      { name: 'After hours', definition: afterHoursFlow },
    ],
    default_flow: 'Main',
    numbers: [
      // A number with a call flow needs no forwarding destination.
      { number: numbers[0], source: 'Zillow', flow: 'Main' },
      { number: numbers[1], source: 'Website', forward_to: '+13125550111', greeting: { text: 'Hi.' } },
    ],
  };
}

/** Fields named by an error body. */
const fieldsOf = (body: any): string[] => (body.error?.fields ?? []).map((f: { field: string }) => f.field);

/** Names the apply answer lists per kind and change, leaving out empty lists. */
function summary(body: any): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [kind, c] of Object.entries(body.changes as Record<string, Record<string, string[]>>))
    for (const [change, keys] of Object.entries(c))
      if (keys.length) (out[kind] ??= {})[change] = [...keys].sort();
  return out;
}

describe('configuration bundles, import and default routing', () => {
  let api: ApiOnly;
  let ds: DataSource;
  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
  });
  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  async function property(name = 'Empty', timeZone = 'America/Denver'): Promise<string> {
    const p = await api.request('POST', '/v1/properties', { name, timeZone });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    return p.body.id;
  }
  async function exported(propertyId: string): Promise<Bundle> {
    const r = await api.request('GET', `/v1/properties/${propertyId}/bundle`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  }
  async function apply(propertyId: string, bundle: unknown, query = '') {
    return api.request('POST', `/v1/properties/${propertyId}/bundle/apply${query}`, bundle);
  }
  async function applied(propertyId: string, bundle: unknown, query = '') {
    const r = await apply(propertyId, bundle, query);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  }
  /** Files the blob store holds for a property's audio (MEDIA_DIR is the test run's own folder). */
  function storedAudioFiles(propertyId: string): string[] {
    const dir = path.join(process.env.MEDIA_DIR ?? path.resolve('.data/media'), 'audio', propertyId);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  describe('export and apply', () => {
    let a: string;
    let exportA: Bundle;
    before(async () => {
      a = await property('Maple Ridge A');
      await applied(a, fullBundle(['+13125550170', '+13125550171']));
      exportA = await exported(a);
    });

    it('exports the whole configuration in the published format, the same every time', async () => {
      assert.ok(JSON.stringify(exportA).length > 256 * 1024, 'bigger than the api-wide body limit');
      assert.deepEqual(bundleSchemaIssues(exportA), []);
      assert.equal(JSON.stringify(await exported(a)), JSON.stringify(exportA), 'two exports are equal text');
      assert.deepEqual(exportA.property, { name: 'Maple Ridge A', time_zone: 'America/Chicago' });
      // A standard source exports its catalog key and the DNI rules it was set up with.
      assert.deepEqual(exportA.sources, [
        { name: 'Website', dniRules: [], priority: 50 },
        { name: 'Zillow', standardKey: 'zillow', dniRules: standardSource('zillow')!.dniRules, priority: 20 },
      ]);
      assert.deepEqual(
        exportA.agents,
        [
          { id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } },
          { id: 'bob', name: 'Bob', endpoint: { kind: 'sip', uri: 'sip:bob@pbx.example.com' } },
        ],
        'numbers normalised; availability is state, not exported',
      );
      assert.equal(exportA.ring_groups?.[0].rotationPointer, undefined, 'the rotation is state too');
      assert.deepEqual(
        exportA.audio?.map((x) => [x.id, x.contentType, x.contentBase64]),
        [
          ['hello', 'audio/wav', wavFile().toString('base64')],
          ['hold', 'audio/wav', BIG_HOLD.toString('base64')],
        ],
      );
      assert.deepEqual(exportA.voicemail_boxes, [
        {
          id: 'main',
          name: 'Main',
          agentId: 'ann',
          greeting: { audioId: 'hello', kind: 'audio' },
          notifyEmails: ['leasing@example.com'],
        },
      ]);
      assert.deepEqual(
        exportA.flows?.map((f) => [f.name, (f.definition as { recording: boolean }).recording]),
        [
          ['After hours', true],
          ['Main', false],
        ],
      );
      assert.equal(exportA.default_flow, 'Main');
      assert.deepEqual(exportA.numbers, [
        { number: '+13125550170', source: 'Zillow', flow: 'Main' },
        { number: '+13125550171', source: 'Website', forward_to: '+13125550111', greeting: { text: 'Hi.' } },
      ]);
    });

    it('applies an export onto an empty property, which then exports the same; again changes nothing', async () => {
      // A tracking number belongs to one property: free A's, as moving a number to B would.
      await ds.query(`DELETE FROM tracking_numbers WHERE property_id = $1`, [a]);
      const b = await property('Maple Ridge B', 'America/New_York');
      const first = await applied(b, exportA);
      assert.equal(first.changed, true);
      assert.deepEqual(summary(first).flows, { created: ['After hours', 'Main'] });
      assert.deepEqual(summary(first).settings, { updated: ['default_flow', 'time_zone'] });
      const exportB = await exported(b);
      assert.deepEqual(
        { ...exportB, property: { ...exportB.property, name: 'A' } },
        { ...exportA, property: { ...exportA.property, name: 'A' } },
        'B has all of A: only the property names differ',
      );
      assert.equal(exportB.property.name, 'Maple Ridge B', "the bundle's name is informational");

      const flowIds = async (p: string) =>
        (await api.request('GET', `/v1/properties/${p}/call-flows`)).body.items.map((f: any) => f.id).sort();
      const [idsA, idsB] = [await flowIds(a), await flowIds(b)];
      assert.equal(idsB.filter((id: string) => idsA.includes(id)).length, 0, 'B has flows of its own');
      const prop = (await api.request('GET', `/v1/properties/${b}`)).body;
      const main = (await api.request('GET', `/v1/properties/${b}/call-flows`)).body.items.find(
        (f: any) => f.name === 'Main',
      );
      assert.equal(prop.defaultCallFlowId, main.id, "the default flow is B's own Main");

      const again = await applied(b, exportA);
      assert.equal(again.changed, false);
      for (const [kind, c] of Object.entries(again.changes as Record<string, Record<string, string[]>>))
        assert.deepEqual([c.created, c.updated, c.removed], [[], [], []], kind);
      assert.deepEqual(summary(again).numbers, { unchanged: ['+13125550170', '+13125550171'] });
      assert.equal(main.currentVersion, 1);
      assert.equal(
        (await api.request('GET', `/v1/properties/${b}/call-flows/${main.id}`)).body.currentVersion,
        1,
        'an unchanged flow gets no new version',
      );
      await ds.query(`DELETE FROM tracking_numbers WHERE property_id = $1`, [b]);
    });

    it('previews an apply (dry run) with the diff the apply then makes, writing nothing', async () => {
      const c = await property('Maple Ridge C');
      await applied(c, fullBundle(['+13125550172', '+13125550173']));
      const changed = fullBundle(['+13125550172', '+13125550174']);
      (changed.schedules![0].weekly[0] as { end: string }).end = '18:00';
      changed.agents!.push({ id: 'cat', name: 'Cat', endpoint: { kind: 'webrtc', username: 'cat' } });
      changed.audio![0] = {
        id: 'hello',
        name: 'Hello',
        contentType: 'audio/wav',
        contentBase64: wavFile(900, 1200).toString('base64'),
      };
      changed.flows![1] = { name: 'After hours', definition: { ...afterHoursFlow, recording: false } };
      changed.sources.push({ name: 'Google Ads' });
      changed.numbers[1].source = 'Google Ads';

      const before = await exported(c);
      const files = storedAudioFiles(c);
      assert.equal(files.length, 2, 'one file per audio');
      const preview = await applied(c, changed, '?dryRun=true');
      const expected = {
        settings: { unchanged: ['default_flow', 'time_zone'] },
        sources: { created: ['Google Ads'], unchanged: ['Website', 'Zillow'] },
        schedules: { updated: ['office'] },
        agents: { created: ['cat'], unchanged: ['ann', 'bob'] },
        audio: { updated: ['hello'], unchanged: ['hold'] },
        ring_groups: { unchanged: ['leasing'] },
        voicemail_boxes: { unchanged: ['main'] },
        flows: { updated: ['After hours'], unchanged: ['Main'] },
        numbers: { created: ['+13125550174'], unchanged: ['+13125550172'] },
      };
      assert.equal(preview.dryRun, true);
      assert.deepEqual(summary(preview), expected);
      assert.deepEqual(await exported(c), before, 'a dry run writes nothing');
      assert.deepEqual(storedAudioFiles(c), files, 'and leaves no audio bytes behind');

      // Numbers are never removed (they are the carrier's); +13125550173 stays as it was.
      const done = await applied(c, changed);
      assert.equal(done.dryRun, false);
      assert.deepEqual(summary(done), expected);
      const after = await exported(c);
      assert.deepEqual(
        after.numbers.map((n) => n.number),
        ['+13125550172', '+13125550173', '+13125550174'],
      );
      assert.equal(storedAudioFiles(c).length, files.length, 'the replaced bytes are gone once committed');

      // Pruning removes the resources the bundle leaves out, users before what they use.
      const smaller: Bundle = {
        ...changed,
        agents: changed.agents!.filter((x) => x.id !== 'cat'),
        audio: changed.audio,
      };
      const pruned = await applied(c, smaller, '?dryRun=true&prune=true');
      assert.deepEqual(summary(pruned).agents, { removed: ['cat'], unchanged: ['ann', 'bob'] });
      assert.equal(pruned.prune, true);
      const used: Bundle = { ...changed, voicemail_boxes: [] };
      const refused = await apply(c, used, '?prune=true');
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.deepEqual(fieldsOf(refused.body), ['voicemail_boxes']);
      assert.match(refused.body.error.message, /voicemail box "main" is used by call flow/);
      assert.deepEqual(await exported(c), after);
      await ds.query(`DELETE FROM tracking_numbers WHERE property_id = $1`, [c]);
    });

    it('writes nothing when an item late in the bundle fails: a reference, a database error, a taken number', async () => {
      const d = await property('Maple Ridge D');
      const start = fullBundle(['+13125550175', '+13125550176']);
      await applied(d, {
        ...start,
        flows: [],
        default_flow: undefined,
        numbers: start.numbers.map(({ flow: _f, ...n }) => ({ forward_to: '+13125550111', ...n })),
      });
      const before = await exported(d);
      const files = storedAudioFiles(d);
      assert.equal(files.length, 2);
      const next = fullBundle(['+13125550175', '+13125550176']);
      next.audio![0] = {
        id: 'hello',
        name: 'Hello',
        contentType: 'audio/wav',
        contentBase64: wavFile(700, 333).toString('base64'),
      };
      next.schedules![0].name = 'Renamed';

      // A flow naming a ring group that exists nowhere: found while writing flows, after the resources.
      const badRef = structuredClone(next);
      (badRef.flows![1].definition as typeof afterHoursFlow).steps = [
        { id: 'vm', type: 'ring_group', ringGroupId: 'nope' } as never,
      ];
      const r1 = await apply(d, badRef);
      assert.equal(r1.status, 422, JSON.stringify(r1.body));
      assert.ok(
        fieldsOf(r1.body).every((f) => f.startsWith('flows[1].definition.steps[0]')),
        JSON.stringify(r1.body),
      );
      assert.deepEqual(await exported(d), before);
      assert.deepEqual(storedAudioFiles(d), files, 'bytes written for the rolled-back audio are removed');

      // A database failure on the last number, injected with a trigger.
      await ds.query(`
        CREATE FUNCTION fail_bundle_test() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await ds.query(`
        CREATE TRIGGER fail_bundle_test BEFORE INSERT ON tracking_numbers
          FOR EACH ROW WHEN (NEW.number = '+13125550177') EXECUTE FUNCTION fail_bundle_test()`);
      try {
        const dbFails = structuredClone(next);
        dbFails.numbers.push({ number: '+13125550177', source: 'Zillow', forward_to: '+13125550111' });
        const r2 = await apply(d, dbFails);
        assert.equal(r2.status, 500, JSON.stringify(r2.body));
        assert.deepEqual(await exported(d), before);
        assert.deepEqual(storedAudioFiles(d), files);
      } finally {
        await ds.query(`DROP TRIGGER fail_bundle_test ON tracking_numbers`);
        await ds.query(`DROP FUNCTION fail_bundle_test()`);
      }

      // A number another property already has: the same 409 as POST …/tracking-numbers, by its place.
      const other = await property('Elsewhere');
      const src = (await api.request('POST', `/v1/properties/${other}/sources`, { name: 'Web' })).body.id;
      await api.request('POST', `/v1/properties/${other}/tracking-numbers`, {
        number: '+13125550178',
        sourceId: src,
        forwardTo: '+13125550111',
      });
      const taken = structuredClone(next);
      taken.numbers.push({ number: '+13125550178', source: 'Zillow', forward_to: '+13125550111' });
      const r3 = await apply(d, taken);
      assert.equal(r3.status, 409, JSON.stringify(r3.body));
      assert.deepEqual(fieldsOf(r3.body), ['numbers[2].number']);
      assert.deepEqual(await exported(d), before);
      await ds.query(`DELETE FROM tracking_numbers WHERE property_id = ANY($1)`, [[d, other]]);
    });

    it('refuses bad bundles with 422 naming the JSON path of each problem', async () => {
      const e = await property('Maple Ridge E');
      const base = (): Bundle => ({
        property: { name: 'E', time_zone: 'America/Chicago' },
        sources: [{ name: 'Zillow' }],
        numbers: [],
      });
      const cases: { what: string; bundle: unknown; fields: string[] }[] = [
        { what: 'not an object', bundle: [], fields: ['body'] },
        {
          what: 'schema: missing, unknown and mistyped fields',
          bundle: {
            property: { name: 'E' },
            numbers: [],
            colour: 'red',
            flows: [{ name: 'x', definition: { steps: 1 } }],
          },
          fields: [
            'sources',
            'colour',
            'property.time_zone',
            'flows[0].definition.initialStepId',
            'flows[0].definition.steps',
          ],
        },
        {
          what: 'duplicates and audio by file',
          bundle: {
            ...base(),
            agents: [
              { id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } },
              { id: 'ann', name: 'Ann again', endpoint: { kind: 'phone', number: '+13125550112' } },
            ],
            audio: [{ id: 'x', name: 'X', contentType: 'audio/wav', file: 'x.wav' }],
          },
          fields: ['agents[1].id', 'audio[0].file'],
        },
        {
          what: "the REST endpoints' DTO rules",
          bundle: {
            ...base(),
            property: { name: 'E', time_zone: 'Mars/Olympus' },
            voicemail_boxes: [{ id: 'main', name: 'Main', notifyWebhookUrl: 'http://not a host/' }],
          },
          fields: ['property.time_zone', 'voicemail_boxes[0].notifyWebhookUrl'],
        },
        {
          what: "libs/domain's rules, by the services",
          bundle: {
            ...base(),
            schedules: [
              { id: 'office', name: 'Office', weekly: [{ days: ['mon'], start: '25:00', end: '17:00' }] },
            ],
          },
          fields: ['schedules[0].weekly[0].start'],
        },
        {
          what: 'an endpoint the agents service refuses',
          bundle: {
            ...base(),
            agents: [{ id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '12' } }],
          },
          fields: ['agents[0].endpoint.number'],
        },
        {
          what: 'a number naming an unknown source or flow',
          bundle: {
            ...base(),
            numbers: [{ number: '+13125550179', source: 'Nowhere', forward_to: '+13125550111' }],
          },
          fields: ['numbers[0].source'],
        },
        {
          what: 'a number with neither a flow nor forward_to',
          bundle: { ...base(), numbers: [{ number: '+13125550178', source: 'Zillow' }] },
          fields: ['numbers[0].forward_to'],
        },
        {
          what: 'a default flow that does not exist',
          bundle: { ...base(), default_flow: 'Ghost' },
          fields: ['default_flow'],
        },
      ];
      const before = await exported(e);
      for (const c of cases) {
        const r = await apply(e, c.bundle);
        assert.equal(r.status, 422, `${c.what}: ${JSON.stringify(r.body)}`);
        assert.deepEqual([...new Set(fieldsOf(r.body))].sort(), [...c.fields].sort(), c.what);
      }
      assert.deepEqual(await exported(e), before);
    });

    it('lets read-only keys export but not apply', async () => {
      const key = (await api.request('POST', '/v1/api-keys', { name: 'Reader', readOnly: true })).body.key;
      const r = await http('GET', `${api.url}/v1/properties/${a}/bundle`, undefined, withKey(key));
      assert.equal(r.status, 200);
      const w = await http('POST', `${api.url}/v1/properties/${a}/bundle/apply`, exportA, withKey(key));
      assert.equal(w.status, 403);
    });
  });

  describe('import', () => {
    let from: string;
    before(async () => {
      from = await property('Template');
      await applied(from, { ...fullBundle(['+13125550180', '+13125550181']) });
    });

    it('copies the chosen kinds from another property: ids remapped, references followed, all or nothing', async () => {
      const to = await property('New community', 'America/Los_Angeles');
      const before = await exported(to);
      const preview = await api.request('POST', `/v1/properties/${to}/import`, {
        fromPropertyId: from,
        dryRun: true,
      });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.dryRun, true);
      assert.deepEqual(summary(preview.body), {
        settings: { updated: ['default_flow'] },
        schedules: { created: ['office'] },
        agents: { created: ['ann', 'bob'] },
        audio: { created: ['hello', 'hold'] },
        ring_groups: { created: ['leasing'] },
        voicemail_boxes: { created: ['main'] },
        flows: { created: ['After hours', 'Main'] },
      });
      assert.deepEqual(await exported(to), before, 'a dry run writes nothing');

      const r = await api.request('POST', `/v1/properties/${to}/import`, { fromPropertyId: from });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.include, [
        'schedules',
        'audio',
        'agents',
        'ring_groups',
        'voicemail_boxes',
        'flows',
        'default_routing',
      ]);
      const [src, dst] = [await exported(from), await exported(to)];
      for (const kind of ['schedules', 'agents', 'audio', 'ring_groups', 'voicemail_boxes', 'flows'] as const)
        assert.deepEqual(dst[kind], src[kind], kind);
      assert.equal(dst.default_flow, 'Main');
      assert.deepEqual(
        [dst.property, dst.sources, dst.numbers],
        [{ name: 'New community', time_zone: 'America/Los_Angeles' }, [], []],
        'settings, sources and numbers stay the target’s own',
      );
      const flowsOf = async (p: string) =>
        (await api.request('GET', `/v1/properties/${p}/call-flows`)).body.items;
      const [fromFlows, toFlows] = [await flowsOf(from), await flowsOf(to)];
      assert.ok(
        toFlows.every((f: any) => !fromFlows.some((g: any) => g.id === f.id)),
        'new flow ids',
      );
      const main = toFlows.find((f: any) => f.name === 'Main');
      assert.equal((await api.request('GET', `/v1/properties/${to}`)).body.defaultCallFlowId, main.id);
      const agent = await api.request('GET', `/v1/properties/${to}/agents/bob`);
      assert.equal(agent.body.available, true, 'availability is not copied: new agents are available');

      const again = await api.request('POST', `/v1/properties/${to}/import`, { fromPropertyId: from });
      assert.equal(again.body.changed, false, 'importing again changes nothing');
    });

    it('fails as a whole when what is copied names what is not (flows without their ring group)', async () => {
      const to = await property('Flows only');
      const before = await exported(to);
      const r = await api.request('POST', `/v1/properties/${to}/import`, {
        fromPropertyId: from,
        include: ['schedules', 'flows'],
      });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.ok(
        fieldsOf(r.body).some((f) => /^flows\[\d+\]\.definition\.steps/.test(f)),
        JSON.stringify(r.body),
      );
      assert.deepEqual(await exported(to), before);
      const bad = await api.request('POST', `/v1/properties/${to}/import`, {
        fromPropertyId: from,
        include: ['numbers'],
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad.body), ['include']);
    });

    it("answers 404 for a property the key does not reach: another tenant's, or outside a limited key", async () => {
      const to = await property('Mine');
      const other = await createTestAccount(api.url, 'Tenant B');
      const theirs = await http(
        'POST',
        `${api.url}/v1/properties`,
        { name: 'Theirs', timeZone: 'UTC' },
        withKey(other.apiKey),
      );
      const r = await api.request('POST', `/v1/properties/${to}/import`, { fromPropertyId: theirs.body.id });
      assert.equal(r.status, 404, JSON.stringify(r.body));
      const intoTheirs = await http(
        'POST',
        `${api.url}/v1/properties/${theirs.body.id}/import`,
        { fromPropertyId: from },
        withKey(other.apiKey),
      );
      assert.equal(intoTheirs.status, 404, 'B cannot copy from A either');
      const theirExport = await http(
        'GET',
        `${api.url}/v1/properties/${theirs.body.id}/bundle`,
        undefined,
        withKey(other.apiKey),
      );
      assert.deepEqual(theirExport.body.schedules, []);

      const limited = (await api.request('POST', '/v1/api-keys', { name: 'Only mine', propertyIds: [to] }))
        .body.key;
      const narrow = await http(
        'POST',
        `${api.url}/v1/properties/${to}/import`,
        { fromPropertyId: from },
        withKey(limited),
      );
      assert.equal(narrow.status, 404, JSON.stringify(narrow.body));
    });
  });

  describe('default routing', () => {
    it('sets the default flow and gives it to all, only unassigned, or some sources’ numbers', async () => {
      const p = await property('Routing');
      await applied(p, {
        property: { name: 'Routing', time_zone: 'America/Chicago' },
        sources: [{ name: 'Zillow' }, { name: 'Website' }],
        flows: [
          { name: 'Main', definition: afterHoursFlow },
          { name: 'Alt', definition: { ...afterHoursFlow, recording: false } },
        ],
        voicemail_boxes: [{ id: 'main', name: 'Main' }],
        numbers: [
          { number: '+13125550190', source: 'Zillow', forward_to: '+13125550111' },
          { number: '+13125550191', source: 'Zillow', forward_to: '+13125550111', flow: 'Alt' },
          { number: '+13125550192', source: 'Website', forward_to: '+13125550111' },
        ],
      });
      const base = `/v1/properties/${p}/default-routing`;
      const flows = (await api.request('GET', `/v1/properties/${p}/call-flows`)).body.items;
      const main = flows.find((f: any) => f.name === 'Main').id;
      const alt = flows.find((f: any) => f.name === 'Alt').id;
      const sources = (await api.request('GET', `/v1/properties/${p}/sources`)).body.items;
      const website = sources.find((s: any) => s.name === 'Website').id;

      const none = await api.request('POST', `${base}/apply`, {});
      assert.equal(none.status, 409, 'nothing to apply before a default is set');
      assert.deepEqual(fieldsOf(none.body), ['callFlowId']);

      const elsewhere = await property('Elsewhere');
      await applied(elsewhere, {
        property: { name: 'Elsewhere', time_zone: 'UTC' },
        sources: [],
        flows: [
          { name: 'Theirs', definition: { initialStepId: 'bye', steps: [{ id: 'bye', type: 'hangup' }] } },
        ],
        numbers: [],
      });
      const theirs = (await api.request('GET', `/v1/properties/${elsewhere}/call-flows`)).body.items[0].id;
      const foreign = await api.request('PUT', base, { callFlowId: theirs });
      assert.equal(foreign.status, 422, "another property's flow");
      assert.deepEqual(fieldsOf(foreign.body), ['callFlowId']);
      const set = await api.request('PUT', base, { callFlowId: main });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.deepEqual(set.body, { callFlowId: main, callFlowName: 'Main' });
      assert.deepEqual((await api.request('GET', base)).body, { callFlowId: main, callFlowName: 'Main' });

      const numbersNow = async () =>
        Object.fromEntries(
          (await api.request('GET', `/v1/properties/${p}/tracking-numbers`)).body.items.map((n: any) => [
            n.number,
            n.callFlowId,
          ]),
        );
      const numbersOf = (body: any) => body.changes.map((c: any) => c.number);

      const dry = await api.request('POST', `${base}/apply`, { dryRun: true });
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.deepEqual(numbersOf(dry.body), ['+13125550190', '+13125550191', '+13125550192']);
      assert.equal(dry.body.changes[1].previousCallFlowId, alt);
      assert.deepEqual(await numbersNow(), {
        '+13125550190': null,
        '+13125550191': alt,
        '+13125550192': null,
      });

      const website1 = await api.request('POST', `${base}/apply`, { sourceIds: [website] });
      assert.deepEqual(numbersOf(website1.body), ['+13125550192']);
      const unassigned = await api.request('POST', `${base}/apply`, { onlyUnassigned: true });
      assert.deepEqual(numbersOf(unassigned.body), ['+13125550190'], 'Alt’s number keeps its flow');
      assert.deepEqual(await numbersNow(), {
        '+13125550190': main,
        '+13125550191': alt,
        '+13125550192': main,
      });
      const all = await api.request('POST', `${base}/apply`, {});
      assert.deepEqual(numbersOf(all.body), ['+13125550191']);
      assert.deepEqual((await api.request('POST', `${base}/apply`, {})).body.changes, [], 'nothing left');

      const badSource = await api.request('POST', `${base}/apply`, {
        sourceIds: [website, '00000000-0000-4000-8000-000000000001'],
      });
      assert.equal(badSource.status, 422);
      assert.deepEqual(fieldsOf(badSource.body), ['sourceIds[1]']);

      const cleared = await api.request('PUT', base, { callFlowId: null });
      assert.deepEqual(cleared.body, { callFlowId: null, callFlowName: null });
      assert.equal((await exported(p)).default_flow, undefined);
      await ds.query(`DELETE FROM tracking_numbers WHERE property_id = $1`, [p]);
    });
  });
});
