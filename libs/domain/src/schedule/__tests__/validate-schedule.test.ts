import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schedule } from '../schedule-model';
import { validateSchedule } from '../validate-schedule';

const good: Schedule = {
  id: 'office',
  timeZone: 'America/Chicago',
  weekly: [
    { days: ['mon', 'tue'], start: '09:00', end: '17:00' },
    { days: ['fri'], start: '22:00', end: '02:00' },
  ],
  overrides: [
    { date: '2026-11-26' },
    { date: '2026-12-24', through: '2026-12-26', hours: [{ start: '09:00', end: '12:00' }] },
  ],
};

describe('validateSchedule', () => {
  const cases: Array<{ name: string; schedule: Schedule; errors: string[]; warnings?: string[] }> = [
    { name: 'valid schedule', schedule: good, errors: [] },
    { name: 'unknown zone', schedule: { ...good, timeZone: 'Central' }, errors: ['invalid_time_zone'] },
    {
      name: 'bad time',
      schedule: { ...good, weekly: [{ days: ['mon'], start: '9:00', end: '25:00' }] },
      errors: ['invalid_time', 'invalid_time'],
    },
    {
      name: 'start equals end',
      schedule: { ...good, weekly: [{ days: ['mon'], start: '09:00', end: '09:00' }] },
      errors: ['empty_window'],
    },
    {
      name: 'no days',
      schedule: { ...good, weekly: [{ days: [], start: '09:00', end: '10:00' }] },
      errors: ['no_days'],
    },
    {
      name: 'bad weekday',
      schedule: { ...good, weekly: [{ days: ['monday' as never], start: '09:00', end: '10:00' }] },
      errors: ['invalid_weekday'],
    },
    {
      name: 'bad override date',
      schedule: { ...good, overrides: [{ date: '2026-02-30' }] },
      errors: ['invalid_date'],
    },
    {
      name: 'range ends before start',
      schedule: { ...good, overrides: [{ date: '2026-12-24', through: '2026-12-20' }] },
      errors: ['invalid_date_range'],
    },
    {
      name: 'overlapping overrides',
      schedule: {
        ...good,
        overrides: [{ date: '2026-12-24', through: '2026-12-26' }, { date: '2026-12-25' }],
      },
      errors: ['overlapping_overrides'],
    },
    {
      name: 'overlapping weekly windows warn',
      schedule: {
        ...good,
        weekly: [
          { days: ['mon'], start: '09:00', end: '12:00' },
          { days: ['mon'], start: '11:00', end: '13:00' },
        ],
      },
      errors: [],
      warnings: ['overlapping_windows'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const report = validateSchedule(c.schedule);
      assert.deepEqual(
        report.errors.map((e) => e.code),
        c.errors,
      );
      assert.deepEqual(
        report.warnings.map((w) => w.code),
        c.warnings ?? [],
      );
    });
  }
});
