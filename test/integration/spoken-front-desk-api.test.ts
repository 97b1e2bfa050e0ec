import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/** A spoken front desk that falls back to a key menu. */
const flow = {
  initialStepId: 'desk',
  recording: false,
  steps: [
    {
      id: 'desk',
      type: 'ask',
      label: 'Spoken front desk',
      prompt: { kind: 'tts', text: 'How can we help: leasing, maintenance or an emergency?' },
      fields: [
        {
          name: 'intent',
          description: 'What the caller needs.',
          values: ['leasing', 'maintenance', 'emergency'],
          synonyms: { maintenance: ['leak', 'repair'] },
          required: true,
        },
        { name: 'unit', description: 'The apartment number.' },
      ],
      routes: [
        { label: 'Emergency', when: { intent: 'emergency' }, next: 'on_call' },
        { when: { intent: 'maintenance' }, next: 'maintenance' },
      ],
      fallback: 'menu',
      timeoutSeconds: 8,
    },
    {
      id: 'menu',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Leasing press 1, maintenance press 2.' },
      options: { '1': 'leasing', '2': 'maintenance' },
      timeoutSeconds: 5,
      maxRetries: 0,
      fallback: 'leasing',
    },
    { id: 'on_call', type: 'forward', to: '+17205550199', timeoutSeconds: 20, callerId: 'caller' },
    { id: 'maintenance', type: 'forward', to: '+17205550122', timeoutSeconds: 20, callerId: 'caller' },
    { id: 'leasing', type: 'forward', to: '+17205550111', timeoutSeconds: 20, callerId: 'caller' },
  ],
};

const withDesk = (change: Record<string, unknown>) => ({
  ...flow,
  steps: flow.steps.map((s) => (s.id === 'desk' ? { ...s, ...change } : s)),
});

describe('call flows API: the spoken front desk step', () => {
  let api: ApiOnly;
  let v1: ApiOnly;
  let propertyId: string;
  before(async () => {
    api = await startApiOnly();
    const p = await api.request('POST', '/v1/properties', {
      name: 'Elm Terrace',
      timeZone: 'America/New_York',
    });
    propertyId = p.body.id;
  });
  after(async () => {
    await api?.stop();
    await v1?.stop();
  });
  const base = () => `/v1/properties/${propertyId}/call-flows`;

  it('saves it, and reads it back as saved', async () => {
    const created = await api.request('POST', base(), { name: 'Front desk', definition: flow });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.definition.steps[0], flow.steps[0]);
    const diagram = await api.request('GET', `${base()}/${created.body.id}/diagram`);
    assert.match(diagram.body.mermaid, /intent=emergency/);
  });

  for (const c of [
    {
      name: 'a route on a value the field does not have',
      definition: withDesk({ routes: [{ when: { intent: 'sales' }, next: 'leasing' }] }),
      field: 'definition.steps[0].routes[0].when.intent',
      message: /sales/,
    },
    {
      name: 'a route on a field the step does not ask for',
      definition: withDesk({
        routes: [
          { when: { intent: 'emergency' }, next: 'on_call' },
          { when: { mood: 'angry' }, next: 'maintenance' },
        ],
      }),
      field: 'definition.steps[0].routes[1].when.mood',
      message: /mood/,
    },
    {
      name: 'a field name the carrier cannot answer with',
      definition: withDesk({ fields: [{ name: 'What?', description: 'x' }], routes: [] }),
      field: 'definition.steps[0].fields[0].name',
      message: /lower-case/,
    },
    {
      name: 'an audio question',
      definition: withDesk({ prompt: { kind: 'audio', audioId: 'hello' } }),
      field: 'definition.steps[0].prompt',
      message: /text prompt/,
    },
  ]) {
    it(`refuses ${c.name} with 422 naming the field`, async () => {
      const r = await api.request('POST', base(), { name: `Bad: ${c.name}`, definition: c.definition });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      const fields = r.body.error.fields as { field: string; message: string }[];
      assert.ok(
        fields.some((f) => f.field === c.field && c.message.test(f.message)),
        JSON.stringify(fields),
      );
    });
  }

  it('dry-runs typed phrases: understood, routed, or falling back to the key menu', async () => {
    const { body } = await api.request('POST', base(), { name: 'Dry run', definition: flow });
    const sim = (payload: object) => api.request('POST', `${base()}/${body.id}/simulate`, payload);

    const leak = await sim({ say: ['my sink is leaking in unit 4B'] });
    assert.equal(leak.status, 200, JSON.stringify(leak.body));
    assert.deepEqual(leak.body.path, ['desk', 'maintenance', 'connected']);
    assert.deepEqual(leak.body.trace[0], {
      kind: 'ask',
      stepId: 'desk',
      said: 'my sink is leaking in unit 4B',
      outcome: {
        kind: 'route',
        routeIndex: 1,
        stepId: 'maintenance',
        understood: { intent: 'maintenance', unit: '4B' },
      },
    });

    const gibberish = await sim({ say: ['blorp fizzle'], keypresses: ['2'] });
    assert.deepEqual(gibberish.body.path, ['desk', 'menu', 'maintenance', 'connected']);
    const silent = await sim({ say: [''], keypresses: ['1'] });
    assert.deepEqual(silent.body.path, ['desk', 'menu', 'leasing', 'connected']);

    const bad = await sim({ say: 'emergency' });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.error.fields.map((f: { field: string }) => f.field),
      ['say'],
    );
  });

  it('is refused while call engine v1 runs the calls, which cannot run it', async () => {
    v1 = await startApiOnly({ CALL_ENGINE: 'v1' });
    delete process.env.CALL_ENGINE;
    const p = await v1.request('POST', '/v1/properties', {
      name: 'Old engine',
      timeZone: 'America/New_York',
    });
    const r = await v1.request('POST', `/v1/properties/${p.body.id}/call-flows`, {
      name: 'Desk',
      definition: flow,
    });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.error.fields.map((f: { field: string }) => f.field),
      ['definition.steps[0].type'],
    );
    assert.match(r.body.error.fields[0].message, /engine v2/);
  });
});
