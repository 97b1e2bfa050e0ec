import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CallFlow } from '@switchboard/domain';
import { describeCallSteps, heardByCaller } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import { CALLER, TRACKING_NUMBER, trackedNumber } from '../support/test-property';

const WELCOME = 'Thanks for calling Maple Ridge.';
const INTRO_URL = 'https://media.maple-ridge.test/intro.wav';

/** A welcome in speech, an intro recording, then goodbye. */
const welcomeThenIntro: CallFlow = {
  initialStepId: 'welcome',
  recording: false,
  steps: [
    { id: 'welcome', type: 'greeting', prompt: { kind: 'tts', text: WELCOME }, next: 'intro' },
    { id: 'intro', type: 'greeting', prompt: { kind: 'audio', audioId: 'intro' }, next: 'bye' },
    { id: 'bye', type: 'hangup' },
  ],
};

describeCallSteps('plays and flow errors', (placeCall) => {
  const call = (flow: CallFlow, audioUrls: Record<string, string> = {}) =>
    placeCall({ from: CALLER, to: TRACKING_NUMBER, number: trackedNumber({ flow, audioUrls }) });

  it('plays each prompt to its end, speech or the property’s audio file, then goes on', async () => {
    const run = await call(welcomeThenIntro, { intro: INTRO_URL });
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      'speakText caller',
      'playAudio caller',
      'hangupCall caller',
    ]);
    assert.deepEqual(heardByCaller(run), [WELCOME]);
    assert.equal((run.commands[2].args[1] as { url: string }).url, INTRO_URL);
    // Each playing has a tag of its own, so the end of one is never read as the end of the next.
    const tags = run.commands.slice(1, 3).map((c) => (c.args[1] as { state: { tag: string } }).state.tag);
    assert.deepEqual(tags, ['welcome#1', 'intro#2']);
    assert.deepEqual(run.path, ['welcome', 'intro', 'bye']);
    assert.equal(run.record.outcome, 'no_answer');
  });

  it('skips a prompt whose audio file the property no longer has', async () => {
    const run = await call(welcomeThenIntro);
    assert.deepEqual(heardByCaller(run), [WELCOME]);
    assert.ok(!run.commands.some((c) => c.name === 'playAudio'));
    assert.deepEqual(run.path, ['welcome', 'intro', 'bye']);
  });

  it('ends a call whose flow leads to a step that does not exist, saying so in the path', async () => {
    const broken: CallFlow = {
      initialStepId: 'welcome',
      recording: false,
      steps: [{ id: 'welcome', type: 'greeting', prompt: { kind: 'tts', text: WELCOME }, next: 'gone' }],
    };
    const run = await call(broken);
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      'speakText caller',
      'hangupCall caller',
    ]);
    assert.deepEqual(run.path, ['welcome', 'gone']);
    assert.equal(run.record.path[1].detail, 'Step "gone" does not exist.');
    assert.equal(run.record.outcome, 'no_answer');
  });
});
