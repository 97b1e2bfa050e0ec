import assert from 'node:assert/strict';
import { it } from 'node:test';
import { INBOUND_CALL_V1_WORKFLOW } from '@switchboard/contracts';
import type { CallFlow } from '@switchboard/domain';
import { commandAt, describeCallSteps, type CallRun, type CallScript } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import {
  AGENTS,
  CALLER,
  PROPERTY_ID,
  TRACKING_NUMBER,
  ringGroup,
  trackedNumber,
} from '../support/test-property';

/** Rings the group `team`; nobody answering ends in the office's voicemail. */
const ringTeam: CallFlow = {
  initialStepId: 'team',
  recording: false,
  steps: [
    { id: 'team', type: 'ring_group', ringGroupId: 'team', noAnswer: 'vm' },
    { id: 'vm', type: 'voicemail', voicemailBoxId: 'office', beep: true, maxLengthSeconds: 30 },
  ],
};

const HOLD_URL = 'https://media.maple-ridge.test/hold.wav';
const WHISPER = 'Maple Ridge call from Zillow.';

const lines = (run: CallRun) => commandLines(run.commands);
const dialled = (run: CallRun) => run.commands.filter((c) => c.name === 'dialAgent').map((c) => c.leg);

describeCallSteps('ring groups', (placeCall, workflowType) => {
  // Engine v1 (frozen) also hangs up legs the carrier had ended already (a refused command each).
  const v1 = workflowType === INBOUND_CALL_V1_WORKFLOW;
  const releasedEndedLeg = (agent: string) => (v1 ? [`hangupCall ${agent}`] : []);
  const call = (o: Omit<CallScript, 'from' | 'to' | 'number'>) =>
    placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      number: trackedNumber({ flow: ringTeam, audioUrls: { hold: HOLD_URL } }),
      ...o,
    });

  it('rings everyone at once, connects the one who answers and hangs up on the others', async () => {
    const run = await call({
      ringGroups: { team: { group: ringGroup('team', 'simultaneous', ['ann', 'bob', 'cy']) } },
      agents: { [AGENTS.ann]: 'no_answer', [AGENTS.bob]: { answerAfterMs: 500 }, [AGENTS.cy]: 'no_answer' },
    });
    assert.deepEqual(dialled(run).sort(), [AGENTS.ann, AGENTS.bob, AGENTS.cy]);
    // Bob is connected (by the carrier as he answers, or by a bridge once the others are released)
    // and the two still ringing are hung up.
    const afterDials = lines(run).slice(4);
    assert.deepEqual(
      afterDials.filter((l) => l.startsWith('connect')),
      [`connect ${AGENTS.bob}`],
    );
    assert.deepEqual(afterDials.filter((l) => !l.startsWith('connect')).sort(), [
      `hangupCall ${AGENTS.ann}`,
      `hangupCall ${AGENTS.cy}`,
    ]);
    assert.equal(run.record.outcome, 'answered');
    assert.equal(run.record.answeredBy, AGENTS.bob);
    assert.deepEqual(run.path, ['team', 'connected']);
    assert.equal(run.record.path[0].detail, 'simultaneous: ann + bob + cy');
    assert.deepEqual(run.ringRequests, [
      { claimId: `${run.workflowId}/team#1`, propertyId: PROPERTY_ID, ringGroupId: 'team' },
    ]);
    assert.equal(run.record.recordingUrl, null, 'the flow does not record conversations');
  });

  it('rings one agent after another past a busy one and one who never answers', async () => {
    const run = await call({
      ringGroups: { team: { group: ringGroup('team', 'sequential', ['cy', 'ann', 'bob']) } },
      agents: { [AGENTS.cy]: 'busy', [AGENTS.ann]: 'no_answer', [AGENTS.bob]: { answerAfterMs: 300 } },
    });
    assert.deepEqual(dialled(run), [AGENTS.cy, AGENTS.ann, AGENTS.bob]);
    // Each unanswered leg has ended (the carrier ends a busy or timed-out leg) before the next rings.
    assert.deepEqual(lines(run).slice(1), [
      `dialAgent ${AGENTS.cy}`,
      ...releasedEndedLeg(AGENTS.cy),
      `dialAgent ${AGENTS.ann}`,
      ...releasedEndedLeg(AGENTS.ann),
      `dialAgent ${AGENTS.bob}`,
      `connect ${AGENTS.bob}`,
    ]);
    // The busy agent ended their turn at once; the silent one rang their full second.
    assert.ok(commandAt(run, `dialAgent ${AGENTS.ann}`) - commandAt(run, `dialAgent ${AGENTS.cy}`) < 900);
    assert.ok(commandAt(run, `dialAgent ${AGENTS.bob}`) - commandAt(run, `dialAgent ${AGENTS.ann}`) >= 1000);
    assert.equal(run.record.answeredBy, AGENTS.bob);
    assert.equal(run.record.outcome, 'answered');
  });

  it('starts a round robin where the rotation left off and skips an unavailable agent', async () => {
    const run = await call({
      ringGroups: {
        team: {
          group: ringGroup('team', 'round_robin', ['ann', 'bob', 'cy', 'dee']),
          pointer: 1, // bob's turn, but he is away: cy, then dee, then ann
          availability: { bob: false },
        },
      },
      agents: { [AGENTS.cy]: 'no_answer', [AGENTS.dee]: 'busy', [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.deepEqual(dialled(run), [AGENTS.cy, AGENTS.dee, AGENTS.ann]);
    assert.equal(run.record.path[0].detail, 'round_robin: cy → dee → ann; unavailable: bob');
    assert.equal(run.record.answeredBy, AGENTS.ann);
  });

  it('whispers to the agent who answers before connecting the caller', async () => {
    const run = await call({
      ringGroups: {
        team: {
          group: ringGroup('team', 'simultaneous', ['ann'], { whisper: { kind: 'tts', text: WHISPER } }),
        },
      },
      agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.deepEqual(lines(run), [
      'answerCall caller',
      `dialAgent ${AGENTS.ann}`,
      `speakText ${AGENTS.ann}`,
      `connect ${AGENTS.ann}`,
    ]);
    const whisper = run.commands[2].args[1] as { text: string; state: { role: string } };
    assert.equal(whisper.text, WHISPER);
    assert.equal(whisper.state.role, 'agent', 'only the agent hears it');
    assert.equal(run.record.answeredBy, AGENTS.ann);
  });

  it('plays hold audio to the caller while agents ring and stops it before the bridge', async () => {
    const run = await call({
      ringGroups: {
        team: {
          group: ringGroup('team', 'sequential', ['cy', 'ann'], {
            whisper: { kind: 'tts', text: WHISPER },
            callerHears: { kind: 'hold_audio', prompt: { kind: 'audio', audioId: 'hold' } },
          }),
        },
      },
      agents: { [AGENTS.cy]: 'busy', [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.deepEqual(lines(run), [
      'answerCall caller',
      'playAudio caller',
      `dialAgent ${AGENTS.cy}`,
      ...releasedEndedLeg(AGENTS.cy),
      `dialAgent ${AGENTS.ann}`,
      `speakText ${AGENTS.ann}`,
      'stopPlayback caller',
      `connect ${AGENTS.ann}`,
    ]);
    const hold = run.commands[1].args[1] as { url: string; loop: string };
    assert.equal(hold.url, HOLD_URL);
    assert.equal(hold.loop, 'infinity');
    assert.equal(run.record.answeredBy, AGENTS.ann);
  });

  it('goes to the no-answer step when the ring group no longer exists', async () => {
    const run = await call({ ringGroups: {} });
    assert.deepEqual(run.path, ['team', 'vm']);
    assert.equal(run.record.path[0].detail, 'ring group "team" no longer exists');
    assert.deepEqual(dialled(run), []);
    assert.equal(run.record.outcome, 'voicemail');
  });
});
