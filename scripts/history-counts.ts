import { temporal } from '@temporalio/proto';

/**
 * What a call's workflow history is made of, counted from the history alone (no Temporal needed):
 * the figures issue 18 sets targets for (events, workflow tasks, upserts) and what drives them.
 * `npm run bench` fetches each call's history after a run and prints these per call.
 */
export interface HistoryCounts {
  /** Every event of the history. */
  events: number;
  /** WORKFLOW_TASK_COMPLETED: each one a task the worker ran and Temporal persisted. */
  workflow_tasks: number;
  /**
   * WORKFLOW_TASK_FAILED and WORKFLOW_TASK_TIMED_OUT: tasks whose work was thrown away (e.g. an
   * `UnhandledCommand`: a signal arrived while the task completed the workflow), each three events
   * and a replay of the history on the worker, with any local activity in it run again.
   */
  failed_workflow_tasks: number;
  /** UPSERT_WORKFLOW_SEARCH_ATTRIBUTES. */
  upserts: number;
  /** WORKFLOW_PROPERTIES_MODIFIED: upsertMemo. */
  memo_upserts: number;
  /** MARKER_RECORDED, all kinds; split below into local activities, patches and others. */
  markers: number;
  local_activity_markers: number;
  patch_markers: number;
  other_markers: number;
  /** ACTIVITY_TASK_SCHEDULED: activities run on the task queue (local activities are markers). */
  activities: number;
  /** TIMER_STARTED, including the timeouts of `condition(…, ms)`. */
  timers: number;
  /** WORKFLOW_EXECUTION_SIGNALED. */
  signals: number;
  /** Whether the history ends the workflow (completed, failed, terminated, timed out, …). */
  closed: boolean;
  /**
   * The workflow type its first event names (`inboundCall`, `inboundCallV2`, …): which engine ran the
   * call, so that a comparison of engines can check it measured the one it meant to.
   */
  workflow_type: string | null;
}

const E = temporal.api.enums.v1.EventType;

/** Marker names the Temporal SDK core writes (sdk-core, `LOCAL_ACTIVITY_MARKER_NAME`, `PATCH_MARKER_NAME`). */
export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
export const PATCH_MARKER = 'core_patch';

const CLOSE_EVENTS: ReadonlySet<temporal.api.enums.v1.EventType> = new Set([
  E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
]);

/**
 * Counts one workflow history, as the client's `fetchHistory()` or `historyFromJSON()` gives it
 * (event types as the proto enum's numbers).
 */
export function countHistory(history: temporal.api.history.v1.IHistory): HistoryCounts {
  const c: HistoryCounts = {
    events: 0,
    workflow_tasks: 0,
    failed_workflow_tasks: 0,
    upserts: 0,
    memo_upserts: 0,
    markers: 0,
    local_activity_markers: 0,
    patch_markers: 0,
    other_markers: 0,
    activities: 0,
    timers: 0,
    signals: 0,
    closed: false,
    workflow_type: null,
  };
  for (const e of history.events ?? []) {
    c.events++;
    switch (e.eventType) {
      case E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        c.workflow_tasks++;
        break;
      case E.EVENT_TYPE_WORKFLOW_TASK_FAILED:
      case E.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
        c.failed_workflow_tasks++;
        break;
      case E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        c.upserts++;
        break;
      case E.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED:
        c.memo_upserts++;
        break;
      case E.EVENT_TYPE_MARKER_RECORDED: {
        c.markers++;
        const name = e.markerRecordedEventAttributes?.markerName;
        if (name === LOCAL_ACTIVITY_MARKER) c.local_activity_markers++;
        else if (name === PATCH_MARKER) c.patch_markers++;
        else c.other_markers++;
        break;
      }
      case E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        c.activities++;
        break;
      case E.EVENT_TYPE_TIMER_STARTED:
        c.timers++;
        break;
      case E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        c.signals++;
        break;
      case E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        c.workflow_type = e.workflowExecutionStartedEventAttributes?.workflowType?.name ?? null;
        break;
      default:
        if (e.eventType != null && CLOSE_EVENTS.has(e.eventType)) c.closed = true;
    }
  }
  return c;
}

/** The counted figures (all of HistoryCounts but `closed` and `workflow_type`), in the order they are printed. */
export const HISTORY_FIGURES = [
  'events',
  'workflow_tasks',
  'failed_workflow_tasks',
  'upserts',
  'memo_upserts',
  'markers',
  'local_activity_markers',
  'patch_markers',
  'other_markers',
  'activities',
  'timers',
  'signals',
] as const;
export type HistoryFigure = (typeof HISTORY_FIGURES)[number];

export interface HistoryPerCall {
  /** Histories counted (one per call whose workflow was found). */
  calls: number;
  /** Of those, still running when fetched: their counts are not final. */
  open: number;
  /** Calls whose workflow Temporal did not know (not counted). */
  missing: number;
  /** Histories per workflow type (`unknown`: a history without its start event). */
  workflow_types: Record<string, number>;
  per_call: Record<HistoryFigure, { p50: number; max: number }>;
}

/** p50 and max per call of each figure over several calls' histories. */
export function historyPerCall(counts: HistoryCounts[], missing = 0): HistoryPerCall {
  const per_call = {} as HistoryPerCall['per_call'];
  for (const f of HISTORY_FIGURES) {
    const v = counts.map((c) => c[f]).sort((a, b) => a - b);
    // The lower median: a figure a call actually had, never a half.
    per_call[f] = {
      p50: v.length ? v[Math.ceil(v.length / 2) - 1] : NaN,
      max: v.length ? v[v.length - 1] : NaN,
    };
  }
  const workflow_types: Record<string, number> = {};
  for (const c of counts) {
    const type = c.workflow_type ?? 'unknown';
    workflow_types[type] = (workflow_types[type] ?? 0) + 1;
  }
  return {
    calls: counts.length,
    open: counts.filter((c) => !c.closed).length,
    missing,
    workflow_types,
    per_call,
  };
}

const LABELS: Record<HistoryFigure, string> = {
  events: 'history events',
  workflow_tasks: 'workflow tasks',
  failed_workflow_tasks: 'workflow tasks failed or timed out',
  upserts: 'search-attribute upserts',
  memo_upserts: 'memo upserts',
  markers: 'markers',
  local_activity_markers: '  … local activity',
  patch_markers: '  … patch (version)',
  other_markers: '  … other',
  activities: 'activities scheduled',
  timers: 'timers started',
  signals: 'signals received',
};

/** The printed table of `historyPerCall`'s figures. */
export function historyLines(h: HistoryPerCall): string[] {
  const lines = [
    `${`per call (${h.calls} histories${h.open ? `, ${h.open} still open` : ''}${h.missing ? `, ${h.missing} missing` : ''})`.padEnd(38)} ${'p50'.padStart(8)} ${'max'.padStart(8)}`,
  ];
  for (const f of HISTORY_FIGURES)
    lines.push(
      `${LABELS[f].padEnd(38)} ${String(h.per_call[f].p50).padStart(8)} ${String(h.per_call[f].max).padStart(8)}`,
    );
  return lines;
}
