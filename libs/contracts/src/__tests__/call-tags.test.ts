import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callTags, menuOfGatherTag, promptOfTag, recordingPurposeOfTag, stepOfRingTag } from '../call-tags';

/** Step ids as flows name them: with dashes and digits, some looking like a tag's own numbers. */
const STEPS = ['welcome', 'menu-2', 'main_menu', 'front-desk-3', 'x-1-2', 'step 7'];

describe('callTags', () => {
  it('writes the strings recorded histories and stored webhooks hold', () => {
    assert.deepEqual(
      [
        callTags.greeting(),
        callTags.prompt('welcome', 1),
        callTags.voicemailGreeting('vm', 3),
        callTags.menuNotice('main_menu', 2, 4),
        callTags.menuGather('main_menu', 5),
        callTags.hold('front', 6),
        callTags.whisper(callTags.ring('front', 2), 7),
        callTags.ring('front'),
        callTags.ring('front', 2),
        callTags.forwardRing(),
        callTags.voicemail('vm'),
        callTags.conversation(callTags.ring('front', 2)),
        callTags.conversation(callTags.forwardRing()),
        callTags.outboundAgent(),
        callTags.outboundCallee(),
      ],
      [
        'greeting',
        'welcome#1',
        'vm-greeting#3',
        'main_menu-2-play#4',
        'main_menu-5',
        'front-hold#6',
        'front-w2-whisper#7',
        'front',
        'front-w2',
        'forward',
        'vm',
        'front-w2-conversation',
        'forward-conversation',
        'agent',
        'callee',
      ],
    );
  });
});

describe('promptOfTag', () => {
  it('reads the forwarding greeting, and a prompt without a tag as a greeting', () => {
    assert.deepEqual(promptOfTag(callTags.greeting()), { name: 'greeting', purpose: 'greeting' });
    assert.deepEqual(promptOfTag(undefined), { name: null, purpose: 'greeting' });
  });

  it('reads the recording disclosure, whichever playing of the call it was', () => {
    assert.equal(callTags.disclosure(1), 'recording-disclosure#1');
    assert.deepEqual(promptOfTag(callTags.disclosure(1)), { name: null, purpose: 'disclosure' });
    assert.deepEqual(promptOfTag(callTags.disclosure(7)), { name: null, purpose: 'disclosure' });
    // A step's prompts never read as it, the step's name ending like it or not.
    assert.equal(promptOfTag(callTags.prompt('no-recording-disclosure', 2)).purpose, 'greeting');
  });

  for (const step of STEPS) {
    it(`reads back every prompt of step "${step}"`, () => {
      assert.deepEqual(
        [
          promptOfTag(callTags.prompt(step, 12)),
          promptOfTag(callTags.voicemailGreeting(step, 3)),
          promptOfTag(callTags.menuNotice(step, 2, 14)),
          promptOfTag(callTags.menuGather(step, 21)),
          promptOfTag(callTags.hold(step, 1)),
          promptOfTag(callTags.whisper(callTags.ring(step, 3), 9)),
        ],
        [
          { name: step, purpose: 'greeting' },
          { name: step, purpose: 'voicemail_greeting' },
          { name: step, purpose: 'menu_notice' },
          { name: step, purpose: 'menu' },
          { name: step, purpose: 'hold' },
          { name: step, purpose: 'whisper' },
        ],
      );
    });
  }
});

describe('menuOfGatherTag', () => {
  it('never reads a spoken front desk’s AI gather as a menu’s gather', () => {
    for (const step of STEPS) {
      const tag = callTags.askGather(step, 3);
      assert.equal(tag, `${step}-ask3`);
      assert.equal(menuOfGatherTag(tag), tag);
      assert.notEqual(tag, callTags.menuGather(step, 3));
    }
  });
  it('reads the menu of a gather, numbered by visit or (older calls) by the menu’s gatherId', () => {
    for (const menu of STEPS) {
      assert.equal(menuOfGatherTag(callTags.menuGather(menu, 1)), menu);
      assert.equal(menuOfGatherTag(callTags.menuGather(menu, 40)), menu);
    }
  });
});

describe('stepOfRingTag', () => {
  it('reads the step of a forward step’s, a ring group wave’s and the forwarding flow’s ring', () => {
    for (const step of STEPS) {
      assert.equal(stepOfRingTag(callTags.ring(step)), step);
      assert.equal(stepOfRingTag(callTags.ring(step, 1)), step);
      assert.equal(stepOfRingTag(callTags.ring(step, 12)), step);
    }
    assert.equal(stepOfRingTag(callTags.forwardRing()), 'forward');
  });
});

describe('recordingPurposeOfTag', () => {
  it('tells a voicemail from a conversation', () => {
    for (const step of STEPS) {
      assert.equal(recordingPurposeOfTag(callTags.voicemail(step)), 'voicemail');
      assert.equal(recordingPurposeOfTag(callTags.conversation(callTags.ring(step))), 'conversation');
      assert.equal(recordingPurposeOfTag(callTags.conversation(callTags.ring(step, 2))), 'conversation');
    }
    assert.equal(recordingPurposeOfTag(callTags.conversation(callTags.forwardRing())), 'conversation');
  });
});
