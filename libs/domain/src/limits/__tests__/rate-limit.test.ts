import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admitRequest, requestCostMicros, type RateLimit } from '../rate-limit';

const SECOND = 1_000_000;
const T0 = 1_765_720_000_000 * 1000;

/** Sends `times` (microseconds) in order; true for each request admitted. */
function play(limit: RateLimit, times: number[]): boolean[] {
  let fullAt: number | undefined;
  return times.map((t) => {
    const next = admitRequest(fullAt, t, limit);
    if (next !== null) fullAt = next;
    return next !== null;
  });
}

describe('admitRequest: a token bucket kept as one instant', () => {
  it('admits a burst at once, then refuses', () => {
    const at = Array.from({ length: 7 }, () => T0);
    assert.deepEqual(play({ burst: 5, perMinute: 1 }, at), [true, true, true, true, true, false, false]);
  });

  it('refills one request per 60/perMinute seconds, never above the burst', () => {
    const limit = { burst: 2, perMinute: 30 }; // one request every 2 s
    const cases: [string, number[], boolean[]][] = [
      ['burst spent, 1.9 s later still empty', [T0, T0, T0 + 1.9 * SECOND], [true, true, false]],
      [
        'burst spent, 2 s later one more',
        [T0, T0, T0 + 2 * SECOND, T0 + 2 * SECOND],
        [true, true, true, false],
      ],
      [
        'an hour idle refills only the burst',
        [T0, T0, T0 + 3600 * SECOND, T0 + 3600 * SECOND, T0 + 3600 * SECOND],
        [true, true, true, true, false],
      ],
      [
        'a steady client at exactly the rate is never refused',
        Array.from({ length: 10 }, (_, i) => T0 + i * 2 * SECOND),
        Array.from({ length: 10 }, () => true),
      ],
    ];
    for (const [name, times, expected] of cases) assert.deepEqual(play(limit, times), expected, name);
  });

  it('refused requests cost nothing: the bucket refills on time under a flood', () => {
    const limit = { burst: 1, perMinute: 60 };
    // Admitted at 0; 100 refused tries within the second; admitted again at 1 s.
    const flood = Array.from({ length: 100 }, (_, i) => T0 + (i + 1) * 9_000);
    const got = play(limit, [T0, ...flood, T0 + SECOND]);
    assert.deepEqual([got[0], got.slice(1, -1).some(Boolean), got.at(-1)], [true, false, true]);
  });

  it('is exact with a cost that is not a whole number of milliseconds', () => {
    const limit = { burst: 7, perMinute: 7 }; // 8 571 428.57… µs, rounded to 8 571 429
    assert.equal(requestCostMicros(limit), 8_571_429);
    const at = Array.from({ length: 8 }, () => T0 + 1);
    assert.deepEqual(play(limit, at), [...Array.from({ length: 7 }, () => true), false]);
  });

  it('costs at least a microsecond, however high the rate', () => {
    assert.equal(requestCostMicros({ burst: 1, perMinute: 1e12 }), 1);
  });
});
