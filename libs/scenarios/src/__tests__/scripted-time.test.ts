import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptedMs } from '../run-scenario';

describe('how long a scripted call may run', () => {
  it('adds up every wait of the caller, the agents and the conversation', () => {
    assert.equal(
      scriptedMs({
        caller: [{ press: '1' }, { hangup_after_s: 65 }],
        agents: { '+17735550111': { answer_after_s: 2 }, '+17735550112': 'no_answer' },
        conversation: [{ speaker: 'caller', text: 'hi', after_s: 3 }],
      }),
      70_000,
    );
  });
  it('is nothing for a call with no script', () => {
    assert.equal(scriptedMs({}), 0);
  });
});
