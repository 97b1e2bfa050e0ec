import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import {
  ENFORCE_RETENTION_WORKFLOW,
  type EnforceRetentionInput,
  type RetentionBatchResult,
  type RetentionCounts,
  type RetentionPropertyPlan,
  type RetentionTask,
} from '@switchboard/contracts';
import type { RetentionCategory } from '@switchboard/domain';
import { testServers, uniqueName } from '../../support/test-env';
import { sharedBundle } from '../../support/workflow-bundle';

/**
 * A retention run over a world of its own: properties, how many expired rows each category still
 * has, and expired recordings. The activities are mocked on it (the real ones run end to end in
 * test/e2e/retention); a batch strips at most three rows, a recording batch lists two.
 */
interface World {
  properties: string[];
  rows: Map<string, number>;
  recordings: Map<string, { propertyId: string; deleted: boolean }>;
  run: { counts: RetentionCounts; status: string; error: string | null };
  strips: number;
  historySet: number;
  /** A strip of this property fails: `once` after doing its work, or `always`, not to be retried. */
  failStrip?: { propertyId: string; mode: 'once' | 'always'; failed: number };
}

const CATEGORIES: RetentionCategory[] = ['recordings', 'transcripts', 'callerData'];
const key = (t: RetentionTask) => `${t.propertyId}/${t.category}`;

function world(properties: string[], rowsPer: number, recordingsPer: number): World {
  const w: World = {
    properties,
    rows: new Map(),
    recordings: new Map(),
    run: { counts: {}, status: 'running', error: null },
    strips: 0,
    historySet: 0,
  };
  for (const p of properties) {
    w.rows.set(`${p}/transcripts`, rowsPer);
    w.rows.set(`${p}/callerData`, rowsPer + 1);
    for (let i = 0; i < recordingsPer; i++)
      w.recordings.set(`${p}-rec${i}`, { propertyId: p, deleted: false });
  }
  return w;
}

const remainingRecordings = (w: World, propertyId: string) =>
  [...w.recordings.entries()].filter(([, r]) => r.propertyId === propertyId && !r.deleted).map(([id]) => id);

