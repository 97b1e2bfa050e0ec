import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WeeklyWindow } from '../schedule-model';
import { emptyWeek, weekGridOf, weeklyOfGrid } from '../week-grid';

describe('week grid', () => {
  const weekly: WeeklyWindow[] = [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
    { days: ['sat'], start: '10:00', end: '14:00' },
    { days: ['fri'], start: '18:00', end: '22:00' },
  ];

  test("spreads windows into each day's list", () => {
    const grid = weekGridOf(weekly);
    assert.deepEqual(grid.fri, [
      { start: '09:00', end: '17:00' },
      { start: '18:00', end: '22:00' },
    ]);
    assert.deepEqual(grid.sat, [{ start: '10:00', end: '14:00' }]);
    assert.deepEqual(grid.sun, []);
  });

  test('folds equal windows on several days back into one', () => {
    const { weekly: back, indexOf } = weeklyOfGrid(weekGridOf(weekly));
    assert.deepEqual(back, [
      { start: '09:00', end: '17:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      { start: '18:00', end: '22:00', days: ['fri'] },
      { start: '10:00', end: '14:00', days: ['sat'] },
    ]);
    assert.deepEqual(indexOf.fri, [0, 1]);
    assert.deepEqual(indexOf.sat, [2]);
    assert.deepEqual(indexOf.sun, []);
  });

  test('keeps a window repeated on one day as two entries', () => {
    const grid = emptyWeek();
    grid.mon = [
      { start: '09:00', end: '12:00' },
      { start: '09:00', end: '12:00' },
    ];
    grid.tue = [{ start: '09:00', end: '12:00' }];
    const { weekly: back, indexOf } = weeklyOfGrid(grid);
    assert.equal(back.length, 2);
    assert.deepEqual(indexOf.mon, [0, 1]);
    // Tuesday joins the newest entry with those times.
    assert.deepEqual(indexOf.tue, [1]);
  });
});
