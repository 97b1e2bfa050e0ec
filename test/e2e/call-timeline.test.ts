import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const ANN = '+16175550111';
const BOB = '+16175550112';

describe('call timeline of a live call', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
  });
  after(async () => {
    await stack?.stop();
  });

  it('shows the key pressed, both agents rung with their ring times, who answered and the outcome', async () => {
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Birch Court',
      timeZone: 'America/New_York',
    });
    const base = `/v1/properties/${p.body.id}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    for (const [name, number] of [
      ['Ann', ANN],
      ['Bob', BOB],
    ]) {
      const a = await stack.api('POST', `${base}/agents`, { name, endpoint: { kind: 'phone', number } });
      assert.equal(a.status, 201, JSON.stringify(a.body));
    }
    const group = await stack.api('POST', `${base}/ring-groups`, {
      name: 'Leasing',
      strategy: 'sequential',
      members: [{ agentId: 'ann', ringTimeoutSeconds: 5 }, { agentId: 'bob' }],
      agentRingTimeoutSeconds: 15,
      skipUnavailable: true,
      callerHears: { kind: 'ringback' },
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'Main',
      definition: {
        initialStepId: 'welcome',
        steps: [
          { id: 'welcome', type: 'greeting', prompt: { kind: 'tts', text: 'Birch Court.' }, next: 'menu' },
          {
            id: 'menu',
            type: 'menu',
            prompt: { kind: 'tts', text: 'Tours, press 1. Leasing, press 2.' },
            options: { '1': 'leasing', '2': 'leasing' },
            timeoutSeconds: 5,
            maxRetries: 1,
            fallback: 'leasing',
          },
          { id: 'leasing', type: 'ring_group', ringGroupId: 'leasing' },
        ],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+16175550150',
      sourceId: src.body.id,
      forwardTo: ANN,
      callFlowId: flow.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));

    const call = await stack.sim.placeCall({
      from: '+16175550101',
      to: '+16175550150',
      caller: [{ press: '2' }, { hangup_after_s: 20 }],
      agents: { [ANN]: 'no_answer', [BOB]: { answer_after_s: 2 } },
    });
    const record = await eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${call.call_session_id}`)).body.items[0],
      30_000,
    );

    const res = await stack.api('GET', `/v1/calls/${record.id}/timeline`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { callId, entries, legs } = res.body;
    assert.equal(callId, record.id);
    const of = (kind: string) => entries.filter((e: any) => e.kind === kind);

    // Came in from Zillow, then the menu: the caller pressed 2.
    assert.equal(entries[0].kind, 'call_received');
    assert.match(entries[0].summary, /^Call from \+16175550101 to \+16175550150; source Zillow/);
    const [menu] = of('menu_input');
    assert.deepEqual([menu.menu, menu.digits, menu.status], ['menu', '2', 'valid']);
    assert.equal(menu.summary, 'Caller pressed 2 at menu "menu"');
    assert.deepEqual(
      of('step').map((s: any) => [s.step, s.detail]),
      [
        ['welcome', null],
        ['menu', 'pressed 2'],
        ['leasing', 'sequential: ann → bob'],
        ['connected', BOB],
      ],
    );

    // Ann rang out (5 s, her ring timeout), Bob answered after 2 s and talked until the caller left.
    assert.deepEqual(
      legs.map((l: any) => [l.to, l.answered, l.connected, l.hangupCause]),
      [
        [ANN, false, false, 'timeout'],
        [BOB, true, true, 'normal_clearing'],
      ],
    );
    const [ann, bob] = legs;
    assert.equal(ann.ringSecs, 5);
    // Agents are named; `to` keeps where they were rung.
    assert.equal(ann.summary, 'Ann rang 5 s, not answered (no answer in time)');
    assert.equal(bob.ringSecs, 2);
    assert.ok(bob.talkSecs >= 19 && bob.talkSecs <= 21, `talked ${bob.talkSecs} s`);
    assert.ok(Date.parse(ann.endedAt) <= Date.parse(bob.ringStartedAt), 'sequential: Bob rang after Ann');
    assert.deepEqual(
      of('agent_ringing').map((e: any) => e.to),
      [ANN, BOB],
    );
    assert.equal(of('agent_answered')[0].summary, 'Bob answered after 2 s');
    assert.equal(of('connected')[0].to, BOB);

    // The caller hung up; the outcome closes the list.
    assert.equal(of('caller_hangup')[0].hangupSource, 'caller');
    const outcome = entries.at(-1);
    assert.deepEqual([outcome.kind, outcome.outcome, outcome.answeredBy], ['outcome', 'answered', BOB]);
    assert.match(outcome.summary, /^Answered by Bob; call lasted \d+ s$/);
    for (let i = 1; i < entries.length - 1; i++)
      assert.ok(Date.parse(entries[i - 1].at) <= Date.parse(entries[i].at), `entry ${i} in order`);

    // Every webhook the carrier sent for the call is in the timeline exactly once.
    const detail = await stack.api('GET', `/v1/calls/${record.id}`);
    const told = entries.flatMap((e: any) => e.events.map((r: any) => r.id)).sort();
    assert.deepEqual(told, detail.body.events.map((e: any) => e.id).sort());
  });
});
