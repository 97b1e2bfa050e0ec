import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http';
import { createLeasingDesk } from '../support/agent-desk';
import { maybeRecordHistory } from '../support/histories';
import { openSse, type SseStream } from '../support/sse';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const ANN = 'sip:ann-desk@sip.telnyx.com';
const BOB = '+16175550122';
const TRACKING = '+16175550160';
const PROSPECT = '+16175550177';

/**
 * What a leasing office sees of its agents' calls (issue 15): who is rung, who is recorded as having
 * answered, click-to-calls in the call log, and no needless carrier commands once a leg is gone.
 */
describe('agents’ calls in the call log, reports and ring groups', () => {
  let stack: TestStack;
  let base: string;
  let propertyId: string;
  let token: string;
  let page: SseStream;
  const agentApi = (method: string, path: string, body?: unknown) =>
    http(method, `${stack.apiUrl}${path}`, body, { authorization: `Bearer ${token}` });
  const record = (sessionId: string) =>
    eventually(
      'record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${sessionId}`)).body.items[0],
      30_000,
    );
  /** The carrier commands of a session refused because the leg had already ended (422 90018). */
  const refusedAsGone = (sessionId: string) =>
    stack.sim
      .session(sessionId)!
      .commands.filter((c) => c.status === 422 && c.error_code === '90018')
      .map((c) => c.action);

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', { name: 'Elm Yard', timeZone: 'America/New_York' });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Apartments.com' });
    const flowId = await createLeasingDesk(stack, base, {
      ann: { name: 'Ann', username: 'ann-desk' },
      bobNumber: BOB,
      ringTimeoutSeconds: 15,
    });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: TRACKING,
      sourceId: src.body.id,
      forwardTo: BOB,
      callFlowId: flowId,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
  });

  after(async () => {
    page?.close();
    await stack?.stop();
  });

  it('does not ring a browser agent who never signed in; a phone agent is recorded as who answered', async () => {
    const call = await stack.sim.placeCall({
      from: '+16175550131',
      to: TRACKING,
      caller: [{ press: '2' }, { hangup_after_s: 20 }],
      agents: { [ANN]: { answer_after_s: 1 }, [BOB]: { answer_after_s: 2, hangup_after_s: 3 } },
    });
    const r = await record(call.call_session_id);
    const dialled = stack.sim
      .session(call.call_session_id)!
      .commands.filter((c) => c.action === 'dial')
      .map((c) => (c.body as { to: string }).to);
    assert.deepEqual(dialled, [BOB], 'only Bob was rung: Ann has never opened the agent page');
    assert.deepEqual([r.outcome, r.agentId, r.agentName], ['answered', 'bob', 'Bob']);
  });

  it('records the browser agent who answered, finds the call by agent, names them in the timeline', async () => {
    const link = await stack.api('POST', `${base}/agents/ann/sign-in-links`);
    const session = await http('POST', `${stack.apiUrl}/v1/agent/sessions`, { code: link.body.code });
    token = session.body.token;
    // The agent page is open: its push channel is what makes a browser agent ringable.
    page = await openSse(`${stack.apiUrl}/v1/agent/events?token=${token}`);
    await page.next('presence');
    const call = await stack.sim.placeCall({
      from: '+16175550132',
      to: TRACKING,
      caller: [{ press: '2' }, { hangup_after_s: 30 }],
      agents: { [ANN]: { answer_after_s: 2, hangup_after_s: 4 }, [BOB]: 'no_answer' },
    });
    const r = await record(call.call_session_id);
    // The agent hung up first: the carrier ends the caller's bridged leg itself, nothing to send it.
    await stack.sim.idle();
    assert.deepEqual(refusedAsGone(call.call_session_id), [], 'no command to a leg already gone');
    assert.deepEqual([r.outcome, r.agentId, r.agentName], ['answered', 'ann', 'Ann']);
    await maybeRecordHistory(
      stack.client,
      r.workflowId,
      'agent-calls--browser-agent-answers-and-hangs-up-first',
    );

    const byAgent = await stack.api('GET', `/v1/calls?answeredBy=ann`);
    assert.deepEqual(
      byAgent.body.items.map((c: any) => c.id),
      [r.id],
      '?answeredBy=<agent> finds the agent’s call',
    );
    const summary = await stack.api(
      'GET',
      `/v1/reports/calls/summary?from=2000-01-01&to=2100-01-01&groupBy=agent&propertyId=${propertyId}`,
    );
    assert.deepEqual(summary.body.rows.map((row: any) => [row.key, row.label, row.answered]).sort(), [
      ['ann', 'Ann', 1],
      ['bob', 'Bob', 1],
    ]);
    const timeline = await stack.api('GET', `/v1/calls/${r.id}/timeline`);
    const answered = timeline.body.entries.find((e: any) => e.kind === 'agent_answered');
    assert.match(answered.summary, /^Ann answered/, JSON.stringify(answered));
  });

  it('lists the agent’s click-to-call in the call log (direction filter, CSV), not in the reports', async () => {
    stack.sim.setDefaultAgents({
      [ANN]: { answer_after_s: 1 },
      [PROSPECT]: { answer_after_s: 1, hangup_after_s: 3 },
    });
    const placed = await agentApi('POST', '/v1/agent/calls', { to: PROSPECT, callerId: TRACKING });
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const outbound = await eventually(
      'outbound call in the agent’s recent calls',
      async () =>
        (await agentApi('GET', '/v1/agent/calls')).body.items.find((c: any) => c.direction === 'outbound'),
      30_000,
    );
    const ids = async (query: string) =>
      (await stack.api('GET', `/v1/calls${query}`)).body.items.map((c: any) => c.id as string);
    assert.ok((await ids('')).includes(outbound.callId), 'in the call log');
    assert.ok((await ids(`?propertyId=${propertyId}`)).includes(outbound.callId), 'with propertyId');
    assert.deepEqual(await ids('?direction=outbound'), [outbound.callId]);
    assert.ok(!(await ids('?direction=inbound')).includes(outbound.callId));
    const bad = await stack.api('GET', '/v1/calls?direction=sideways');
    assert.equal(bad.status, 422);
    assert.match(JSON.stringify(bad.body), /direction/);
    const csv = await fetch(`${stack.apiUrl}/v1/calls?format=csv&direction=outbound`, {
      headers: { authorization: `Bearer ${stack.apiKey}` },
    });
    const lines = (await csv.text()).trim().split('\n');
    assert.equal(lines.length, 2, 'header and the outbound call');
    assert.match(lines[1], new RegExp(outbound.callId));

    const full = await stack.api('GET', `/v1/calls/${outbound.callId}`);
    assert.deepEqual(
      [full.body.direction, full.body.agentId, full.body.agentName],
      ['outbound', 'ann', 'Ann'],
    );
    const totals = await stack.api(
      'GET',
      `/v1/reports/calls/summary?from=2000-01-01&to=2100-01-01&propertyId=${propertyId}`,
    );
    assert.equal(totals.body.totals.calls, 2, 'reports count the two inbound calls only');
    await stack.sim.idle();
    assert.deepEqual(refusedAsGone(full.body.callSessionId), [], 'no command to a leg already gone');
    await maybeRecordHistory(
      stack.client,
      full.body.workflowId,
      'agent-calls--click-to-call-callee-hangs-up',
    );
  });
});
