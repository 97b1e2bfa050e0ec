import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CallFlow, Schedule } from '@switchboard/domain';
import { describeCallSteps, heardByCaller } from '../support/call-harness';
import { CALLER, TRACKING_NUMBER, trackedNumber } from '../support/test-property';

const say = (id: string, text: string) => ({ id, type: 'hangup', message: { kind: 'tts', text } }) as const;

/** Office hours in the property's zone (America/Los_Angeles), with Christmas and its eve. */
const office: Schedule = {
  id: 'office',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
  overrides: [
    { name: 'Christmas Eve', date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] },
    { name: 'Christmas', date: '2026-12-25' },
  ],
};
/** Open all day on the holidays the office closes for, so they get a message of their own. */
const holidays: Schedule = {
  id: 'holidays',
  weekly: [],
  overrides: [{ name: 'Christmas', date: '2026-12-25', hours: [{ start: '00:00', end: '24:00' }] }],
};

const byHours: CallFlow = {
  initialStepId: 'hours',
  recording: false,
  steps: [
    {
      id: 'hours',
      type: 'schedule',
      branches: [
        { scheduleId: 'holidays', next: 'holiday' },
        { scheduleId: 'office', next: 'open' },
      ],
      otherwise: 'closed',
    },
    say('open', 'We are open.'),
    say('closed', 'We are closed.'),
    say('holiday', 'Happy holidays, we are closed today.'),
  ],
};

/** Repeat callers are welcomed back; everyone else hears the first-time welcome. */
const byCaller: CallFlow = {
  initialStepId: 'who',
  recording: false,
  steps: [
    {
      id: 'who',
      type: 'route',
      branches: [{ label: 'Repeat callers', criteria: [{ type: 'repeat' }], next: 'welcome_back' }],
      fallback: 'welcome',
    },
    say('welcome_back', 'Welcome back.'),
    say('welcome', 'Welcome to Maple Ridge.'),
  ],
};

describeCallSteps('schedules and routing', (placeCall) => {
  const callAt = (at: string) =>
    placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      at,
      number: trackedNumber({ flow: byHours, schedules: { office, holidays } }),
    });

  it('sends a call within office hours to the open branch', async () => {
    const run = await callAt('2026-11-23T10:00:00-08:00'); // Monday 10:00 in Portland
    assert.deepEqual(run.path, ['hours', 'open']);
    assert.deepEqual(heardByCaller(run), ['We are open.']);
  });

  it("judges the hours on the property's clock, not the server's", async () => {
    // Monday 08:30 in Portland is 16:30 UTC, when a server in UTC would call the office open.
    const run = await callAt('2026-11-23T08:30:00-08:00');
    assert.deepEqual(run.path, ['hours', 'closed']);
    assert.deepEqual(heardByCaller(run), ['We are closed.']);
    assert.equal(run.record.startedAt, '2026-11-23T16:30:00.000Z');
  });

  it('sends a call on a holiday to the holiday branch, though it falls on a weekday', async () => {
    const run = await callAt('2026-12-25T10:00:00-08:00'); // Christmas, a Friday
    assert.deepEqual(run.path, ['hours', 'holiday']);
  });

  it('keeps the office open on the special hours of a day with an override', async () => {
    const run = await callAt('2026-12-24T11:00:00-08:00'); // Christmas Eve: 09:00 to 12:00
    assert.deepEqual(run.path, ['hours', 'open']);
  });

  it('routes a first-time caller to the first-time branch', async () => {
    const run = await placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      number: trackedNumber({ flow: byCaller, priorCalls: 0 }),
    });
    assert.deepEqual(run.path, ['who', 'welcome']);
    assert.equal(run.announcements.started[0].firstTime, true);
  });

  it('routes a repeat caller to the repeat branch', async () => {
    const run = await placeCall({
      from: CALLER,
      to: TRACKING_NUMBER,
      number: trackedNumber({ flow: byCaller, priorCalls: 2 }),
    });
    assert.deepEqual(run.path, ['who', 'welcome_back']);
    assert.deepEqual(heardByCaller(run), ['Welcome back.']);
    assert.equal(run.announcements.started[0].firstTime, false);
  });
});
