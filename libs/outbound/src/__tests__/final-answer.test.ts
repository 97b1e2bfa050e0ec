import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFinalAnswer } from '../receiver-request';

describe('isFinalAnswer: which failed answers end a notification', () => {
  it('ends on redirects and refusals, retries timeouts, rate limiting and server errors', () => {
    const cases: [number, boolean][] = [
      [301, true],
      [302, true],
      [307, true],
      [400, true],
      [401, true],
      [404, true],
      [410, true],
      [408, false],
      [429, false],
      [500, false],
      [502, false],
      [503, false],
      [599, false],
    ];
    for (const [status, final] of cases) assert.equal(isFinalAnswer(status), final, String(status));
  });
});