describe('enforceRetention: batches until done, dry runs only count, progress survives continue-as-new', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueName('retention');
  const worlds = new Map<string, World>();

  before(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: testServers().temporalAddress });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await sharedBundle(),
      activities: {
        async openRetentionRun(): Promise<string> {
          throw ApplicationFailure.nonRetryable('runs here are started with their row');
        },
        async nextRetentionProperty(
          runId: string,
          afterId: string | null,
        ): Promise<RetentionPropertyPlan | null> {
          const w = worlds.get(runId)!;
          const next = w.properties.find((p) => afterId === null || p > afterId);
          if (!next) return null;
          return {
            propertyId: next,
            tasks: CATEGORIES.map((category) => ({ propertyId: next, category, cutoff: 'c' })),
          };
        },
        async countRetention(t: RetentionTask): Promise<number> {
          const w = worlds.get(runOfProperty(t.propertyId))!;
          return t.category === 'recordings'
            ? remainingRecordings(w, t.propertyId).length
            : w.rows.get(key(t))!;
        },
        async stripRetentionBatch(t: RetentionTask): Promise<RetentionBatchResult> {
          const w = worlds.get(runOfProperty(t.propertyId))!;
          w.strips++;
          if (w.failStrip?.propertyId === t.propertyId && w.failStrip.mode === 'always')
            throw ApplicationFailure.nonRetryable('database refused: disk full');
          const left = w.rows.get(key(t))!;
          const removed = Math.min(3, left);
          w.rows.set(key(t), left - removed);
          if (w.failStrip?.propertyId === t.propertyId && w.failStrip.failed++ === 0)
            throw new Error('connection lost after the batch committed');
          return { removed, more: removed === 3 };
        },
        async expiredRecordings(t: RetentionTask): Promise<string[]> {
          return remainingRecordings(worlds.get(runOfProperty(t.propertyId))!, t.propertyId).slice(0, 2);
        },
        async deleteRecording(id: string, reason: string): Promise<string> {
          assert.equal(reason, 'retention');
          const r = [...worlds.values()].map((w) => w.recordings.get(id)).find(Boolean)!;
          if (r.deleted) return 'already_deleted';
          r.deleted = true;
          return 'deleted';
        },
        async recordRetentionCount(
          runId: string,
          propertyId: string,
          category: RetentionCategory,
          n: number,
        ) {
          const w = worlds.get(runId)!;
          w.run.counts[propertyId] = { ...w.run.counts[propertyId], [category]: n };
        },
        async finishRetentionRun(runId: string, status: string, error: string | null) {
          const w = worlds.get(runId)!;
          w.run.status = status;
          w.run.error = error;
        },
        async applyHistoryRetention(): Promise<number> {
          for (const w of worlds.values()) w.historySet++;
          return 7;
        },
      },
    });
    running = worker.run();
  });
  after(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  /** Properties are named `<runId>-p<n>`, so an activity given a task finds its world. */
  const runOfProperty = (propertyId: string) => propertyId.slice(0, propertyId.lastIndexOf('-p'));

  function newRun(properties: number, rowsPer: number, recordingsPer: number): { runId: string; w: World } {
    const runId = uniqueName('run');
    const w = world(
      Array.from({ length: properties }, (_, i) => `${runId}-p${i}`),
      rowsPer,
      recordingsPer,
    );
    worlds.set(runId, w);
    return { runId, w };
  }

  async function enforce(runId: string, input: Omit<EnforceRetentionInput, 'runId'>) {
    const handle = await env.client.workflow.start(ENFORCE_RETENTION_WORKFLOW, {
      workflowId: `retention-${runId}`,
      taskQueue,
      args: [{ runId, ...input } satisfies EnforceRetentionInput],
    });
    return { handle, result: handle.result() };
  }

  it('a real run strips batch by batch until nothing is left, and records each category', async () => {
    const { runId, w } = newRun(2, 7, 3);
    const { result } = await enforce(runId, { dryRun: false });
    assert.deepEqual(await result, { runId, status: 'succeeded' });
    assert.deepEqual(w.run.counts, {
      [`${runId}-p0`]: { recordings: 3, transcripts: 7, callerData: 8 },
      [`${runId}-p1`]: { recordings: 3, transcripts: 7, callerData: 8 },
    });
    assert.ok([...w.rows.values()].every((n) => n === 0));
    assert.ok([...w.recordings.values()].every((r) => r.deleted));
    // 7 rows in batches of 3: 3 batches; 8 rows: 3 batches; two properties.
    assert.equal(w.strips, 12);
    assert.equal(w.run.status, 'succeeded');
    assert.equal(w.historySet, 1);
  });

  it('a dry run only counts: nothing stripped, nothing deleted, history retention left alone', async () => {
    const { runId, w } = newRun(2, 5, 2);
    const { result } = await enforce(runId, { dryRun: true });
    assert.deepEqual(await result, { runId, status: 'succeeded' });
    assert.deepEqual(w.run.counts[`${runId}-p1`], { recordings: 2, transcripts: 5, callerData: 6 });
    assert.equal(w.strips, 0);
    assert.ok([...w.recordings.values()].every((r) => !r.deleted));
    assert.equal(w.rows.get(`${runId}-p0/transcripts`), 5);
    assert.equal(w.historySet, 0);
  });

  it('continues as new when its history grows, carrying where it was and its counts', async () => {
    const { runId, w } = newRun(3, 10, 5);
    const { handle, result } = await enforce(runId, { dryRun: false, activitiesPerRun: 6 });
    assert.deepEqual(await result, { runId, status: 'succeeded' });
    const last = await handle.describe();
    assert.notEqual(last.runId, handle.firstExecutionRunId, 'the run continued as new');
    for (let i = 0; i < 3; i++)
      assert.deepEqual(w.run.counts[`${runId}-p${i}`], { recordings: 5, transcripts: 10, callerData: 11 });
    assert.ok([...w.rows.values()].every((n) => n === 0));
    assert.ok([...w.recordings.values()].every((r) => r.deleted));
    // History retention is set once per run, not once per continued run.
    assert.equal(w.historySet, 1);
  });

  it('a batch that fails after committing is retried: the run finishes, nothing is stripped twice', async () => {
    const { runId, w } = newRun(1, 4, 0);
    w.failStrip = { propertyId: `${runId}-p0`, mode: 'once', failed: 0 };
    const { result } = await enforce(runId, { dryRun: false });
    assert.deepEqual(await result, { runId, status: 'succeeded' });
    assert.ok([...w.rows.values()].every((n) => n === 0));
    assert.equal(w.run.status, 'succeeded');
    // The lost batch's rows were stripped; its answer never came, so the count may miss them, never double them.
    const counted = w.run.counts[`${runId}-p0`];
    assert.ok(counted.transcripts! <= 4 && counted.callerData! <= 5, JSON.stringify(counted));
  });

  it('a failure ends the run as failed, with the error and what was done before it', async () => {
    const { runId, w } = newRun(2, 2, 1);
    w.failStrip = { propertyId: `${runId}-p1`, mode: 'always', failed: 0 };
    const { result } = await enforce(runId, { dryRun: false });
    await assert.rejects(result, WorkflowFailedError);
    assert.equal(w.run.status, 'failed');
    assert.equal(w.run.error, 'database refused: disk full');
    assert.deepEqual(w.run.counts[`${runId}-p0`], { recordings: 1, transcripts: 2, callerData: 3 });
    // p1's recordings came first and were deleted, and recorded; its transcripts never started.
    assert.deepEqual(w.run.counts[`${runId}-p1`], { recordings: 1 });
  });
});
