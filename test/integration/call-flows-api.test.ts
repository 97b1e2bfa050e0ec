import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/** A small property flow: returning callers skip the menu; office hours decide the rest. */
const flow = {
  initialStepId: 'welcome',
  recording: false,
  steps: [
    {
      id: 'welcome',
      type: 'greeting',
      prompt: { kind: 'tts', text: 'Thanks for calling Oak Court.' },
      next: 'who',
    },
    {
      id: 'who',
      type: 'route',
      branches: [{ criteria: [{ type: 'repeat' }], next: 'front_desk' }],
      fallback: 'hours',
    },
    { id: 'hours', type: 'schedule', branches: [{ scheduleId: 'office', next: 'menu' }], otherwise: 'vm' },
    {
      id: 'menu',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Leasing press 1, maintenance press 2.' },
      options: { '1': 'front_desk', '2': 'maintenance' },
      timeoutSeconds: 5,
      maxRetries: 1,
      fallback: 'vm',
    },
    {
      id: 'front_desk',
      type: 'forward',
      to: '+17205550111',
      timeoutSeconds: 20,
      callerId: 'caller',
      noAnswer: 'vm',
    },
    {
      id: 'maintenance',
      type: 'forward',
      to: '+17205550122',
      timeoutSeconds: 20,
      callerId: 'tracking_number',
      noAnswer: 'vm',
    },
    { id: 'vm', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 120 },
  ],
};

const office = {
  id: 'office',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
};

