import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CarrierEvent } from '@switchboard/contracts';
import type { CallFlow } from '@switchboard/domain';
import { TEST_TIMING, callStory, commandAt, describeCallSteps } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import { AGENTS, CALLER, TRACKING_NUMBER, ringGroup, trackedNumber } from '../support/test-property';

const tts = (text: string) => ({ kind: 'tts', text }) as const;

/** Leasing (Ann, one second), else voicemail. */
const leasingOrMessage: CallFlow = {
  initialStepId: 'leasing',
  recording: false,
  steps: [
    {
      id: 'leasing',
      type: 'forward',
      to: AGENTS.ann,
      timeoutSeconds: 1,
      callerId: 'tracking_number',
      noAnswer: 'vm',
    },
    {
      id: 'vm',
      type: 'voicemail',
      voicemailBoxId: 'office',
      greeting: tts('Please leave a message.'),
      beep: true,
      maxLengthSeconds: 30,
    },
  ],
};

/**
 * Ann picks up within her ring, but her call.answered reaches us `lateByMs` later: after the ring's
 * timer (her ring and the margin) has fired and the call has released her leg.
 */
const annAnswersLate = (lateByMs: number) => ({
  agents: { [AGENTS.ann]: { answerAfterMs: 800 } },
  deliver: (e: CarrierEvent) => (e.type === 'call.answered' && e.to === AGENTS.ann ? lateByMs : 0),
});

describeCallSteps('late and lost webhooks', (placeCall) => {
  const caller = { from: CALLER, to: TRACKING_NUMBER };

  it("an agent's answer arriving after the ring timed out connects nobody: the call goes on without her", async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow: leasingOrMessage }),
      // Past the ring's bound on either engine (v2 notices a lost event up to the watchdog's
      // minimum after its bound).
      ...annAnswersLate(4000),
      // Still leaving a message when her answer arrives.
      messageMs: 3000,
    });
    const lines = commandLines(run.commands);
    const annAnswered = run.delivered.find(
      (d) => d.event.type === 'call.answered' && d.event.to === AGENTS.ann,
    );
    assert.ok(annAnswered, "Ann's answer arrived");
    assert.ok(
      commandAt(run, `hangupCall ${AGENTS.ann}`) < annAnswered.at,
      `after her release: ${callStory(run)}`,
    );
    assert.deepEqual(lines.slice(0, 3), [
      'answerCall caller',
      `dialAgent ${AGENTS.ann}`,
      `hangupCall ${AGENTS.ann}`,
    ]);
    assert.ok(!lines.some((l) => l.startsWith('connect')), callStory(run));
    assert.equal(
      lines.filter((l) => l.endsWith(AGENTS.ann)).length,
      2,
      'nothing but the release reaches her leg',
    );
    assert.equal(run.record.outcome, 'voicemail');
    assert.equal(run.record.answeredBy, null);
    assert.deepEqual(run.path, ['leasing', 'vm']);
  });

  it('a late answer from an earlier wave is not bridged while the next agent rings', async () => {
    const late = annAnswersLate(3500);
    const run = await placeCall({
      ...caller,
      number: trackedNumber({
        flow: {
          initialStepId: 'team',
          recording: false,
          steps: [{ id: 'team', type: 'ring_group', ringGroupId: 'team' }],
        },
      }),
      // Two seconds each: Ann's wave times out at 3 s, her answer arrives at 4.3 s, Bob answers at 4.5 s.
      ringGroups: {
        team: { group: ringGroup('team', 'sequential', ['ann', 'bob'], { agentRingTimeoutSeconds: 2 }) },
      },
      agents: { ...late.agents, [AGENTS.bob]: { answerAfterMs: 1500 } },
      deliver: late.deliver,
    });
    const lines = commandLines(run.commands);
    const annAnswered = run.delivered.find(
      (d) => d.event.type === 'call.answered' && d.event.to === AGENTS.ann,
    );
    assert.ok(annAnswered, "Ann's answer arrived");
    assert.ok(
      commandAt(run, `dialAgent ${AGENTS.bob}`) < annAnswered.at &&
        annAnswered.at < commandAt(run, `connect ${AGENTS.bob}`),
      `Ann's answer arrived while Bob rang: ${callStory(run)}`,
    );
    assert.deepEqual(
      lines.filter((l) => l.startsWith('connect')),
      [`connect ${AGENTS.bob}`],
      callStory(run),
    );
    assert.deepEqual(
      lines.filter((l) => l.endsWith(AGENTS.ann)),
      [`dialAgent ${AGENTS.ann}`, `hangupCall ${AGENTS.ann}`],
    );
    assert.equal(run.record.answeredBy, AGENTS.bob);
    assert.equal(run.record.outcome, 'answered');
  });

  it('a lost end of the greeting holds the call up only until the prompt wait runs out', async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ greeting: { kind: 'tts', text: 'Hello.', voice: 'female' } }),
      agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
      deliver: (e) => (e.type === 'call.speak.ended' ? 'lost' : 0),
    });
    assert.equal(run.lost.length, 1);
    const waited = commandAt(run, `dialAgent ${AGENTS.ann}`) - commandAt(run, 'speakText caller');
    assert.ok(waited >= TEST_TIMING.promptWaitMs, `forwarded ${waited} ms after the greeting began`);
    assert.equal(run.record.outcome, 'answered');
    assert.deepEqual(run.path, ['greeting', 'forward', 'connected']);
  });

  it("a lost hangup of an agent's unanswered ring is ended by the call's own timer", async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow: leasingOrMessage }),
      agents: { [AGENTS.ann]: 'no_answer' },
      deliver: (e) => (e.type === 'call.hangup' && e.to === AGENTS.ann ? 'lost' : 0),
    });
    assert.deepEqual(
      run.lost.map((e) => e.hangupCause),
      ['timeout'],
    );
    // One second of ringing, then the safety margin: the call waited out both before releasing
    // her. (Engine v2 counts its bounds from the start of the workflow task that dialled, a moment
    // before the dial reaches the carrier: hence the 200 ms of slack.)
    const rang = commandAt(run, `hangupCall ${AGENTS.ann}`) - commandAt(run, `dialAgent ${AGENTS.ann}`);
    assert.ok(rang >= 1000 + TEST_TIMING.ringMarginMs - 200, `released after ${rang} ms`);
    assert.deepEqual(run.path, ['leasing', 'vm']);
    assert.equal(run.record.outcome, 'voicemail');
  });
});
