import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dryRun } from '../dry-run';
import { describeDisclosure, describeOutcome, explainDryRun } from '../dry-run-explain';
import type { DecisionContext } from '../interpret';
import { officeSchedule, ringGroups, sunsetFlow } from './fixtures';

const ctx = (at: string, repeat = false): DecisionContext => ({
  caller: repeat
    ? { firstTime: false, priorCalls: 2, source: 'Zillow', previousCall: { leadStatus: 'good_lead' } }
    : { firstTime: true, priorCalls: 0, source: 'Zillow' },
  at,
  timeZone: 'America/Chicago',
  schedules: { office: officeSchedule },
});

describe('explainDryRun', () => {
  test('each step the call passed, what happened and why', () => {
    const result = dryRun(sunsetFlow, ctx('2026-11-23T09:30:00-06:00'), {
      ringGroups,
      keypresses: ['1', '2'],
      answeringAgentIds: ['ann'],
    });
    const steps = explainDryRun(sunsetFlow, result);
    assert.deepEqual(
      steps.map((s) => [s.stepId, s.decision, s.next]),
      [
        ['greeting', 'Played the greeting', 'by_caller'],
        ['by_caller', 'Branch 3 matched', 'hours'],
        ['hours', 'Schedule office open', 'main_menu'],
        ['main_menu', 'Option 1 chosen', 'leasing_menu'],
        ['leasing_menu', 'Option 2 chosen', 'ring_leasing'],
        ['ring_leasing', 'Answered by ann', undefined],
      ],
    );
    assert.match(steps[1].why ?? '', /Zillow/);
    assert.equal(steps[2].why, 'open by its weekly hours');
    assert.equal(steps[3].why, 'pressed 1');
    assert.match(steps[5].why ?? '', /^round_robin: /);
    assert.equal(describeOutcome(result.outcome), 'Answered by ann at ring_leasing');
  });

  test('fallbacks, closed schedules and unanswered rings say so', () => {
    const evening = dryRun(sunsetFlow, ctx('2026-11-23T18:00:00-06:00'), { ringGroups });
    const hours = explainDryRun(sunsetFlow, evening).find((s) => s.stepId === 'hours');
    assert.deepEqual(hours, {
      stepId: 'hours',
      label: 'hours',
      decision: 'No schedule open: otherwise',
      why: 'closed',
      next: 'after_hours',
    });

    const silent = dryRun(sunsetFlow, ctx('2026-11-23T09:30:00-06:00'), {
      ringGroups,
      keypresses: [null, ''],
    });
    const menu = explainDryRun(sunsetFlow, silent).find((s) => s.stepId === 'main_menu');
    assert.equal(menu?.decision, 'Fallback after no input');
    assert.equal(menu?.why, 'no key (timeout), no key (timeout)');
    assert.equal(menu?.next, 'voicemail');
    assert.equal(describeOutcome(silent.outcome), 'Voicemail (box main) at voicemail');

    const vip = dryRun(sunsetFlow, ctx('2026-11-23T09:30:00-06:00', true), { ringGroups });
    const ring = explainDryRun(sunsetFlow, vip).find((s) => s.stepId === 'ring_vip');
    assert.equal(ring?.decision, 'Nobody answered');
    assert.equal(ring?.next, 'ring_leasing');
  });
});

describe('describeDisclosure', () => {
  const at = ctx('2026-11-23T09:30:00-06:00');
  test('names the disclosure the caller hears first, and whose it is', () => {
    assert.equal(
      describeDisclosure(dryRun(sunsetFlow, at, { ringGroups })),
      'First the recording disclosure (the flow’s own): “This call may be recorded for quality.”',
    );
    const inherited = dryRun({ ...sunsetFlow, recordingDisclosure: undefined }, at, {
      ringGroups,
      propertyDisclosure: { kind: 'audio', audioId: 'notice' },
    });
    assert.equal(
      describeDisclosure(inherited),
      'First the recording disclosure (the property’s default): audio notice',
    );
  });

  test('says a recorded caller is told nothing, and nothing of a flow that does not record', () => {
    const silent = dryRun({ ...sunsetFlow, recordingDisclosure: undefined }, at, { ringGroups });
    assert.equal(describeDisclosure(silent), 'Recorded without a disclosure: the caller is not told');
    assert.equal(describeDisclosure(dryRun({ ...sunsetFlow, recording: false }, at, { ringGroups })), null);
  });
});
