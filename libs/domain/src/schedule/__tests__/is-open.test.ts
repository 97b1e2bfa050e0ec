import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateSchedule, type ScheduleReason } from '../is-open';
import type { Schedule } from '../schedule-model';

const office: Schedule = {
  id: 'office',
  weekly: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
    { days: ['sat'], start: '10:00', end: '14:00' },
  ],
  overrides: [
    { name: 'Thanksgiving', date: '2026-11-26' },
    { name: 'Christmas Eve', date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] },
    { name: 'Christmas', date: '2026-12-25', through: '2026-12-26' },
  ],
};

const lateShift: Schedule = {
  id: 'late',
  weekly: [{ days: ['fri'], start: '22:00', end: '02:00' }],
};

const dstSundays: Schedule = {
  id: 'dst',
  weekly: [
    { days: ['sun'], start: '01:00', end: '02:00' },
    { days: ['sun'], start: '03:00', end: '04:00' },
  ],
};

const berlinOffice: Schedule = {
  id: 'berlin',
  timeZone: 'Europe/Berlin',
  weekly: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
    { days: ['sun'], start: '01:00', end: '04:00' },
    { days: ['sat'], start: '02:00', end: '03:00' },
  ],
};

interface Case {
  name: string;
  schedule: Schedule;
  at: string;
  zone?: string;
  open: boolean;
  reason: ScheduleReason;
  windowDay?: string;
}

const CHICAGO = 'America/Chicago';

