import assert from 'node:assert/strict';
import { it } from 'node:test';
import { INBOUND_CALL_V1_WORKFLOW } from '@switchboard/contracts';
import type { CallFlow } from '@switchboard/domain';
import { callStory, describeCallSteps } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import { AGENTS, CALLER, TRACKING_NUMBER, trackedNumber } from '../support/test-property';

/** Forwards to Ann; unanswered, the call goes to a ring group of Ann and Bob. */
const flow = (over: Partial<CallFlow>): CallFlow => ({
  initialStepId: 'leasing',
  recording: false,
  steps: [{ id: 'leasing', type: 'forward', to: AGENTS.ann, timeoutSeconds: 2, callerId: 'caller' }],
  ...over,
});

describeCallSteps('transcription', (placeCall, workflowType) => {
  const caller = { from: CALLER, to: TRACKING_NUMBER };
  // Engine v1 is frozen: it never transcribes.
  const skip =
    workflowType === INBOUND_CALL_V1_WORKFLOW ? 'engine v1 is frozen: it never transcribes' : undefined;

  it(
    "starts transcription on the caller's leg once the agent is bridged, when the flow says so",
    { skip },
    async () => {
      const run = await placeCall({
        ...caller,
        number: trackedNumber({ flow: flow({ transcription: true }) }),
        agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
      });
      assert.deepEqual(commandLines(run.commands), [
        'answerCall caller',
        `dialAgent ${AGENTS.ann}`,
        `connect ${AGENTS.ann}`,
        'startTranscription caller',
      ]);
      const [, state] = run.commands.find((c) => c.name === 'startTranscription')!.args as [string, unknown];
      // Its events name the call's workflow, so the api files them under this call.
      assert.equal((state as { wf: string }).wf, run.workflowId);
      assert.equal(run.record.outcome, 'answered');
    },
  );

  it('records and transcribes when both toggles are on', { skip }, async () => {
    const run = await placeCall({
      ...caller,
      number: trackedNumber({ flow: flow({ recording: true, transcription: true }) }),
      agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.deepEqual(commandLines(run.commands).slice(-2), [
      'startRecording caller',
      'startTranscription caller',
    ]);
  });

  it('transcribes nothing when the toggle is off, or when nobody answers', async () => {
    const off = await placeCall({
      ...caller,
      number: trackedNumber({ flow: flow({}) }),
      agents: { [AGENTS.ann]: { answerAfterMs: 300 } },
    });
    assert.equal(off.record.outcome, 'answered');
    assert.ok(!off.commands.some((c) => c.name === 'startTranscription'), callStory(off));

    const unanswered = await placeCall({
      ...caller,
      number: trackedNumber({ flow: flow({ transcription: true }) }),
      agents: {},
    });
    assert.notEqual(unanswered.record.outcome, 'answered');
    assert.ok(!unanswered.commands.some((c) => c.name === 'startTranscription'), callStory(unanswered));
  });
});