describe('call flows API: versions, validation, dry run, diagram', () => {
  let api: ApiOnly;
  let propertyId: string;
  /** The schedule and voicemail box the flow names must exist before it can be saved. */
  const addResources = async (id: string) => {
    for (const [path, body] of [
      ['schedules', { ...office, name: 'Office hours' }],
      ['voicemail-boxes', { id: 'main', name: 'Main' }],
    ] as const) {
      const r = await api.request('POST', `/v1/properties/${id}/${path}`, body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  };
  before(async () => {
    api = await startApiOnly();
    const p = await api.request('POST', '/v1/properties', { name: 'Oak Court', timeZone: 'America/Denver' });
    propertyId = p.body.id;
    await addResources(propertyId);
  });
  after(async () => {
    await api?.stop();
  });
  const base = () => `/v1/properties/${propertyId}/call-flows`;

  it('saves every edit as a new version and keeps the old ones readable', async () => {
    const created = await api.request('POST', base(), { name: 'Main line', definition: flow });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.version, 1);
    const id = created.body.id;

    const edited = {
      ...flow,
      steps: flow.steps.map((s) => (s.id === 'front_desk' ? { ...s, to: '+17205550133' } : s)),
    };
    const v2 = await api.request('PUT', `${base()}/${id}`, { definition: edited });
    assert.equal(v2.status, 200, JSON.stringify(v2.body));
    assert.deepEqual([v2.body.version, v2.body.currentVersion], [2, 2]);

    const current = await api.request('GET', `${base()}/${id}`);
    assert.equal(
      current.body.definition.steps.find((s: { id: string }) => s.id === 'front_desk').to,
      '+17205550133',
    );
    const old = await api.request('GET', `${base()}/${id}?version=1`);
    assert.equal(
      old.body.definition.steps.find((s: { id: string }) => s.id === 'front_desk').to,
      '+17205550111',
    );
    const versions = await api.request('GET', `${base()}/${id}/versions`);
    assert.deepEqual(
      versions.body.items.map((v: { version: number }) => v.version),
      [1, 2],
    );
    const list = await api.request('GET', base());
    assert.deepEqual(
      list.body.items.map((f: { name: string; currentVersion: number }) => [f.name, f.currentVersion]),
      [['Main line', 2]],
    );
  });

  const invalid: { name: string; definition: unknown; field: RegExp; message?: RegExp }[] = [
    {
      name: 'a next step that does not exist',
      definition: {
        ...flow,
        steps: flow.steps.map((s) => (s.id === 'welcome' ? { ...s, next: 'nowhere' } : s)),
      },
      field: /^definition\.steps\[0\]/,
      message: /nowhere/,
    },
    {
      name: 'steps that are not a list',
      definition: { initialStepId: 'a', steps: 'a' },
      field: /^definition\.steps$/,
    },
    { name: 'no initial step', definition: { steps: [] }, field: /^definition\.initialStepId$/ },
    {
      name: 'an unreachable step',
      definition: { ...flow, steps: [...flow.steps, { id: 'orphan', type: 'hangup' }] },
      field: /^definition\.steps\[7\]/,
      message: /orphan/,
    },
  ];
  for (const c of invalid) {
    it(`refuses ${c.name} with 422 naming the step, and saves nothing`, async () => {
      const name = `Bad ${c.name}`;
      const r = await api.request('POST', base(), { name, definition: c.definition });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      const hit = r.body.error.fields.find((f: { field: string }) => c.field.test(f.field));
      assert.ok(hit, JSON.stringify(r.body.error.fields));
      if (c.message) assert.match(hit.message, c.message);
      const list = await api.request('GET', base());
      assert.ok(!list.body.items.some((f: { name: string }) => f.name === name));
    });
  }

  it('dry-runs callers through the flow with the workflow’s own rules', async () => {
    const { body } = await api.request('POST', base(), { name: 'Simulated', definition: flow });
    const sim = (payload: object) =>
      api.request('POST', `${base()}/${body.id}/simulate`, { schedules: { office }, ...payload });

    // Tuesday 10:00 in Denver (the property's zone; the server's zone is irrelevant): open, presses 2.
    const open = await sim({
      at: '2026-11-24T17:00:00Z',
      caller: { callerId: '+17205550100', priorCalls: 0 },
      keypresses: ['2'],
    });
    assert.equal(open.status, 200, JSON.stringify(open.body));
    assert.deepEqual(open.body.path, ['welcome', 'who', 'hours', 'menu', 'maintenance', 'connected']);
    assert.deepEqual(open.body.outcome, { kind: 'forwarded', stepId: 'maintenance', to: '+17205550122' });

    // Same instant, a repeat caller goes straight to the front desk.
    const repeat = await sim({
      at: '2026-11-24T17:00:00Z',
      caller: { callerId: '+17205550100', priorCalls: 3 },
    });
    assert.deepEqual(repeat.body.path, ['welcome', 'who', 'front_desk', 'connected']);

    // 17:30 in Denver is 00:30 UTC the next day: closed, to voicemail.
    const closed = await sim({ at: '2026-11-25T00:30:00Z', caller: { callerId: '+17205550100' } });
    assert.deepEqual(closed.body.path, ['welcome', 'who', 'hours', 'vm']);
    assert.equal(closed.body.outcome.kind, 'voicemail');

    // An anonymous caller id is never "repeat", whatever the history says.
    const anon = await sim({ at: '2026-11-25T00:30:00Z', caller: { callerId: 'anonymous', priorCalls: 9 } });
    assert.deepEqual(anon.body.path, ['welcome', 'who', 'hours', 'vm']);

    const bad = await sim({
      schedules: { office: { id: 'office', weekly: [{ days: ['mon'], start: '25:00', end: '26:00' }] } },
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body.error.fields[0].field, /^schedules\.office\./);
  });

  it('dry-runs an unsaved definition of the flow (the editor’s changes) without storing it', async () => {
    const { body } = await api.request('POST', base(), { name: 'Edited', definition: flow });
    const edited = {
      ...flow,
      steps: flow.steps.map((s) => (s.id === 'menu' ? { ...s, options: { '1': 'maintenance' } } : s)),
    };
    const run = await api.request('POST', `${base()}/${body.id}/simulate`, {
      schedules: { office },
      definition: edited,
      at: '2026-11-24T17:00:00Z',
      keypresses: ['1'],
    });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.deepEqual(run.body.path, ['welcome', 'who', 'hours', 'menu', 'maintenance', 'connected']);
    const stored = await api.request('GET', `${base()}/${body.id}`);
    assert.equal(stored.body.version, 1);

    const broken = await api.request('POST', `${base()}/${body.id}/simulate`, {
      definition: { ...flow, initialStepId: 'nowhere' },
    });
    assert.equal(broken.status, 422);
    assert.match(broken.body.error.fields[0].field, /^definition\./);
  });

  it('draws the flow as Mermaid and SVG', async () => {
    const { body } = await api.request('POST', base(), { name: 'Drawn', definition: flow });
    const d = await api.request('GET', `${base()}/${body.id}/diagram`);
    assert.equal(d.status, 200);
    assert.match(d.body.mermaid, /^flowchart TD/);
    assert.match(d.body.mermaid, /press 2/);
    assert.match(d.body.svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const svg = await fetch(`${api.url}${base()}/${body.id}/diagram?format=svg`, {
      headers: { authorization: `Bearer ${api.apiKey}` },
    });
    assert.equal(svg.headers.get('content-type')?.split(';')[0], 'image/svg+xml');
    assert.match(await svg.text(), /maintenance/);
  });

  it('assigns a flow to tracking numbers of the same property only', async () => {
    const { body: f } = await api.request('POST', base(), { name: 'Assigned', definition: flow });
    const src = await api.request('POST', `/v1/properties/${propertyId}/sources`, { name: 'Website' });
    const n = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: '+17205550160',
      sourceId: src.body.id,
      forwardTo: '+17205550111',
      callFlowId: f.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    assert.equal(n.body.callFlowId, f.id);
    const cleared = await api.request('PATCH', `/v1/properties/${propertyId}/tracking-numbers/${n.body.id}`, {
      callFlowId: null,
    });
    assert.equal(cleared.body.callFlowId, null);

    const other = await api.request('POST', '/v1/properties', { name: 'Pine Ridge', timeZone: 'UTC' });
    await addResources(other.body.id);
    const foreign = await api.request('POST', `/v1/properties/${other.body.id}/call-flows`, {
      name: 'Theirs',
      definition: flow,
    });
    const r = await api.request('PATCH', `/v1/properties/${propertyId}/tracking-numbers/${n.body.id}`, {
      callFlowId: foreign.body.id,
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.fields[0].field, 'callFlowId');
    const after = await api.request('GET', `/v1/properties/${propertyId}/tracking-numbers`);
    assert.equal(after.body.items.find((x: { id: string }) => x.id === n.body.id).callFlowId, null);
  });

  it('takes a number with a call flow and no forwardTo, and refuses a number with neither', async () => {
    const { body: f } = await api.request('POST', base(), { name: 'No forwarding', definition: flow });
    const src = await api.request('POST', `/v1/properties/${propertyId}/sources`, { name: 'Yelp' });
    const numbers = `/v1/properties/${propertyId}/tracking-numbers`;
    const n = await api.request('POST', numbers, {
      number: '+17205550180',
      sourceId: src.body.id,
      callFlowId: f.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    assert.equal(n.body.callFlowId, f.id);

    const neither = await api.request('POST', numbers, { number: '+17205550181', sourceId: src.body.id });
    assert.equal(neither.status, 422, JSON.stringify(neither.body));
    assert.deepEqual(
      neither.body.error.fields.map((x: { field: string }) => x.field),
      ['forwardTo'],
    );
    // Taking the flow away would leave it with neither: refused the same way, and nothing changes.
    const cleared = await api.request('PATCH', `${numbers}/${n.body.id}`, { callFlowId: null });
    assert.equal(cleared.status, 422, JSON.stringify(cleared.body));
    assert.equal(cleared.body.error.fields[0].field, 'forwardTo');
    assert.equal((await api.request('GET', `${numbers}/${n.body.id}`)).body.callFlowId, f.id);
    const moved = await api.request('PATCH', `${numbers}/${n.body.id}`, {
      callFlowId: null,
      forwardTo: '+17205550111',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
  });

  it('deletes a flow only when no number uses it, and finds numbers by flow and source', async () => {
    const { body: f } = await api.request('POST', base(), { name: 'Short-lived', definition: flow });
    const src = await api.request('POST', `/v1/properties/${propertyId}/sources`, { name: 'Bing' });
    const n = await api.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: '+17205550170',
      sourceId: src.body.id,
      forwardTo: '+17205550111',
      callFlowId: f.id,
    });
    const numbers = `/v1/properties/${propertyId}/tracking-numbers`;
    const byFlow = await api.request('GET', `${numbers}?callFlowId=${f.id}`);
    assert.deepEqual(
      byFlow.body.items.map((x: { number: string }) => x.number),
      ['+17205550170'],
    );
    const bySource = await api.request('GET', `${numbers}?sourceId=${src.body.id}`);
    assert.equal(bySource.body.items.length, 1);
    assert.equal((await api.request('GET', `${numbers}/${n.body.id}`)).body.number, '+17205550170');
    assert.equal(
      (await api.request('GET', `/v1/properties/${propertyId}/sources/${src.body.id}`)).body.name,
      'Bing',
    );

    const busy = await api.request('DELETE', `${base()}/${f.id}`);
    assert.equal(busy.status, 409);
    assert.match(busy.body.error.message, /\+17205550170/);
    await api.request('PATCH', `${numbers}/${n.body.id}`, { callFlowId: null });
    assert.equal((await api.request('DELETE', `${base()}/${f.id}`)).status, 204);
    assert.equal((await api.request('GET', `${base()}/${f.id}`)).status, 404);
    assert.equal((await api.request('GET', `${base()}/${f.id}/versions`)).status, 404);
  });

  it('answers 404 for a flow of another property and 400 for a malformed id', async () => {
    const { body } = await api.request('POST', base(), { name: 'Mine', definition: flow });
    const other = await api.request('POST', '/v1/properties', { name: 'Elsewhere', timeZone: 'UTC' });
    const r = await api.request('GET', `/v1/properties/${other.body.id}/call-flows/${body.id}`);
    assert.equal(r.status, 404);
    const m = await api.request('GET', `${base()}/not-a-uuid`);
    assert.equal(m.status, 400);
    assert.equal(m.body.error.fields[0].field, 'flowId');
    const dup = await api.request('POST', base(), { name: 'Mine', definition: flow });
    assert.equal(dup.status, 409);
  });
});
