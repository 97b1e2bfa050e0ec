import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { wavFile } from '../support/audio';

const DISCLOSURE = { kind: 'tts', text: 'This call may be recorded.' };

/** A flow forwarding to one number; records unless told otherwise. */
const forwardFlow = (over: Record<string, unknown> = {}) => ({
  initialStepId: 'leasing',
  recording: true,
  steps: [{ id: 'leasing', type: 'forward', to: '+15035550111', timeoutSeconds: 20, callerId: 'caller' }],
  ...over,
});

const fieldsOf = (r: { body: any }): string[] =>
  (r.body.error?.fields ?? []).map((f: { field: string }) => f.field);

/**
 * A property's recording disclosure settings through the admin API (PATCH /v1/properties/{id}), on
 * PostgreSQL: the default disclosure and the requirement, what call flows are checked against, and
 * what deletes they hold back.
 */
describe('recording disclosure settings and flows API', () => {
  let api: ApiOnly;
  let v1: ApiOnly | undefined;
  before(async () => {
    api = await startApiOnly();
  });
  after(async () => {
    await v1?.stop();
    await api?.stop();
  });

  const property = async (name = 'Cedar Point') => {
    const p = await api.request('POST', '/v1/properties', { name, timeZone: 'America/Los_Angeles' });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    return `/v1/properties/${p.body.id as string}`;
  };
  const saveFlow = (base: string, name: string, definition: unknown) =>
    api.request('POST', `${base}/call-flows`, { name, definition });
  const uploadAudio = async (base: string, id: string) => {
    const r = await api.request('PUT', `${base}/audio/${id}`, {
      name: id,
      contentType: 'audio/wav',
      contentBase64: wavFile().toString('base64'),
    });
    assert.ok(r.status < 300, JSON.stringify(r.body));
  };

  it('stores the default disclosure and the requirement, and shows them on the property', async () => {
    const base = await property();
    const fresh = await api.request('GET', base);
    assert.deepEqual([fresh.body.recordingDisclosure, fresh.body.requireRecordingDisclosure], [null, false]);
    const set = await api.request('PATCH', base, {
      recordingDisclosure: DISCLOSURE,
      requireRecordingDisclosure: true,
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const got = await api.request('GET', base);
    assert.deepEqual([got.body.recordingDisclosure, got.body.requireRecordingDisclosure], [DISCLOSURE, true]);
    // Other settings change without touching them.
    const renamed = await api.request('PATCH', base, { name: 'Cedar Point West' });
    assert.deepEqual(
      [renamed.body.name, renamed.body.recordingDisclosure, renamed.body.requireRecordingDisclosure],
      ['Cedar Point West', DISCLOSURE, true],
    );
    await uploadAudio(base, 'notice');
    const audio = await api.request('PATCH', base, {
      recordingDisclosure: { kind: 'audio', audioId: 'notice' },
    });
    assert.equal(audio.status, 200, JSON.stringify(audio.body));
    assert.deepEqual(audio.body.recordingDisclosure, { kind: 'audio', audioId: 'notice' });
  });

  const badInputs: { name: string; body: Record<string, unknown>; field: string }[] = [
    {
      name: 'a disclosure that is not a prompt object',
      body: { recordingDisclosure: 'recorded' },
      field: 'recordingDisclosure',
    },
    {
      name: 'a disclosure of an unknown kind',
      body: { recordingDisclosure: { kind: 'video' } },
      field: 'recordingDisclosure',
    },
    {
      name: 'a disclosure with no text',
      body: { recordingDisclosure: { kind: 'tts', text: ' ' } },
      field: 'recordingDisclosure',
    },
    {
      name: 'a disclosure of an audio file the property does not have',
      body: { recordingDisclosure: { kind: 'audio', audioId: 'nope' } },
      field: 'recordingDisclosure',
    },
    {
      name: 'a requirement that is not a boolean',
      body: { requireRecordingDisclosure: 'yes' },
      field: 'requireRecordingDisclosure',
    },
    {
      name: 'a requirement set to null',
      body: { requireRecordingDisclosure: null },
      field: 'requireRecordingDisclosure',
    },
  ];
  for (const c of badInputs) {
    it(`refuses ${c.name} with 422 naming the field, and changes nothing`, async () => {
      const base = await property();
      const r = await api.request('PATCH', base, { ...c.body, name: 'Should not stick' });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.deepEqual(fieldsOf(r), [c.field]);
      const after = await api.request('GET', base);
      assert.deepEqual(
        [after.body.name, after.body.recordingDisclosure, after.body.requireRecordingDisclosure],
        ['Cedar Point', null, false],
      );
    });
  }

  it('warns about a recording flow without a disclosure of its own, naming the flow field', async () => {
    const base = await property();
    const r = await saveFlow(base, 'Leasing', forwardFlow());
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.warnings.map((w: { field: string }) => w.field),
      ['definition.recordingDisclosure'],
    );
    const own = await saveFlow(base, 'Leasing, disclosed', forwardFlow({ recordingDisclosure: DISCLOSURE }));
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.deepEqual(own.body.warnings, []);
    assert.deepEqual(own.body.definition.recordingDisclosure, DISCLOSURE);
    const wrong = await saveFlow(base, 'Broken', forwardFlow({ recordingDisclosure: 'hello' }));
    assert.equal(wrong.status, 422);
    assert.deepEqual(fieldsOf(wrong), ['definition.recordingDisclosure']);
    const gone = await saveFlow(
      base,
      'Gone',
      forwardFlow({ recordingDisclosure: { kind: 'audio', audioId: 'x' } }),
    );
    assert.equal(gone.status, 422);
    assert.deepEqual(fieldsOf(gone), ['definition.recordingDisclosure']);
  });

  it('refuses a recording flow without a disclosure when the property requires one and has no default', async () => {
    const base = await property();
    const req = await api.request('PATCH', base, { requireRecordingDisclosure: true });
    assert.equal(req.status, 200, JSON.stringify(req.body));
    const refused = await saveFlow(base, 'Leasing', forwardFlow());
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.deepEqual(fieldsOf(refused), ['definition.recordingDisclosure']);
    assert.match(refused.body.error.fields[0].message, /requires a recording disclosure/);
    // A flow that does not record, or one with its own disclosure, is fine.
    assert.equal((await saveFlow(base, 'Quiet', forwardFlow({ recording: false }))).status, 201);
    const own = await saveFlow(base, 'Disclosed', forwardFlow({ recordingDisclosure: DISCLOSURE }));
    assert.equal(own.status, 201);
    // Nor is a new version that drops the flow's disclosure allowed.
    const dropped = await api.request('PUT', `${base}/call-flows/${own.body.id}`, {
      definition: forwardFlow(),
    });
    assert.equal(dropped.status, 422);
    assert.deepEqual(fieldsOf(dropped), ['definition.recordingDisclosure']);
    // With a default, the property's disclosure plays for it: saved, with the warning.
    await api.request('PATCH', base, { recordingDisclosure: DISCLOSURE });
    const inherits = await saveFlow(base, 'Leasing', forwardFlow());
    assert.equal(inherits.status, 201, JSON.stringify(inherits.body));
    assert.match(inherits.body.warnings[0].message, /property's default disclosure/);
  });

  it('refuses to require a disclosure, or to drop the default, while a recording flow would have none', async () => {
    const base = await property();
    await saveFlow(base, 'Front desk', forwardFlow());
    await saveFlow(base, 'Quiet line', forwardFlow({ recording: false }));
    const on = await api.request('PATCH', base, { requireRecordingDisclosure: true });
    assert.equal(on.status, 422, JSON.stringify(on.body));
    assert.deepEqual(fieldsOf(on), ['requireRecordingDisclosure']);
    assert.match(on.body.error.fields[0].message, /"Front desk"/);
    assert.doesNotMatch(on.body.error.fields[0].message, /Quiet line/);
    assert.equal((await api.request('GET', base)).body.requireRecordingDisclosure, false);

    // Turned on together with a default: every recording flow has one then.
    const both = await api.request('PATCH', base, {
      requireRecordingDisclosure: true,
      recordingDisclosure: DISCLOSURE,
    });
    assert.equal(both.status, 200, JSON.stringify(both.body));
    const drop = await api.request('PATCH', base, { recordingDisclosure: null });
    assert.equal(drop.status, 422, JSON.stringify(drop.body));
    assert.deepEqual(fieldsOf(drop), ['recordingDisclosure']);
    assert.deepEqual((await api.request('GET', base)).body.recordingDisclosure, DISCLOSURE);
    // Without the requirement the default may go.
    const off = await api.request('PATCH', base, {
      requireRecordingDisclosure: false,
      recordingDisclosure: null,
    });
    assert.equal(off.status, 200, JSON.stringify(off.body));
  });

  it('keeps an audio file a disclosure plays from being deleted (409 naming its user)', async () => {
    const base = await property();
    await uploadAudio(base, 'notice');
    await uploadAudio(base, 'flow-notice');
    await api.request('PATCH', base, { recordingDisclosure: { kind: 'audio', audioId: 'notice' } });
    const flow = await saveFlow(
      base,
      'Leasing',
      forwardFlow({ recordingDisclosure: { kind: 'audio', audioId: 'flow-notice' } }),
    );
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    const byProperty = await api.request('DELETE', `${base}/audio/notice`);
    assert.equal(byProperty.status, 409, JSON.stringify(byProperty.body));
    assert.match(byProperty.body.error.message, /default recording disclosure/);
    const byFlow = await api.request('DELETE', `${base}/audio/flow-notice`);
    assert.equal(byFlow.status, 409);
    assert.match(byFlow.body.error.message, /call flow "Leasing"/);
    await api.request('PATCH', base, { recordingDisclosure: null });
    assert.equal((await api.request('DELETE', `${base}/audio/notice`)).status, 204);
  });

  it('tells in the dry run which disclosure the caller hears first', async () => {
    const base = await property();
    await api.request('PATCH', base, { recordingDisclosure: DISCLOSURE });
    const flow = await saveFlow(base, 'Leasing', forwardFlow());
    const sim = await api.request('POST', `${base}/call-flows/${flow.body.id}/simulate`, {});
    assert.equal(sim.status, 200, JSON.stringify(sim.body));
    assert.deepEqual(sim.body.recordingDisclosure, { prompt: DISCLOSURE, source: 'property' });
    const own = { kind: 'tts', text: 'Leasing calls are recorded.' };
    const unsaved = await api.request('POST', `${base}/call-flows/${flow.body.id}/simulate`, {
      definition: forwardFlow({ recordingDisclosure: own }),
    });
    assert.deepEqual(unsaved.body.recordingDisclosure, { prompt: own, source: 'flow' });
    const quiet = await api.request('POST', `${base}/call-flows/${flow.body.id}/simulate`, {
      definition: forwardFlow({ recording: false }),
    });
    assert.equal(quiet.body.recordingDisclosure, null);
  });

  it("never reads or changes another account's disclosure settings (404, as for a missing property)", async () => {
    const base = await property();
    await api.request('PATCH', base, { recordingDisclosure: DISCLOSURE });
    const other = await createTestAccount(api.url, 'Another account');
    const as = withKey(other.apiKey);
    const patch = await api.request(
      'PATCH',
      base,
      { recordingDisclosure: null, requireRecordingDisclosure: true },
      as,
    );
    assert.equal(patch.status, 404, JSON.stringify(patch.body));
    const read = await api.request('GET', base, undefined, as);
    assert.equal(read.status, 404);
    const mine = await api.request('GET', base);
    assert.deepEqual(
      [mine.body.recordingDisclosure, mine.body.requireRecordingDisclosure],
      [DISCLOSURE, false],
    );
  });

  it('is refused while call engine v1 runs the calls, which plays no disclosure', async () => {
    v1 = await startApiOnly({ CALL_ENGINE: 'v1' });
    delete process.env.CALL_ENGINE;
    const p = await v1.request('POST', '/v1/properties', {
      name: 'Old engine',
      timeZone: 'America/New_York',
    });
    const base = `/v1/properties/${p.body.id as string}`;
    const setting = await v1.request('PATCH', base, { recordingDisclosure: DISCLOSURE });
    assert.equal(setting.status, 422);
    assert.deepEqual(fieldsOf(setting), ['recordingDisclosure']);
    const flow = await v1.request('POST', `${base}/call-flows`, {
      name: 'Leasing',
      definition: forwardFlow({ recordingDisclosure: DISCLOSURE }),
    });
    assert.equal(flow.status, 422);
    assert.deepEqual(fieldsOf(flow), ['definition.recordingDisclosure']);
    assert.match(flow.body.error.fields[0].message, /engine v2/);
  });
});
