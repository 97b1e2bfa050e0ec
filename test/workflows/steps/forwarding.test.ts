import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeCallSteps } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import { AGENTS, CALLER, PROPERTY_ID, TRACKING_NUMBER, trackedNumber } from '../support/test-property';

const caller = { from: CALLER, to: TRACKING_NUMBER };
const greeting = { kind: 'tts', text: 'Thanks for calling Maple Ridge.', voice: 'female' } as const;

/** A number without a call flow: its greeting, then its forwarding number. */
describeCallSteps('plain forwarding', (placeCall) => {
  it('plays the greeting, rings the forwarding number and connects the caller', async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ greeting, forwardTo: AGENTS.ann, ringTimeoutSecs: 2 }),
      agents: { [AGENTS.ann]: { answerAfterMs: 1000 } },
      talkMs: 1500,
    });
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      'speakText caller',
      `dialAgent ${AGENTS.ann}`,
      `connect ${AGENTS.ann}`,
    ]);
    assert.deepEqual(run.commands[1].args[1], {
      text: greeting.text,
      voice: 'female',
      state: { wf: run.workflowId, role: 'caller', tag: 'greeting' },
    });
    // The forwarding number sees the tracking number, and rings as long as the number says.
    assert.deepEqual(run.commands[2].args[0], {
      to: AGENTS.ann,
      from: TRACKING_NUMBER,
      linkTo: run.commands[0].args[0],
      timeoutSecs: 2,
      state: { wf: run.workflowId, role: 'agent', tag: 'forward' },
    });
    const r = run.record;
    assert.equal(r.outcome, 'answered');
    assert.equal(r.answeredBy, AGENTS.ann);
    assert.deepEqual(run.path, ['greeting', 'forward', 'connected']);
    assert.equal(r.propertyId, PROPERTY_ID);
    assert.equal(r.sourceName, 'Zillow');
    assert.equal(r.callFlowId, null);
    const talkMs = Date.parse(r.endedAt) - Date.parse(r.answeredAt!);
    assert.ok(talkMs >= 1500, `talk ${talkMs} ms`);
    assert.deepEqual(run.result, { outcome: 'answered', path: ['greeting', 'forward', 'connected'] });
    assert.equal(run.announcements.started.length, 1);
    assert.equal(run.announcements.started[0].from, CALLER);
    assert.deepEqual(run.announcements.finished, [run.workflowId]);
  });

  it('ends the call when the agent hangs up first', async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ forwardTo: AGENTS.ann }),
      agents: { [AGENTS.ann]: { answerAfterMs: 300, hangUpAfterMs: 800 } },
      talkMs: 10_000,
    });
    // The carrier ends the caller's leg with the agent's: nothing is left to hang up.
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      `dialAgent ${AGENTS.ann}`,
      `connect ${AGENTS.ann}`,
    ]);
    assert.equal(run.callerLeftAt, undefined);
    assert.equal(run.record.outcome, 'answered');
    const talkMs = Date.parse(run.record.endedAt) - Date.parse(run.record.answeredAt!);
    assert.ok(talkMs >= 800 && talkMs < 10_000, `talk ${talkMs} ms`);
  });

  it('hangs up on the caller when nobody answers', async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ greeting, forwardTo: AGENTS.ann, ringTimeoutSecs: 1 }),
      agents: { [AGENTS.ann]: 'no_answer' },
    });
    const lines = commandLines(run.commands);
    assert.deepEqual(lines.slice(0, 3), ['answerCall caller', 'speakText caller', `dialAgent ${AGENTS.ann}`]);
    assert.ok(!lines.some((l) => l.startsWith('connect')), lines.join(', '));
    assert.equal(lines.at(-1), 'hangupCall caller');
    assert.equal(run.callerLeftAt, undefined, 'the call hung up on the caller');
    assert.equal(run.record.outcome, 'no_answer');
    assert.equal(run.record.answeredBy, null);
    assert.deepEqual(run.path, ['greeting', 'forward']);
  });

  it('gives up on a busy forwarding number at once, without a greeting when the number has none', async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ forwardTo: AGENTS.bob, ringTimeoutSecs: 2 }),
      agents: { [AGENTS.bob]: 'busy' },
    });
    const lines = commandLines(run.commands);
    assert.deepEqual(lines.slice(0, 2), ['answerCall caller', `dialAgent ${AGENTS.bob}`]);
    assert.equal(lines.at(-1), 'hangupCall caller');
    // Busy ends the ring: the caller is not kept for the ring timeout.
    assert.ok(run.commands.at(-1)!.at < 2000, `hung up after ${run.commands.at(-1)!.at} ms`);
    assert.equal(run.record.outcome, 'no_answer');
    assert.deepEqual(run.path, ['forward']);
  });

  it('rejects a call to an unknown number and still records it', async () => {
    const run = await placeCall({ ...caller, number: { known: false } });
    assert.deepEqual(commandLines(run.commands), ['rejectCall caller']);
    assert.equal(run.record.outcome, 'rejected');
    assert.equal(run.record.propertyId, null);
    assert.deepEqual(run.path, ['reject']);
    assert.equal(run.record.hangupCause, 'call_rejected');
    // Nobody subscribes to a number nobody owns.
    assert.deepEqual(run.announcements.started, []);
    assert.deepEqual(run.announcements.finished, []);
  });
});
