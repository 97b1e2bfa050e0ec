import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secondsBetween } from '../instant';

test('whole seconds between two instants, rounded', () => {
  assert.equal(secondsBetween('2026-03-10T15:00:00Z', '2026-03-10T15:02:05Z'), 125);
  assert.equal(secondsBetween('2026-03-10T15:00:00.000Z', '2026-03-10T15:00:01.499Z'), 1);
  assert.equal(secondsBetween('2026-03-10T15:00:00.000Z', '2026-03-10T15:00:01.500Z'), 2);
  // Offsets are instants, not wall clocks: 10:00-05:00 is 15:00Z.
  assert.equal(secondsBetween('2026-03-10T10:00:00-05:00', '2026-03-10T15:00:30Z'), 30);
});

test('never negative: an end before its start is 0 seconds', () => {
  assert.equal(secondsBetween('2026-03-10T15:00:10Z', '2026-03-10T15:00:00Z'), 0);
});

test('null when either end is missing or not an instant', () => {
  assert.equal(secondsBetween(null, '2026-03-10T15:00:00Z'), null);
  assert.equal(secondsBetween('2026-03-10T15:00:00Z', undefined), null);
  assert.equal(secondsBetween('', '2026-03-10T15:00:00Z'), null);
  assert.equal(secondsBetween('yesterday', '2026-03-10T15:00:00Z'), null);
});
