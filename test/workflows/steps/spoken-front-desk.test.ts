import assert from 'node:assert/strict';
import { it } from 'node:test';
import { INBOUND_CALL_V1_WORKFLOW } from '@switchboard/contracts';
import type { AskStep, CallFlow } from '@switchboard/domain';
import { describeCallSteps, heardByCaller } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import { CALLER, TRACKING_NUMBER, trackedNumber } from '../support/test-property';

const tts = (text: string) => ({ kind: 'tts', text }) as const;

const QUESTION = 'Tell me how I can help: leasing, maintenance, or an emergency.';

/** A spoken front desk whose routes end the call with a message naming them; its fallback is a key menu. */
function deskFlow(desk: Partial<AskStep> = {}): CallFlow {
  return {
    initialStepId: 'desk',
    recording: false,
    steps: [
      {
        id: 'desk',
        type: 'ask',
        prompt: tts(QUESTION),
        fields: [
          {
            name: 'intent',
            description: 'What the caller needs.',
            values: ['leasing', 'maintenance', 'emergency'],
            required: true,
          },
          { name: 'unit', description: 'The apartment number.' },
        ],
        routes: [
          { when: { intent: 'emergency' }, next: 'on_call' },
          { when: { intent: 'maintenance' }, next: 'maintenance' },
        ],
        fallback: 'menu',
        timeoutSeconds: 1,
        ...desk,
      },
      {
        id: 'menu',
        type: 'menu',
        prompt: tts('Press 1 for leasing.'),
        options: { '1': 'leasing' },
        timeoutSeconds: 1,
        maxRetries: 0,
        fallback: 'goodbye',
      },
      { id: 'on_call', type: 'hangup', message: tts('The on-call technician will call you now.') },
      { id: 'maintenance', type: 'hangup', message: tts('Maintenance will call you back.') },
      { id: 'leasing', type: 'hangup', message: tts('Leasing is open nine to five.') },
      { id: 'goodbye', type: 'hangup', message: tts('Goodbye.') },
    ],
  };
}

describeCallSteps('a spoken front desk', (placeCall, workflowType) => {
  const call = (answers: Parameters<typeof placeCall>[0]['answers'], presses: string[] = []) =>
    placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      answers,
      presses,
      number: trackedNumber({ flow: deskFlow() }),
    });

  if (workflowType === INBOUND_CALL_V1_WORKFLOW) {
    // The api refuses such flows while v1 runs calls; a call that still reaches one ends politely.
    it('engine v1 ends the call at the step, saying it needs engine v2', async () => {
      const run = await call([{ status: 'valid', result: { intent: 'emergency' } }]);
      assert.deepEqual(run.path, ['desk']);
      assert.match(run.record.path[0].detail ?? '', /needs call engine v2/);
      assert.ok(!run.commands.some((c) => c.name === 'gatherUsingAi'));
    });
    return;
  }

  it('asks with the fields as a JSON Schema and routes on what the carrier understood', async () => {
    const run = await call([
      { status: 'valid', result: { intent: 'Maintenance', unit: '4B', mood: 'calm' } },
    ]);
    assert.deepEqual(run.path, ['desk', 'maintenance']);
    assert.equal(run.record.path[0].detail, 'intent=maintenance, unit=4B');
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      'gatherUsingAi caller',
      'speakText caller',
      'hangupCall caller',
    ]);
    const asked = run.commands[1].args[1] as Record<string, unknown>;
    assert.equal(asked.greeting, QUESTION);
    assert.equal(asked.userResponseTimeoutMs, 1000);
    assert.deepEqual(asked.parameters, {
      type: 'object',
      properties: {
        intent: {
          type: 'string',
          description: 'What the caller needs.',
          enum: ['leasing', 'maintenance', 'emergency'],
        },
        unit: { type: 'string', description: 'The apartment number.' },
      },
      required: ['intent'],
    });
    assert.deepEqual(heardByCaller(run), ['Maintenance will call you back.']);
  });

  it('an emergency goes to the on-call step', async () => {
    const run = await call([{ status: 'valid', result: { intent: 'emergency' } }]);
    assert.deepEqual(run.path, ['desk', 'on_call']);
  });

  it('understood but no route: the fallback menu, where a key still routes', async () => {
    const run = await call([{ status: 'valid', result: { intent: 'leasing' } }], ['1']);
    assert.deepEqual(run.path, ['desk', 'menu', 'leasing']);
    assert.equal(run.record.path[0].detail, 'intent=leasing: no route, fallback');
  });

  it('silence (the gather ends invalid) takes the fallback', async () => {
    const run = await call([], ['1']);
    assert.deepEqual(run.path, ['desk', 'menu', 'leasing']);
    assert.equal(run.record.path[0].detail, 'not understood: fallback');
  });

  it('an answer without the required field takes the fallback', async () => {
    const run = await call([{ status: 'valid', result: { unit: '4B' } }], ['']);
    assert.deepEqual(run.path, ['desk', 'menu', 'goodbye']);
    assert.equal(run.record.path[0].detail, 'unit=4B: fallback');
  });

  it('a carrier that refuses the AI gather does not end the call: the fallback menu runs', async () => {
    const run = await call(['refused'], ['1']);
    assert.deepEqual(run.path, ['desk', 'menu', 'leasing']);
    assert.equal(run.record.path[0].detail, 'not understood: fallback');
  });

  it('the caller hanging up while asked ends the call there, with no fallback', async () => {
    const run = await placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      hangUpDuring: 'gather',
      number: trackedNumber({ flow: deskFlow({ timeoutSeconds: 5 }) }),
    });
    assert.deepEqual(run.path, ['desk']);
    assert.equal(run.record.outcome, 'abandoned');
    assert.deepEqual(run.afterCallerLeft, []);
  });
});
