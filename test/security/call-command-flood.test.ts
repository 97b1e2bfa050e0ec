import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CALL_COMMAND_BUDGET, callWorkflowId } from '@switchboard/contracts';
import { maybeRecordHistory } from '../support/histories';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const menu = (id: string, options: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'menu',
  prompt: { kind: 'tts', text: `Menu ${id}.` },
  options,
  timeoutSeconds: 1,
  maxRetries: 0,
  fallback: 'bye',
  ...extra,
});

/** main (1 → sub) and sub (9 → main, 1 → hours): a caller can go back and forth between them. */
const backAndForth = {
  initialStepId: 'main',
  recording: false,
  steps: [
    menu('main', { '1': 'sub' }),
    menu('sub', { '9': 'main', '1': 'hours' }),
    { id: 'hours', type: 'hangup', message: { kind: 'tts', text: 'We are open nine to five.' } },
    { id: 'bye', type: 'hangup' },
  ],
};

/** Agents of the looping flow's ring group: all busy, so each ring ends at once. */
const DESK = Array.from({ length: 20 }, (_, i) => `+1312555${String(300 + i).padStart(4, '0')}`);

/**
 * A menu whose wrong key leads to a ring group of twenty agents, which leads back to the menu when
 * nobody answers: each time round, one prompt, twenty dials and twenty hangups.
 */
const ringLoop = {
  initialStepId: 'front',
  recording: false,
  steps: [
    menu('front', { '1': 'bye' }, { fallback: 'desk' }),
    { id: 'desk', type: 'ring_group', ringGroupId: 'desk', noAnswer: 'front' },
    { id: 'bye', type: 'hangup' },
  ],
};

/** The most commands the carrier received from one call within any one second (by arrival). */
function busiestSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j] - t[i] >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

/**
 * A caller (or a flow) must not be able to turn one call into a burst of carrier commands: menus
 * re-entered take fresh input, and a call's commands are bounded per second and in total.
 */
describe('carrier commands one call can cause', () => {
  let stack: TestStack;
  let base: string;
  let sourceId: string;
  before(async () => {
    // A tenfold clock: menus time out and agents refuse as quickly as the stack can turn them around.
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Quarry Lofts',
      timeZone: 'America/Chicago',
    });
    base = `/v1/properties/${p.body.id}`;
    sourceId = (await stack.api('POST', `${base}/sources`, { name: 'Direct' })).body.id;
  });
  after(async () => {
    await stack?.stop();
  });

  async function numberWithFlow(number: string, definition: unknown): Promise<void> {
    const f = await stack.api('POST', `${base}/call-flows`, { name: number, definition });
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number,
      sourceId,
      forwardTo: '+13125550111',
      callFlowId: f.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
  }

  const recordOf = (session: string) =>
    eventually(
      `record of ${session}`,
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${session}`)).body.items[0],
      90_000,
    );

  it('a menu entered again waits for new keys: 1, 9, 1, 1 goes main, sub, main, sub, hours', async () => {
    await numberWithFlow('+13125550140', backAndForth);
    const placed = await stack.sim.placeCall({
      from: '+13125550100',
      to: '+13125550140',
      caller: [{ press: '1' }, { press: '9' }, { press: '1' }, { press: '1' }, { hangup_after_s: 30 }],
    });
    const call = await recordOf(placed.call_session_id);
    assert.deepEqual(
      call.path.map((p: { step: string }) => p.step),
      ['main', 'sub', 'main', 'sub', 'hours'],
    );
    const gathers = stack.sim
      .session(placed.call_session_id)!
      .commands.filter((c) => c.action.startsWith('gather'));
    assert.equal(gathers.length, 4, 'one prompt per menu visit');

    // The call's story names each menu the caller pressed at, old tags and new alike.
    const detail = await stack.api('GET', `/v1/calls/${call.id}/timeline`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    const inputs = detail.body.entries.filter((e: { kind: string }) => e.kind === 'menu_input');
    assert.deepEqual(
      inputs.map((e: { menu: string; digits: string }) => `${e.menu}:${e.digits}`),
      ['main:1', 'sub:9', 'main:1', 'sub:1'],
    );
    await maybeRecordHistory(
      stack.client,
      callWorkflowId(placed.call_session_id),
      'menu-loops--a-menu-entered-again-waits-for-new-keys',
    );
  });

  it(`a looping flow never sends more than ${CALL_COMMAND_BUDGET.perSecond} commands a second and ends at ${CALL_COMMAND_BUDGET.perCall}`, async () => {
    for (const [i, number] of DESK.entries()) {
      const a = await stack.api('POST', `${base}/agents`, {
        id: `desk-${i}`,
        name: `Desk ${i}`,
        endpoint: { kind: 'phone', number },
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
    }
    const g = await stack.api('POST', `${base}/ring-groups`, {
      id: 'desk',
      name: 'Desk',
      strategy: 'simultaneous',
      members: DESK.map((_, i) => ({ agentId: `desk-${i}` })),
      agentRingTimeoutSeconds: 10,
      skipUnavailable: false,
      callerHears: { kind: 'ringback' },
    });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    await numberWithFlow('+13125550141', ringLoop);
    const placed = await stack.sim.placeCall({
      from: '+13125550101',
      to: '+13125550141',
      // Always the wrong key, at once: the menu sends the caller to the ring group every time.
      caller: Array.from({ length: 200 }, () => ({ press: '7', after_s: 0 })),
      agents: Object.fromEntries(DESK.map((n) => [n, 'busy' as const])),
    });
    const call = await recordOf(placed.call_session_id);
    const commands = stack.sim.session(placed.call_session_id)!.commands.filter((c) => !c.duplicate);
    const busiest = busiestSecond(commands.map((c) => c.t_ms));
    assert.ok(
      busiest <= CALL_COMMAND_BUDGET.perSecond,
      `${busiest} commands within one second (bound ${CALL_COMMAND_BUDGET.perSecond})`,
    );
    // The budget spent, the call is hung up (one last command) and says why.
    assert.ok(
      commands.length <= CALL_COMMAND_BUDGET.perCall + 1,
      `${commands.length} commands (bound ${CALL_COMMAND_BUDGET.perCall})`,
    );
    assert.equal(commands.at(-1)!.action, 'hangup');
    const last = call.path.at(-1);
    assert.equal(
      last.step,
      'error',
      `${call.outcome} (${call.hangupCause}) after ${commands.length} commands: ${JSON.stringify(call.path.slice(-3))}`,
    );
    assert.match(last.detail, /carrier commands/);
  });
});
