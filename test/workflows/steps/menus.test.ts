import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CallFlow, MenuStep } from '@switchboard/domain';
import { describeCallSteps, heardByCaller } from '../support/call-harness';
import { commandLines } from '../support/fake-carrier';
import { CALLER, TRACKING_NUMBER, trackedNumber } from '../support/test-property';

const tts = (text: string) => ({ kind: 'tts', text }) as const;

const MAIN_PROMPT = 'Leasing, press 1. Maintenance, press 2.';
const INVALID = 'Sorry, that is not an option.';
const SILENCE = 'We did not hear a key.';

/** One menu whose choices end the call with a message naming them, so the path shows the choice. */
function menuFlow(menu: Partial<MenuStep> = {}): CallFlow {
  return {
    initialStepId: 'main',
    recording: false,
    steps: [
      {
        id: 'main',
        type: 'menu',
        prompt: tts(MAIN_PROMPT),
        options: { '1': 'leasing', '2': 'maintenance' },
        timeoutSeconds: 1,
        maxRetries: 1,
        invalidPrompt: tts(INVALID),
        timeoutPrompt: tts(SILENCE),
        fallback: 'goodbye',
        ...menu,
      },
      { id: 'leasing', type: 'hangup', message: tts('Leasing is open nine to five.') },
      { id: 'maintenance', type: 'hangup', message: tts('Maintenance will call you back.') },
      { id: 'goodbye', type: 'hangup', message: tts('Goodbye.') },
    ],
  };
}

describeCallSteps('menus', (placeCall) => {
  const call = (presses: string[], menu: Partial<MenuStep> = {}) =>
    placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      presses,
      number: trackedNumber({ flow: menuFlow(menu) }),
    });

  it('takes the caller where their key leads', async () => {
    const run = await call(['2']);
    assert.deepEqual(run.path, ['main', 'maintenance']);
    assert.equal(run.record.path[0].detail, 'pressed 2');
    assert.deepEqual(commandLines(run.commands), [
      'answerCall caller',
      'gatherDigits caller',
      'speakText caller',
      'hangupCall caller',
    ]);
    const gather = run.commands[1].args[1] as Record<string, unknown>;
    assert.equal(gather.text, MAIN_PROMPT);
    assert.equal(gather.validDigits, '12');
    assert.equal(gather.maxDigits, 1);
    assert.equal(gather.timeoutMillis, 1000);
    assert.deepEqual(heardByCaller(run), [MAIN_PROMPT, 'Maintenance will call you back.']);
    assert.equal(run.record.outcome, 'no_answer');
  });

  it('says a wrong key is not an option and asks again', async () => {
    const run = await call(['9', '1']);
    assert.deepEqual(heardByCaller(run), [
      MAIN_PROMPT,
      INVALID,
      MAIN_PROMPT,
      'Leasing is open nine to five.',
    ]);
    assert.deepEqual(run.path, ['main', 'leasing']);
    assert.equal(run.record.path[0].detail, 'pressed 1');
  });

  it('says it heard nothing and asks again when the caller presses nothing', async () => {
    const run = await call(['', '1']);
    assert.deepEqual(heardByCaller(run), [
      MAIN_PROMPT,
      SILENCE,
      MAIN_PROMPT,
      'Leasing is open nine to five.',
    ]);
    assert.deepEqual(run.path, ['main', 'leasing']);
  });

  it('repeats the menu on * without using up a retry', async () => {
    // No retries at all: only a repeat, not a failure, can prompt a second and third time.
    const run = await call(['*', '*', '2'], { repeatOnStar: true, maxRetries: 0 });
    assert.deepEqual(heardByCaller(run), [
      MAIN_PROMPT,
      MAIN_PROMPT,
      MAIN_PROMPT,
      'Maintenance will call you back.',
    ]);
    assert.equal((run.commands[1].args[1] as { validDigits: string }).validDigits, '12*');
    assert.deepEqual(run.path, ['main', 'maintenance']);
  });

  it('goes to the fallback once the retries are used up', async () => {
    const run = await call(['9', '']);
    assert.deepEqual(heardByCaller(run), [MAIN_PROMPT, INVALID, MAIN_PROMPT, SILENCE, 'Goodbye.']);
    assert.deepEqual(run.path, ['main', 'goodbye']);
    assert.equal(run.record.path[0].detail, undefined, 'no key chose the fallback');
    assert.equal(run.commands.at(-1)?.name, 'hangupCall');
  });

  it('waits for new keys in a menu entered again', async () => {
    // main (1 → sub), sub (9 → main, 1 → hours): the caller goes back and forth between them.
    const backAndForth: CallFlow = {
      initialStepId: 'main',
      recording: false,
      steps: [
        {
          id: 'main',
          type: 'menu',
          prompt: tts('Main menu.'),
          options: { '1': 'sub' },
          timeoutSeconds: 1,
          maxRetries: 0,
          fallback: 'bye',
        },
        {
          id: 'sub',
          type: 'menu',
          prompt: tts('Sub menu.'),
          options: { '9': 'main', '1': 'hours' },
          timeoutSeconds: 1,
          maxRetries: 0,
          fallback: 'bye',
        },
        { id: 'hours', type: 'hangup', message: tts('We are open nine to five.') },
        { id: 'bye', type: 'hangup' },
      ],
    };
    const run = await placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      presses: ['1', '9', '1', ''],
      number: trackedNumber({ flow: backAndForth }),
    });
    // Main the second time waits for its own key (the caller's third), and sub the second time for
    // a fourth, which never comes: a menu that read an earlier visit's key would go on at once.
    assert.deepEqual(run.path, ['main', 'sub', 'main', 'sub', 'bye']);
    assert.deepEqual(heardByCaller(run), ['Main menu.', 'Sub menu.', 'Main menu.', 'Sub menu.']);
    const tags = run.commands
      .filter((c) => c.name === 'gatherDigits')
      .map((c) => (c.args[1] as { state: { tag: string } }).state.tag);
    assert.equal(new Set(tags).size, 4, `one gather per visit: ${tags.join(', ')}`);
  });
});
