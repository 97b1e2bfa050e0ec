import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http';
import { createTestAccount, withKey } from '../support/accounts';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const TRACKING = '+16175550150';
const CALLER = '+16175550101';
const UI = 'http://temporal-ui.test:8233';

/**
 * GET /v1/calls/live: a call waiting in a menu for keys is listed with the step it is in, to the
 * keys that reach its property only; and a finished call names its workflow in the Temporal Web UI.
 */
describe('live calls', () => {
  let stack: TestStack;
  let propertyId: string;
  let quietPropertyId: string;
  let otherKey: string;
  let limitedKey: string;
  const get = (path: string, key?: string) =>
    key ? http('GET', `${stack.apiUrl}${path}`, undefined, withKey(key)) : stack.api('GET', path);

  before(async () => {
    process.env.TEMPORAL_UI_URL = `${UI}/`;
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/New_York',
    });
    propertyId = p.body.id;
    const quiet = await stack.api('POST', '/v1/properties', {
      name: 'Quiet Place',
      timeZone: 'America/New_York',
    });
    quietPropertyId = quiet.body.id;
    const base = `/v1/properties/${propertyId}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'Menu',
      definition: {
        initialStepId: 'welcome',
        steps: [
          { id: 'welcome', type: 'greeting', prompt: { kind: 'tts', text: 'Birch Court.' }, next: 'menu' },
          {
            id: 'menu',
            type: 'menu',
            prompt: { kind: 'tts', text: 'Tours, press 1.' },
            options: { '1': 'bye' },
            timeoutSeconds: 30,
            maxRetries: 1,
            fallback: 'bye',
          },
          { id: 'bye', type: 'hangup' },
        ],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: TRACKING,
      sourceId: src.body.id,
      forwardTo: '+16175550111',
      callFlowId: flow.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const limited = await stack.api('POST', '/v1/api-keys', {
      name: 'quiet only',
      propertyIds: [quietPropertyId],
    });
    assert.equal(limited.status, 201, JSON.stringify(limited.body));
    limitedKey = limited.body.key;
    otherKey = (await createTestAccount(stack.apiUrl, 'Other account')).apiKey;
    await http(
      'POST',
      `${stack.apiUrl}/v1/properties`,
      { name: 'Elm Street', timeZone: 'America/Chicago' },
      withKey(otherKey),
    );
  });
  after(async () => {
    delete process.env.TEMPORAL_UI_URL;
    await stack?.stop();
  });

  it('lists a call held in a menu with its current step, to its own account only', async () => {
    const placed = await stack.sim.placeCall({
      from: CALLER,
      to: TRACKING,
      caller: [{ hangup_after_s: 120 }],
    });
    const live = await eventually(
      'the call listed in its menu',
      async () => {
        const res = await get('/v1/calls/live');
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const call = res.body.items.find((c: any) => c.callSessionId === placed.call_session_id);
        return call?.step === 'menu' ? call : undefined;
      },
      15_000,
    );
    const workflowId = `call-${placed.call_session_id}`;
    assert.equal(live.workflowId, workflowId);
    assert.equal(live.propertyId, propertyId);
    assert.equal(live.callerNumber, CALLER);
    assert.equal(live.trackingNumber, TRACKING);
    assert.equal(live.source, 'Zillow');
    assert.equal(live.firstTime, true);
    assert.deepEqual(
      live.path.map((s: any) => s.step),
      ['welcome', 'menu'],
    );
    assert.equal(live.stepSince, live.path[1].at);
    assert.ok(Date.parse(live.startedAt) <= Date.parse(live.stepSince));
    assert.equal(live.temporalUrl, `${UI}/namespaces/default/workflows/${workflowId}/${live.runId}/history`);

    // Narrowed to its property it is there; to another property, or for keys that do not reach it, not.
    const ofProperty = await get(`/v1/calls/live?propertyId=${propertyId}`);
    assert.deepEqual(
      ofProperty.body.items.map((c: any) => c.workflowId),
      [workflowId],
    );
    assert.deepEqual((await get(`/v1/calls/live?propertyId=${quietPropertyId}`)).body.items, []);
    const limited = await get('/v1/calls/live', limitedKey);
    assert.equal(limited.status, 200, JSON.stringify(limited.body));
    assert.deepEqual(limited.body.items, []);
    const other = await get('/v1/calls/live', otherKey);
    assert.equal(other.status, 200, JSON.stringify(other.body));
    assert.deepEqual(other.body.items, []);
    assert.equal((await get(`/v1/calls/live?propertyId=${propertyId}`, otherKey)).status, 404);
    assert.equal((await get('/v1/calls/live?propertyId=nope')).status, 422);

    // Once it ends it is off the list, and its record names the workflow.
    const record = await eventually(
      'call record',
      async () => (await get(`/v1/calls?callSessionId=${placed.call_session_id}`)).body.items[0],
      40_000,
    );
    await eventually(
      'the call off the list',
      async () => ((await get('/v1/calls/live')).body.items.length === 0 ? true : undefined),
      10_000,
    );
    const wf = await get(`/v1/calls/${record.id}/workflow`);
    assert.equal(wf.status, 200, JSON.stringify(wf.body));
    assert.deepEqual(wf.body, {
      workflowId,
      temporalUrl: `${UI}/namespaces/default/workflows/${workflowId}`,
    });
    assert.equal((await get(`/v1/calls/${record.id}/workflow`, otherKey)).status, 404);
  });
});
