import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import {
  countHistory,
  historyPerCall,
  LOCAL_ACTIVITY_MARKER,
  PATCH_MARKER,
  type HistoryCounts,
} from '../../scripts/history-counts';
import { HISTORIES_DIR } from '../support/histories';

/** A recorded history as committed: proto JSON, event types spelled out (`EVENT_TYPE_…`). */
interface RawHistory {
  events: {
    eventType: string;
    markerRecordedEventAttributes?: { markerName?: string };
    workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } };
  }[];
}

const read = (file: string): RawHistory =>
  JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as RawHistory;

/** The same figures as countHistory, counted here another way: by filtering the JSON's type names. */
function countByFiltering(raw: RawHistory): Omit<HistoryCounts, 'closed'> {
  const started = raw.events.find((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  const of = (type: string) => raw.events.filter((e) => e.eventType === `EVENT_TYPE_${type}`);
  const markers = of('MARKER_RECORDED').map((e) => e.markerRecordedEventAttributes?.markerName);
  return {
    events: raw.events.length,
    workflow_tasks: of('WORKFLOW_TASK_COMPLETED').length,
    failed_workflow_tasks: of('WORKFLOW_TASK_FAILED').length + of('WORKFLOW_TASK_TIMED_OUT').length,
    upserts: of('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES').length,
    memo_upserts: of('WORKFLOW_PROPERTIES_MODIFIED').length,
    markers: markers.length,
    local_activity_markers: markers.filter((m) => m === LOCAL_ACTIVITY_MARKER).length,
    patch_markers: markers.filter((m) => m === PATCH_MARKER).length,
    other_markers: markers.filter((m) => m !== LOCAL_ACTIVITY_MARKER && m !== PATCH_MARKER).length,
    activities: of('ACTIVITY_TASK_SCHEDULED').length,
    timers: of('TIMER_STARTED').length,
    signals: of('WORKFLOW_EXECUTION_SIGNALED').length,
    workflow_type: started?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? null,
  };
}

const count = (file: string) => countHistory(historyFromJSON(read(file)));

describe("the benchmark's history counts (scripts/history-counts.ts)", () => {
  it('counts a recorded forwarding call: events, workflow tasks, upserts, markers', () => {
    // Answered after the greeting, recorded with the engine of 2026-11-22 (before the patches).
    const c = count('forwarding--answered-after-the-greeting.json');
    assert.deepEqual(
      {
        events: c.events,
        workflow_tasks: c.workflow_tasks,
        upserts: c.upserts,
        memo_upserts: c.memo_upserts,
      },
      { events: 52, workflow_tasks: 8, upserts: 2, memo_upserts: 0 },
    );
    assert.deepEqual(
      { markers: c.markers, local: c.local_activity_markers, patch: c.patch_markers, other: c.other_markers },
      { markers: 6, local: 6, patch: 0, other: 0 },
    );
    assert.deepEqual(
      { activities: c.activities, timers: c.timers, signals: c.signals, closed: c.closed },
      { activities: 1, timers: 4, signals: 7, closed: true },
    );
  });

  it("counts today's forwarding call, issue 18's starting point", () => {
    // Recorded 2026-12-05 before the call engine v2: each of its five patches is a marker plus a
    // TemporalChangeVersion upsert, which makes five of its seven upserts.
    const c = count('engine-v1-2026-12-05--forwarding--answered-after-the-greeting.json');
    assert.deepEqual(
      [c.events, c.workflow_tasks, c.upserts, c.memo_upserts, c.local_activity_markers, c.patch_markers],
      [76, 10, 7, 1, 5, 5],
    );
    assert.deepEqual([c.activities, c.timers, c.signals, c.closed], [3, 5, 7, true]);
  });

  it('tells patch markers from local-activity markers, and counts memo upserts', () => {
    const c = count('agent-calls--browser-agent-answers-and-hangs-up-first.json');
    assert.deepEqual([c.markers, c.local_activity_markers, c.patch_markers, c.memo_upserts], [12, 8, 4, 1]);
  });

  it('counts workflow tasks thrown away (failed, timed out) apart from the completed ones', () => {
    // No recorded history has one: a minimal history, made of event types alone.
    const types = ['WORKFLOW_EXECUTION_STARTED'];
    for (const end of ['FAILED', 'TIMED_OUT', 'COMPLETED'])
      types.push('WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', `WORKFLOW_TASK_${end}`);
    types.push('WORKFLOW_EXECUTION_COMPLETED');
    const E = temporal.api.enums.v1.EventType;
    const c = countHistory({
      events: types.map((t) => ({ eventType: E[`EVENT_TYPE_${t}` as keyof typeof E] })),
    });
    assert.deepEqual([c.events, c.workflow_tasks, c.failed_workflow_tasks, c.closed], [11, 1, 2, true]);
  });

  it('agrees with a count by event type names on every recorded history', () => {
    const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 3);
    for (const file of files) {
      const raw = read(file);
      const { closed, ...counts } = count(file);
      assert.deepEqual(counts, countByFiltering(raw), file);
      // Two recordings were taken before their workflow had ended: `closed` tells them apart.
      const last = raw.events[raw.events.length - 1]?.eventType ?? '';
      assert.equal(closed, /^EVENT_TYPE_WORKFLOW_EXECUTION_(COMPLETED|FAILED|TERMINATED)$/.test(last), file);
    }
  });

  it('sums up calls as p50 and max per call, open and missing ones named', () => {
    const calls = ['forwarding--answered-after-the-greeting.json', 'forwarding--nobody-answers.json'].map(
      count,
    );
    const open = { ...calls[0], events: 10, closed: false };
    const h = historyPerCall([...calls, open], 2);
    assert.deepEqual(
      { calls: h.calls, open: h.open, missing: h.missing, events: h.per_call.events },
      { calls: 3, open: 1, missing: 2, events: { p50: 48, max: 52 } },
    );
    // Which engine ran them: a comparison of engines checks it measured the one it meant to.
    assert.deepEqual(h.workflow_types, { inboundCall: 3 });
    assert.deepEqual(h.per_call.workflow_tasks, { p50: 8, max: 8 });
  });
});
