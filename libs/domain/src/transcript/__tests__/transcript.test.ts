import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinTranscript, speakerOfTrack, textTranscript } from '../transcript';

test('a conversation reads as one line per turn, by speaker', () => {
  assert.equal(
    joinTranscript([
      { speaker: 'caller', text: "Hi, I'd like to schedule a tour." },
      { speaker: 'agent', text: 'Sure, when suits you?' },
      { speaker: 'agent', text: 'We have Saturday open.' },
      { speaker: 'caller', text: ' Saturday works. ' },
    ]),
    "Caller: Hi, I'd like to schedule a tour.\n" +
      'Agent: Sure, when suits you? We have Saturday open.\n' +
      'Caller: Saturday works.',
  );
});

test('nothing said is no transcript, not an empty one', () => {
  assert.equal(joinTranscript([]), null);
  assert.equal(joinTranscript([{ speaker: 'caller', text: '   ' }]), null);
});

test('blank segments do not split a turn', () => {
  assert.equal(
    joinTranscript([
      { speaker: 'agent', text: 'Hello' },
      { speaker: 'caller', text: '' },
      { speaker: 'agent', text: 'anyone there?' },
    ]),
    'Agent: Hello anyone there?',
  );
});

test("the caller's leg hears the caller on its inbound track and the agent on its outbound one", () => {
  assert.equal(speakerOfTrack('inbound'), 'caller');
  assert.equal(speakerOfTrack('outbound'), 'agent');
});

test("a text conversation's transcript is the texter's bodies, one per line", () => {
  assert.equal(textTranscript(['Hi', '  ', 'Can I book a tour? ']), 'Hi\nCan I book a tour?');
  assert.equal(textTranscript([]), null);
});
