import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/activity';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import {
  CALL_IN_PROGRESS,
  ERASE_SUBJECT_WORKFLOW,
  ERASURE_KINDS,
  erasureWorkflowId,
  type ErasureKind,
  type ErasureStart,
  type ErasureTableKind,
  type EraseSubjectInput,
} from '@switchboard/contracts';
import { testServers, uniqueName } from '../../support/test-env';
import { sharedBundle } from '../../support/workflow-bundle';

/**
 * One request as the mocked activities see it: what each kind changes, which kinds a previous run
 * finished, where it fails, and everything the workflow did, in order (the real activities run
 * end to end in test/e2e/privacy-erasure).
 */
interface Request {
  status: 'pending' | 'running' | 'done' | 'failed';
  counts: Partial<Record<ErasureKind, number>>;
  recordings: string[];
  changes: Partial<Record<ErasureKind, number>>;
  /** Kinds that fail for good, or that say a call is in progress this many times first. */
  failing?: ErasureKind;
  busyTimes?: number;
  calls: string[];
  error: string | null;
}

describe('eraseSubject: every kind in order, progress recorded, failure recorded, resumed', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueName('erasures');
  const requests = new Map<string, Request>();
  const req = (id: string) => requests.get(id)!;
  const step = (id: string, kind: ErasureKind) => {
    const r = req(id);
    r.calls.push(kind);
    if (r.failing === kind) throw ApplicationFailure.nonRetryable(`${kind} broke`, 'Broken');
    if (kind === 'calls' && (r.busyTimes ?? 0) > 0) {
      r.busyTimes!--;
      throw ApplicationFailure.retryable('1 call(s) of the person still in progress', CALL_IN_PROGRESS);
    }
  };
  const progress = (id: string, kind: ErasureKind, n: number) => {
    const r = req(id);
    r.counts[kind] = (r.counts[kind] ?? 0) + n;
  };

  before(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: testServers().temporalAddress });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await sharedBundle(),
      activities: {
        async beginErasure(id: string): Promise<ErasureStart> {
          const r = req(id);
          if (r.status === 'done' || r.status === 'failed') return { proceed: false, done: [] };
          r.status = 'running';
          return { proceed: true, done: Object.keys(r.counts) as ErasureKind[] };
        },
        async erasureRecordings(id: string): Promise<string[]> {
          step(id, 'recordings');
          return req(id).recordings;
        },
        async deleteRecording(recordingId: string): Promise<string> {
          for (const r of requests.values())
            if (r.recordings.includes(recordingId)) r.calls.push(`delete ${recordingId}` as ErasureKind);
          return recordingId.endsWith('gone') ? 'already_deleted' : 'deleted';
        },
        async recordErasureProgress(id: string, kind: ErasureKind, n: number): Promise<void> {
          progress(id, kind, n);
        },
        async eraseKind(id: string, kind: ErasureTableKind): Promise<number> {
          step(id, kind);
          const n = req(id).changes[kind] ?? 0;
          progress(id, kind, n);
          return n;
        },
        async eraseCallHistories(id: string): Promise<number> {
          step(id, 'histories');
          const n = req(id).changes.histories ?? 0;
          progress(id, 'histories', n);
          return n;
        },
        async finishErasure(id: string, error: string | null): Promise<void> {
          const r = req(id);
          r.status = error === null ? 'done' : 'failed';
          r.error = error;
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

  async function erase(r: Partial<Request>): Promise<{ result: string; r: Request }> {
    const requestId = uniqueName('erasure');
    const full: Request = {
      status: 'pending',
      counts: {},
      recordings: [],
      changes: {},
      calls: [],
      error: null,
      ...r,
    };
    requests.set(requestId, full);
    const result = await env.client.workflow.execute(ERASE_SUBJECT_WORKFLOW, {
      workflowId: erasureWorkflowId(requestId),
      taskQueue,
      args: [{ requestId } satisfies EraseSubjectInput],
    });
    return { result: result as string, r: full };
  }

  it('works through every kind in order, deleting each recording, and records what each changed', async () => {
    const { result, r } = await erase({
      recordings: ['rec-1', 'rec-2-gone'],
      changes: { calls: 2, texts: 1, forms: 1, conversions: 1, webhooks: 3, histories: 2 },
    });
    assert.equal(result, 'done');
    assert.deepEqual(r.calls, [
      'recordings',
      'delete rec-1',
      'delete rec-2-gone',
      'calls',
      'texts',
      'emails',
      'forms',
      'conversions',
      'webhooks',
      'histories',
    ]);
    // One recording deleted now; the other was gone already (counted by whoever deleted it).
    assert.deepEqual(r.counts, {
      recordings: 1,
      calls: 2,
      texts: 1,
      emails: 0,
      forms: 1,
      conversions: 1,
      webhooks: 3,
      histories: 2,
    });
    assert.deepEqual(Object.keys(r.counts), [...ERASURE_KINDS]);
    assert.equal(r.status, 'done');
    assert.equal(r.error, null);
  });

  it('a kind that fails for good marks the request failed with its reason, and stops there', async () => {
    const { result, r } = await erase({ failing: 'emails', changes: { calls: 1 } });
    assert.equal(result, 'failed');
    assert.equal(r.status, 'failed');
    assert.equal(r.error, 'emails broke');
    assert.deepEqual(r.calls, ['recordings', 'calls', 'texts', 'emails']);
    assert.deepEqual(Object.keys(r.counts), ['recordings', 'calls', 'texts']);
  });

  it('resumes after the kinds a previous run finished, without redoing them', async () => {
    const { result, r } = await erase({
      status: 'running',
      counts: { recordings: 1, calls: 2, texts: 0 },
      changes: { emails: 1, histories: 2 },
    });
    assert.equal(result, 'done');
    assert.deepEqual(r.calls, ['emails', 'forms', 'conversions', 'webhooks', 'histories']);
    assert.deepEqual(r.counts, {
      recordings: 1,
      calls: 2,
      texts: 0,
      emails: 1,
      forms: 0,
      conversions: 0,
      webhooks: 0,
      histories: 2,
    });
  });

  it('waits while a call of the person is in progress, then erases it', async () => {
    const { result, r } = await erase({ busyTimes: 1, changes: { calls: 1 } });
    assert.equal(result, 'done');
    assert.deepEqual(
      r.calls.filter((k) => k === 'calls'),
      ['calls', 'calls'],
    );
    assert.equal(r.counts.calls, 1);
  });

  it('a request already finished is left alone', async () => {
    const { result, r } = await erase({ status: 'done', counts: { recordings: 0 } });
    assert.equal(result, 'skipped');
    assert.deepEqual(r.calls, []);
  });
});
