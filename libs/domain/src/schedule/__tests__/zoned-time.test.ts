import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  instantToWallClock,
  isValidDate,
  isValidTimeZone,
  parseClock,
  toZonedTime,
  wallClockToInstant,
  weekdayOfDate,
} from '../zoned-time';

describe('toZonedTime', () => {
  const cases: Array<{
    at: string;
    zone: string;
    date: string;
    weekday: string;
    hhmm: string;
    offset: number;
  }> = [
    {
      at: '2026-11-23T15:30:00Z',
      zone: 'America/Chicago',
      date: '2026-11-23',
      weekday: 'mon',
      hhmm: '09:30',
      offset: -360,
    },
    {
      at: '2026-07-01T15:30:00Z',
      zone: 'America/Chicago',
      date: '2026-07-01',
      weekday: 'wed',
      hhmm: '10:30',
      offset: -300,
    },
    // Chicago spring forward: 02:00 CST jumps to 03:00 CDT on 2026-03-08
    {
      at: '2026-03-08T07:59:00Z',
      zone: 'America/Chicago',
      date: '2026-03-08',
      weekday: 'sun',
      hhmm: '01:59',
      offset: -360,
    },
    {
      at: '2026-03-08T08:00:00Z',
      zone: 'America/Chicago',
      date: '2026-03-08',
      weekday: 'sun',
      hhmm: '03:00',
      offset: -300,
    },
    // Chicago fall back: 01:30 happens twice on 2026-11-01
    {
      at: '2026-11-01T06:30:00Z',
      zone: 'America/Chicago',
      date: '2026-11-01',
      weekday: 'sun',
      hhmm: '01:30',
      offset: -300,
    },
    {
      at: '2026-11-01T07:30:00Z',
      zone: 'America/Chicago',
      date: '2026-11-01',
      weekday: 'sun',
      hhmm: '01:30',
      offset: -360,
    },
    // Berlin: 02:00 CET → 03:00 CEST on 2026-03-29; 03:00 CEST → 02:00 CET on 2026-10-25
    {
      at: '2026-03-29T00:59:00Z',
      zone: 'Europe/Berlin',
      date: '2026-03-29',
      weekday: 'sun',
      hhmm: '01:59',
      offset: 60,
    },
    {
      at: '2026-03-29T01:00:00Z',
      zone: 'Europe/Berlin',
      date: '2026-03-29',
      weekday: 'sun',
      hhmm: '03:00',
      offset: 120,
    },
    {
      at: '2026-10-25T00:30:00Z',
      zone: 'Europe/Berlin',
      date: '2026-10-25',
      weekday: 'sun',
      hhmm: '02:30',
      offset: 120,
    },
    {
      at: '2026-10-25T01:30:00Z',
      zone: 'Europe/Berlin',
      date: '2026-10-25',
      weekday: 'sun',
      hhmm: '02:30',
      offset: 60,
    },
    // date changes at local midnight, not UTC midnight
    {
      at: '2026-01-01T03:00:00Z',
      zone: 'America/Chicago',
      date: '2025-12-31',
      weekday: 'wed',
      hhmm: '21:00',
      offset: -360,
    },
    {
      at: '2025-12-31T23:30:00Z',
      zone: 'Europe/Berlin',
      date: '2026-01-01',
      weekday: 'thu',
      hhmm: '00:30',
      offset: 60,
    },
    {
      at: '2026-11-23T09:30:00-06:00',
      zone: 'America/Chicago',
      date: '2026-11-23',
      weekday: 'mon',
      hhmm: '09:30',
      offset: -360,
    },
  ];
  for (const c of cases) {
    test(`${c.at} in ${c.zone}`, () => {
      const z = toZonedTime(c.at, c.zone);
      assert.equal(z.date, c.date);
      assert.equal(z.weekday, c.weekday);
      assert.equal(`${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`, c.hhmm);
      assert.equal(z.minuteOfDay, z.hour * 60 + z.minute);
      assert.equal(z.offsetMinutes, c.offset);
    });
  }
  test('accepts Date and epoch ms alike', () => {
    const ms = Date.UTC(2026, 10, 23, 15, 30);
    assert.deepEqual(toZonedTime(new Date(ms), 'America/Chicago'), toZonedTime(ms, 'America/Chicago'));
  });
  test('rejects an invalid instant', () => assert.throws(() => toZonedTime('not a date', 'UTC'), RangeError));
  test('rejects an unknown zone', () => assert.throws(() => toZonedTime(0, 'Mars/Olympus'), RangeError));
});

describe('calendar helpers', () => {
  const validZones: Array<[string, boolean]> = [
    ['America/Chicago', true],
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
  ];
  for (const [zone, ok] of validZones)
    test(`isValidTimeZone(${zone})`, () => assert.equal(isValidTimeZone(zone), ok));

  const dates: Array<[string, boolean]> = [
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
  ];
  for (const [date, ok] of dates) test(`isValidDate(${date})`, () => assert.equal(isValidDate(date), ok));

  const shifts: Array<[string, number, string]> = [
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-08', 1, '2026-03-09'],
  ];
  for (const [date, days, expected] of shifts)
    test(`addDays(${date}, ${days})`, () => assert.equal(addDays(date, days), expected));

  test('weekdayOfDate', () => assert.equal(weekdayOfDate('2026-11-26'), 'thu'));

  const clocks: Array<[string, number | null]> = [
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['9:30', null],
    ['12:60', null],
  ];
  for (const [text, minutes] of clocks)
    test(`parseClock(${text})`, () => assert.equal(parseClock(text), minutes));
});

describe('wallClockToInstant / instantToWallClock', () => {
  test('a reading in the zone, across DST, and back', () => {
    assert.equal(wallClockToInstant('2026-11-24T10:00', 'America/Denver'), '2026-11-24T17:00:00.000Z');
    assert.equal(wallClockToInstant('2026-07-01T10:00', 'America/Denver'), '2026-07-01T16:00:00.000Z');
    assert.equal(wallClockToInstant('2026-07-01T10:00:30', 'UTC'), '2026-07-01T10:00:30.000Z');
    assert.equal(instantToWallClock('2026-11-24T17:00:00Z', 'America/Denver'), '2026-11-24T10:00');
  });

  test('skipped and repeated readings at DST changes', () => {
    // Chicago springs forward at 02:00 on 2026-03-08: 02:30 does not exist, it lands after the gap.
    const skipped = wallClockToInstant('2026-03-08T02:30', 'America/Chicago');
    assert.equal(instantToWallClock(skipped ?? '', 'America/Chicago'), '2026-03-08T03:30');
    // It falls back at 02:00 on 2026-11-01: 01:30 happens twice; the first (CDT, -5) is taken.
    assert.equal(wallClockToInstant('2026-11-01T01:30', 'America/Chicago'), '2026-11-01T06:30:00.000Z');
    // Paris falls back at 03:00 on 2026-10-25: 02:30 is first CEST (+2).
    assert.equal(wallClockToInstant('2026-10-25T02:30', 'Europe/Paris'), '2026-10-25T00:30:00.000Z');
  });

  test('what is not a reading', () => {
    assert.equal(wallClockToInstant('2026-02-30T10:00', 'UTC'), null);
    assert.equal(wallClockToInstant('tomorrow', 'UTC'), null);
    assert.equal(wallClockToInstant('2026-01-01T24:00', 'UTC'), null);
  });
});