const cases: Case[] = [
  // weekly windows, America/Chicago
  {
    name: 'weekday inside hours',
    schedule: office,
    at: '2026-11-23T09:30:00-06:00',
    open: true,
    reason: 'weekly',
    windowDay: '2026-11-23',
  },
  {
    name: 'weekday before opening',
    schedule: office,
    at: '2026-11-23T08:59:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'closing minute is closed (end exclusive)',
    schedule: office,
    at: '2026-11-23T17:00:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'last minute is open',
    schedule: office,
    at: '2026-11-23T16:59:59-06:00',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'saturday short hours',
    schedule: office,
    at: '2026-11-28T13:00:00-06:00',
    open: true,
    reason: 'weekly',
  },
  { name: 'sunday closed', schedule: office, at: '2026-11-29T12:00:00-06:00', open: false, reason: 'closed' },
  {
    name: 'UTC instant is read in the property zone',
    schedule: office,
    at: '2026-11-23T15:30:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'UTC date differs from local date',
    schedule: office,
    at: '2026-11-24T02:00:00Z',
    open: false,
    reason: 'closed',
  },

  // DST in Chicago: windows follow the wall clock
  {
    name: 'Chicago: first weekday after spring forward opens at 09:00 CDT',
    schedule: office,
    at: '2026-03-09T14:00:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Chicago: 13:59Z is 08:59 CDT, still closed',
    schedule: office,
    at: '2026-03-09T13:59:00Z',
    open: false,
    reason: 'closed',
  },
  {
    name: 'Chicago: last winter weekday opens at 09:00 CST (15:00Z)',
    schedule: office,
    at: '2026-03-06T14:30:00Z',
    open: false,
    reason: 'closed',
  },
  {
    name: 'Chicago spring-forward day: 01:59 CST inside 01–02',
    schedule: dstSundays,
    at: '2026-03-08T07:59:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Chicago spring-forward day: next minute is 03:00 CDT, inside 03–04',
    schedule: dstSundays,
    at: '2026-03-08T08:00:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Chicago spring-forward day: 04:00 CDT closed',
    schedule: dstSundays,
    at: '2026-03-08T09:00:00Z',
    open: false,
    reason: 'closed',
  },
  {
    name: 'Chicago fall-back day: first 01:30 (CDT) open',
    schedule: dstSundays,
    at: '2026-11-01T06:30:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Chicago fall-back day: second 01:30 (CST) open',
    schedule: dstSundays,
    at: '2026-11-01T07:30:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Chicago fall-back day: 02:00 CST closed',
    schedule: dstSundays,
    at: '2026-11-01T08:00:00Z',
    open: false,
    reason: 'closed',
  },

  // Europe/Berlin (the schedule's own zone beats the property's Chicago zone)
  {
    name: 'Berlin weekday 08:00 CEST',
    schedule: berlinOffice,
    at: '2026-03-30T06:00:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Berlin weekday 07:59 CEST',
    schedule: berlinOffice,
    at: '2026-03-30T05:59:00Z',
    open: false,
    reason: 'closed',
  },
  {
    name: 'Berlin weekday 08:00 CET in winter',
    schedule: berlinOffice,
    at: '2026-03-27T07:00:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Berlin spring-forward: 01:59 CET open',
    schedule: berlinOffice,
    at: '2026-03-29T00:59:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Berlin spring-forward: 03:00 CEST open',
    schedule: berlinOffice,
    at: '2026-03-29T01:00:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Berlin spring-forward: 04:00 CEST closed',
    schedule: berlinOffice,
    at: '2026-03-29T02:00:00Z',
    open: false,
    reason: 'closed',
  },
  {
    name: 'Berlin fall-back: 02:30 CEST open',
    schedule: berlinOffice,
    at: '2026-10-25T00:30:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Berlin fall-back: 02:30 CET (again) open',
    schedule: berlinOffice,
    at: '2026-10-25T01:30:00Z',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'Berlin fall-back: 04:00 CET closed',
    schedule: berlinOffice,
    at: '2026-10-25T03:00:00Z',
    open: false,
    reason: 'closed',
  },
  {
    name: 'Berlin saturday 02:30 CEST open',
    schedule: berlinOffice,
    at: '2026-10-24T00:30:00Z',
    open: true,
    reason: 'weekly',
  },

  // cross-midnight window belongs to the day it starts on
  {
    name: 'late shift: friday 23:00 open',
    schedule: lateShift,
    at: '2026-11-27T23:00:00-06:00',
    open: true,
    reason: 'weekly',
    windowDay: '2026-11-27',
  },
  {
    name: 'late shift: saturday 01:30 open (friday window)',
    schedule: lateShift,
    at: '2026-11-28T01:30:00-06:00',
    open: true,
    reason: 'weekly',
    windowDay: '2026-11-27',
  },
  {
    name: 'late shift: saturday 02:00 closed',
    schedule: lateShift,
    at: '2026-11-28T02:00:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'late shift: friday 21:59 closed',
    schedule: lateShift,
    at: '2026-11-27T21:59:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'late shift: thursday 23:00 closed',
    schedule: lateShift,
    at: '2026-11-26T23:00:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'late shift: friday 01:00 closed (thursday has none)',
    schedule: lateShift,
    at: '2026-11-27T01:00:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'late shift: saturday holiday does not cut friday night short',
    schedule: { ...lateShift, overrides: [{ date: '2026-11-28' }] },
    at: '2026-11-28T01:30:00-06:00',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'late shift: friday holiday removes the window, also after midnight',
    schedule: { ...lateShift, overrides: [{ date: '2026-11-27' }] },
    at: '2026-11-28T01:30:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'late shift crossing the spring-forward night: 03:30 CDT open',
    schedule: { id: 's', weekly: [{ days: ['sat'], start: '22:00', end: '04:00' }] },
    at: '2026-03-08T08:30:00Z',
    open: true,
    reason: 'weekly',
    windowDay: '2026-03-07',
  },

  // overrides beat weekly windows
  {
    name: 'holiday closed during normal hours',
    schedule: office,
    at: '2026-11-26T10:00:00-06:00',
    open: false,
    reason: 'holiday',
  },
  {
    name: 'special hours open',
    schedule: office,
    at: '2026-12-24T11:00:00-06:00',
    open: true,
    reason: 'override',
    windowDay: '2026-12-24',
  },
  {
    name: 'special hours: closed after them',
    schedule: office,
    at: '2026-12-24T13:00:00-06:00',
    open: false,
    reason: 'closed',
  },
  {
    name: 'date range override, first day',
    schedule: office,
    at: '2026-12-25T10:00:00-06:00',
    open: false,
    reason: 'holiday',
  },
  {
    name: 'date range override, last day (a saturday)',
    schedule: office,
    at: '2026-12-26T11:00:00-06:00',
    open: false,
    reason: 'holiday',
  },
  {
    name: 'after the range the weekly hours resume',
    schedule: office,
    at: '2026-12-28T10:00:00-06:00',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'special hours crossing midnight spill into the next day',
    schedule: {
      id: 'nye',
      weekly: [],
      overrides: [{ date: '2026-12-31', hours: [{ start: '20:00', end: '01:00' }] }],
    },
    at: '2027-01-01T00:30:00-06:00',
    open: true,
    reason: 'override',
    windowDay: '2026-12-31',
  },
  {
    name: 'all-day window 00:00–24:00',
    schedule: {
      id: 'always',
      weekly: [{ days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '00:00', end: '24:00' }],
    },
    at: '2026-11-29T23:59:00-06:00',
    open: true,
    reason: 'weekly',
  },
  {
    name: 'malformed window never opens',
    schedule: { id: 'bad', weekly: [{ days: ['mon'], start: '9:00', end: '17:00' }] },
    at: '2026-11-23T10:00:00-06:00',
    open: false,
    reason: 'closed',
  },
];

describe('evaluateSchedule', () => {
  for (const c of cases) {
    test(c.name, () => {
      const verdict = evaluateSchedule(c.schedule, c.at, c.zone ?? CHICAGO);
      assert.equal(verdict.open, c.open);
      assert.equal(verdict.reason, c.reason);
      if (c.windowDay !== undefined) assert.equal(verdict.window?.day, c.windowDay);
      if (!c.open) assert.equal(verdict.window, undefined);
    });
  }

  test('reports the zone used and the override of the day', () => {
    const verdict = evaluateSchedule(office, '2026-12-24T13:00:00-06:00', CHICAGO);
    assert.equal(verdict.timeZone, CHICAGO);
    assert.equal(verdict.override?.name, 'Christmas Eve');
    assert.equal(verdict.local.date, '2026-12-24');
  });

  test('schedule zone beats the fallback zone', () => {
    assert.equal(evaluateSchedule(berlinOffice, '2026-03-30T06:00:00Z', CHICAGO).timeZone, 'Europe/Berlin');
  });

  test('Date input works like the string', () => {
    assert.deepEqual(
      evaluateSchedule(office, new Date('2026-11-23T15:30:00Z'), CHICAGO),
      evaluateSchedule(office, '2026-11-23T15:30:00Z', CHICAGO),
    );
  });
});
