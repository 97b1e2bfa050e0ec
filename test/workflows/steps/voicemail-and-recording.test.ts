import assert from 'node:assert/strict';
import { it } from 'node:test';
import { INBOUND_CALL_V1_WORKFLOW } from '@switchboard/contracts';
import type { CallFlow, Prompt, VoicemailStep } from '@switchboard/domain';
import { callStory, describeCallSteps, heardByCaller } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import {
  AGENTS,
  CALLER,
  PROPERTY_ID,
  TRACKING_NUMBER,
  ringGroup,
  trackedNumber,
} from '../support/test-property';

const BOX_GREETING_TEXT = 'Nobody can take your call. Please leave a message.';
const BOX_GREETING: Prompt = { kind: 'tts', text: BOX_GREETING_TEXT };

function voicemailFlow(vm: Partial<VoicemailStep> = {}): CallFlow {
  return {
    initialStepId: 'vm',
    recording: false,
    steps: [
      { id: 'vm', type: 'voicemail', voicemailBoxId: 'office', beep: true, maxLengthSeconds: 30, ...vm },
    ],
  };
}

/** Forwards to Ann, with the flow's recording toggle as given. */
const forwardFlow = (recording: boolean): CallFlow => ({
  initialStepId: 'leasing',
  recording,
  steps: [{ id: 'leasing', type: 'forward', to: AGENTS.ann, timeoutSeconds: 2, callerId: 'caller' }],
});

describeCallSteps('voicemail and recording', (placeCall, workflowType) => {
  const caller = { from: CALLER, to: TRACKING_NUMBER };

  it("greets with the box's greeting, records the message and puts it on the record", async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow: voicemailFlow(), voicemailGreetings: { office: BOX_GREETING } }),
      messageMs: 600,
    });
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      'speakText caller',
      'startRecording caller',
    ]);
    assert.deepEqual(heardByCaller(run), [BOX_GREETING_TEXT]);
    const recording = run.commands[2].args[1] as { maxLengthSecs: number; playBeep: boolean };
    assert.equal(recording.maxLengthSecs, 30);
    assert.equal(recording.playBeep, true);
    assert.equal(run.recordings.length, 1);
    const url = run.recordings[0].url;
    assert.equal(run.record.outcome, 'voicemail');
    assert.equal(run.record.recordingUrl, url);
    assert.equal(run.record.voicemailBoxId, 'office');
    assert.deepEqual(
      run.announcements.voicemails.map((v) => [v.propertyId, v.voicemailBoxId, v.from, v.recordingUrl]),
      [[PROPERTY_ID, 'office', CALLER, url]],
    );
    assert.deepEqual(run.announcements.finished, [run.workflowId]);
  });

  it("plays the step's own greeting instead of the box's", async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({
        flow: voicemailFlow({ greeting: { kind: 'tts', text: 'Leave your message here.' } }),
        voicemailGreetings: { office: BOX_GREETING },
      }),
    });
    assert.deepEqual(heardByCaller(run), ['Leave your message here.']);
    assert.equal(run.record.outcome, 'voicemail');
  });

  /** A caller who talks on past the box's one-second limit. */
  const longMessage = () =>
    placeCall({
      ...caller,
      number: trackedNumber({ flow: voicemailFlow({ maxLengthSeconds: 1 }) }),
      messageMs: 10_000,
    });

  it('hangs up on a caller still talking when the message reaches its maximum length', async () => {
    const run = await longMessage();
    assert.deepEqual(commandLines(run.commands).slice(0, 3), [
      'answerCall caller',
      'startRecording caller',
      'hangupCall caller',
    ]);
    assert.equal(run.callerLeftAt, undefined, 'the call hung up on the caller');
    assert.ok(run.commands[2].at - run.commands[1].at < 2000, callStory(run));
    assert.equal(run.record.outcome, 'voicemail');
    assert.equal(run.record.recordingUrl, run.recordings[0].url);
  });

  it(
    'sends that hangup once',
    {
      // Engine v1 is frozen with this fault; engine v2 fixes it.
      todo:
        workflowType === INBOUND_CALL_V1_WORKFLOW
          ? 'takeVoicemail hangs up the caller, then runCallFlow hangs up again before the hangup webhook ' +
            'has arrived (ended() is still false): a second hangup, which Telnyx answers with 422 90018'
          : undefined,
    },
    async () => {
      const run = await longMessage();
      assert.deepEqual(
        run.commands.filter((c) => c.name === 'hangupCall').map((c) => c.leg),
        ['caller'],
        callStory(run),
      );
    },
  );

  it('takes a message when nobody in the ring group answers', async () => {
    const flow: CallFlow = {
      initialStepId: 'team',
      recording: false,
      steps: [
        { id: 'team', type: 'ring_group', ringGroupId: 'team', noAnswer: 'vm' },
        ...voicemailFlow().steps,
      ],
    };
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow, voicemailGreetings: { office: BOX_GREETING } }),
      ringGroups: { team: { group: ringGroup('team', 'sequential', ['cy', 'ann']) } },
      agents: { [AGENTS.cy]: 'no_answer', [AGENTS.ann]: 'no_answer' },
    });
    assert.deepEqual(run.path, ['team', 'vm']);
    assert.deepEqual(commandLines(run.commands).slice(-2), ['speakText caller', 'startRecording caller']);
    assert.equal(run.record.outcome, 'voicemail');
    assert.equal(run.record.answeredBy, null);
    assert.equal(run.record.recordingUrl, run.recordings[0].url);
  });

  it("records the conversation when the flow's recording toggle is on", async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow: forwardFlow(true) }),
      agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      `dialAgent ${AGENTS.ann}`,
      `connect ${AGENTS.ann}`,
      'startRecording caller',
    ]);
    // Both sides, one channel each, from the bridge on.
    const recording = run.commands.find((c) => c.name === 'startRecording')!.args[1] as {
      channels: string;
      playBeep: boolean;
    };
    assert.equal(recording.channels, 'dual');
    assert.equal(recording.playBeep, false);
    // The agent sees the caller's own number (callerId: caller).
    assert.equal((run.commands[1].args[0] as { from: string }).from, CALLER);
    assert.equal(run.record.outcome, 'answered');
    assert.equal(run.record.recordingUrl, run.recordings[0].url);
    assert.equal(run.record.voicemailBoxId, null);
  });

  it("records nothing when the flow's recording toggle is off", async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow: forwardFlow(false) }),
      agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.ok(!run.commands.some((c) => c.name === 'startRecording'));
    assert.equal(run.record.outcome, 'answered');
    assert.equal(run.record.recordingUrl, null);
  });
});
