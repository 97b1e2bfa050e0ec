import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestAccount } from '../support/accounts';
import { http } from '../support/http';
import { maybeRecordHistory } from '../support/histories';
import { openSse, type SseStream } from '../support/sse';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const ANN = 'sip:ann-rec@sip.telnyx.com';
const BOB = '+16175550422';
const RECORDED = '+16175550460';
const QUIET = '+16175550461';
const DISCLOSURE = 'This call may be recorded for quality and training.';

/**
 * Recording disclosure and pauses on the real stack, the simulator as the carrier: a recording
 * flow's caller hears the disclosure before record_start reaches the carrier, and the browser agent
 * who answers pauses the recording (a card number read aloud) and resumes it through the agent api;
 * the record, the timeline and the carrier's recording all say so.
 */
describe('recording disclosure and pauses end to end', () => {
  let stack: TestStack;
  let base: string;
  let token: string;
  let page: SseStream;
  const agentApi = (method: string, path: string, t = token) =>
    http(method, `${stack.apiUrl}${path}`, undefined, { authorization: `Bearer ${t}` });
  const record = (sessionId: string) =>
    eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${sessionId}`)).body.items[0],
      30_000,
    );
  const timelineOf = async (callId: string): Promise<string[]> =>
    (await stack.api('GET', `/v1/calls/${callId}/timeline`)).body.entries.map(
      (e: { summary: string }) => e.summary,
    );
  /** The Telnyx actions the carrier carried out for the call, in order. */
  const actions = (sessionId: string) =>
    stack.sim.session(sessionId)!.commands.filter((c) => !c.duplicate && c.status < 300);

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', { name: 'Linden Row', timeZone: 'America/New_York' });
    base = `/v1/properties/${p.body.id}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Apartments.com' });
    await stack.api('POST', `${base}/agents`, {
      id: 'ann',
      name: 'Ann',
      endpoint: { kind: 'webrtc', username: 'ann-rec' },
    });
    await stack.api('POST', `${base}/agents`, {
      id: 'bob',
      name: 'Bob',
      endpoint: { kind: 'phone', number: BOB },
    });
    const group = await stack.api('POST', `${base}/ring-groups`, {
      id: 'leasing',
      name: 'Leasing',
      strategy: 'simultaneous',
      members: [{ agentId: 'ann' }, { agentId: 'bob' }],
      agentRingTimeoutSeconds: 15,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const flow = async (name: string, definition: Record<string, unknown>) => {
      const f = await stack.api('POST', `${base}/call-flows`, {
        name,
        definition: {
          initialStepId: 'leasing',
          steps: [{ id: 'leasing', type: 'ring_group', ringGroupId: 'leasing' }],
          ...definition,
        },
      });
      assert.equal(f.status, 201, JSON.stringify(f.body));
      return f.body.id as string;
    };
    const recorded = await flow('Leasing, recorded', {
      recording: true,
      recordingDisclosure: { kind: 'tts', text: DISCLOSURE },
    });
    const quiet = await flow('Leasing, not recorded', { recording: false });
    for (const [number, callFlowId] of [
      [RECORDED, recorded],
      [QUIET, quiet],
    ]) {
      const n = await stack.api('POST', `${base}/tracking-numbers`, {
        number,
        sourceId: src.body.id,
        forwardTo: BOB,
        callFlowId,
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
    }
    const link = await stack.api('POST', `${base}/agents/ann/sign-in-links`);
    token = (await http('POST', `${stack.apiUrl}/v1/agent/sessions`, { code: link.body.code })).body.token;
    // The agent page is open: its push channel is what makes a browser agent ringable.
    page = await openSse(`${stack.apiUrl}/v1/agent/events?token=${token}`);
    await page.next('presence');
  });

  /** A signed-in agent of another account, in a property of their own. */
  const strangerToken = async (): Promise<string> => {
    const other = await createTestAccount(stack.apiUrl, 'Another leasing company');
    const as = { authorization: `Bearer ${other.apiKey}` };
    const p = await http('POST', `${stack.apiUrl}/v1/properties`, { name: 'Elsewhere', timeZone: 'UTC' }, as);
    await http(
      'POST',
      `${stack.apiUrl}/v1/properties/${p.body.id}/agents`,
      { id: 'zed', name: 'Zed', endpoint: { kind: 'webrtc', username: 'zed-elsewhere' } },
      as,
    );
    const link = await http(
      'POST',
      `${stack.apiUrl}/v1/properties/${p.body.id}/agents/zed/sign-in-links`,
      undefined,
      as,
    );
    return (await http('POST', `${stack.apiUrl}/v1/agent/sessions`, { code: link.body.code })).body.token;
  };

  after(async () => {
    page?.close();
    await stack?.stop();
  });

  it('plays the disclosure to the caller before the carrier is told to record', async () => {
    const call = await stack.sim.placeCall({
      from: '+16175550401',
      to: RECORDED,
      caller: [{ hangup_after_s: 120 }],
      agents: { [ANN]: { answer_after_s: 2, hangup_after_s: 6 }, [BOB]: 'no_answer' },
    });
    const r = await record(call.call_session_id);
    const done = actions(call.call_session_id);
    const order = done.map((c) => c.action);
    const speak = order.indexOf('speak');
    assert.ok(speak > order.indexOf('answer'), order.join(', '));
    assert.ok(
      speak < order.indexOf('dial'),
      `the disclosure plays before anyone is rung: ${order.join(', ')}`,
    );
    assert.ok(order.indexOf('record_start') > speak, order.join(', '));
    assert.equal((done[speak].body as { payload: string }).payload, DISCLOSURE);

    assert.deepEqual([r.outcome, r.agentName, r.disclosurePlayed], ['answered', 'Ann', true]);
    assert.ok(Date.parse(r.disclosurePlayedAt) <= Date.parse(r.recordingStartedAt), JSON.stringify(r));
    const told = await timelineOf(r.id);
    const played = told.findIndex((s) => s.startsWith('Recording disclosure played'));
    assert.ok(played >= 0, told.join('\n'));
    assert.ok(told.indexOf('Recording started') > played, told.join('\n'));
  });

  it('lets the agent pause and resume the recording from the agent api; record, timeline and carrier agree', async () => {
    assert.equal(
      (await agentApi('POST', '/v1/agent/current-call/recording/pause')).status,
      409,
      'not on a call',
    );
    assert.equal(
      (await agentApi('POST', '/v1/agent/current-call/recording/pause', stack.apiKey)).status,
      401,
      'an API key is no agent',
    );
    const call = await stack.sim.placeCall({
      from: '+16175550402',
      to: RECORDED,
      caller: [{ hangup_after_s: 200 }],
      agents: { [ANN]: { answer_after_s: 2, hangup_after_s: 80 }, [BOB]: 'no_answer' },
    });
    const ringing = await page.next('ringing', (d) => d.callSessionId === call.call_session_id);
    assert.equal(ringing.recording, true, 'the page knows the call is recorded');
    await page.next('connected', (d) => d.callControlId === ringing.callControlId);
    // An agent of another account has no call of theirs to pause: Ann's is out of their reach.
    const stranger = await strangerToken();
    const theirs = await agentApi('POST', '/v1/agent/current-call/recording/pause', stranger);
    assert.equal(theirs.status, 409, JSON.stringify(theirs.body));
    // The recording starts a moment after the bridge the page was told of.
    const paused = await eventually(
      'pause',
      async () => {
        const p = await agentApi('POST', '/v1/agent/current-call/recording/pause');
        return p.status === 200 ? p.body : undefined;
      },
      10_000,
    );
    assert.equal(paused.state, 'paused');
    const again = await agentApi('POST', '/v1/agent/current-call/recording/pause');
    assert.deepEqual([again.status, again.body.state, again.body.pauses.length], [200, 'paused', 1]);
    const resumed = await agentApi('POST', '/v1/agent/current-call/recording/resume');
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.equal(resumed.body.state, 'recording');

    const r = await record(call.call_session_id);
    // Ann's one pause, nobody else's.
    assert.equal(r.recordingPauses.length, 1, JSON.stringify(r.recordingPauses));
    const [pause] = r.recordingPauses;
    assert.deepEqual([pause.agentId, pause.agentName], ['ann', 'Ann']);
    assert.ok(Date.parse(pause.pausedAt) >= Date.parse(r.recordingStartedAt));
    assert.ok(Date.parse(pause.resumedAt) >= Date.parse(pause.pausedAt));
    const told = await timelineOf(r.id);
    const started = told.indexOf('Recording started');
    const byAnn = told.indexOf('Recording paused by Ann');
    assert.ok(started >= 0 && byAnn > started, told.join('\n'));
    assert.ok(told.indexOf('Recording resumed') > byAnn, told.join('\n'));

    // The carrier paused the one recording it made, and resumed it.
    await stack.sim.idle();
    const callerLeg = stack.sim.session(call.call_session_id)!.legs[0];
    assert.equal(callerLeg.recordings.length, 1);
    assert.equal(callerLeg.recordings[0].paused.length, 1);
    assert.notEqual(
      callerLeg.recordings[0].paused[0].to,
      callerLeg.recordings[0].ended_at,
      'resumed before the end',
    );
    const order = actions(call.call_session_id).map((c) => c.action);
    assert.ok(order.indexOf('record_pause') > order.indexOf('record_start'), order.join(', '));
    assert.ok(order.indexOf('record_resume') > order.indexOf('record_pause'), order.join(', '));
    await maybeRecordHistory(stack.client, r.workflowId, 'recording-disclosure--disclosure-and-a-pause');
  });

  it('refuses a pause on a call that is not recorded (409), and sends the carrier nothing', async () => {
    const call = await stack.sim.placeCall({
      from: '+16175550403',
      to: QUIET,
      caller: [{ hangup_after_s: 200 }],
      agents: { [ANN]: { answer_after_s: 2, hangup_after_s: 30 }, [BOB]: 'no_answer' },
    });
    const ringing = await page.next('ringing', (d) => d.callSessionId === call.call_session_id);
    assert.equal(ringing.recording, false);
    await page.next('connected', (d) => d.callControlId === ringing.callControlId);
    const refused = await agentApi('POST', '/v1/agent/current-call/recording/pause');
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.match(refused.body.error.message, /not being recorded/);
    const r = await record(call.call_session_id);
    assert.deepEqual([r.recordingPauses, r.disclosurePlayed, r.recordingStartedAt], [[], null, null]);
    assert.ok(!actions(call.call_session_id).some((c) => /^record_/.test(c.action)));
  });
});
