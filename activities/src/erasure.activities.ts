import { ApplicationFailure } from '@temporalio/activity';
import {
  CALL_IN_PROGRESS,
  type ErasureKind,
  type ErasureStart,
  type ErasureTableKind,
} from '@switchboard/contracts';
import type {
  ErasureRepository,
  ErasureSubject,
  PrivacyRequestRepository,
  Transactions,
  Tx,
} from '@switchboard/persistence';

/**
 * The Temporal executions of calls: their input and search attributes hold the caller's number
 * (libs/temporal's TemporalCallHistories; the port keeps the Temporal client out of activities).
 */
export interface CallHistories {
  /** Call workflows of these properties whose caller was this number, by Temporal's visibility. */
  find(
    callerNumber: string,
    propertyIds: readonly string[],
  ): Promise<{ workflowId: string; running: boolean }[]>;
  /** Deletes the closed executions among these; those still running are left and named. */
  deleteClosed(workflowIds: readonly string[]): Promise<{ deleted: number; running: string[] }>;
}

export interface ErasureStores {
  requests: PrivacyRequestRepository;
  erasure: ErasureRepository;
  transactions: Transactions;
  histories: CallHistories;
}

/** The erasure's failure type when the request ended or never was (not retried). */
const ERASURE_ENDED = 'ErasureEnded';

/**
 * The `eraseSubject` workflow's activities (docs/privacy-requests.md). Each kind's work and its
 * progress are one transaction, and every kind finds the person by value or token, so a retried
 * or restarted kind changes nothing twice. Recordings are deleted by the foundation's
 * `deleteRecording` activity, one each, from the workflow.
 */
export function createErasureActivities(s: ErasureStores) {
  const subjectOf = async (requestId: string): Promise<ErasureSubject> => {
    const subject = await s.requests.erasureSubject(requestId);
    if (!subject) throw ApplicationFailure.nonRetryable(`erasure ${requestId} is not running`, ERASURE_ENDED);
    return subject;
  };

  /**
   * A call of the person still in progress would save its record (with the number) after the
   * erasure: wait for it to end. Thrown as retryable; the workflow's retry policy is the wait.
   */
  const noCallInProgress = async (subject: ErasureSubject): Promise<void> => {
    if (subject.kind !== 'phone') return;
    const calls = await s.histories.find(subject.value, await s.erasure.propertyIds(subject.accountId));
    const running = calls.filter((c) => c.running).length;
    if (running > 0)
      throw ApplicationFailure.retryable(
        `${running} call(s) of the person still in progress`,
        CALL_IN_PROGRESS,
      );
  };

  const kindWork: Record<
    ErasureTableKind,
    (subject: ErasureSubject, requestId: string, tx: Tx) => Promise<number>
  > = {
    calls: (subject, _id, tx) => s.erasure.eraseCalls(subject, tx),
    texts: (subject, _id, tx) => s.erasure.eraseTexts(subject, tx),
    emails: (subject, _id, tx) => s.erasure.eraseEmails(subject, tx),
    forms: (subject, _id, tx) => s.erasure.eraseForms(subject, tx),
    conversions: (subject, _id, tx) => s.erasure.eraseConversions(subject, tx),
    webhooks: (subject, id, tx) => s.erasure.redactWebhooks(subject, id, tx),
  };

  return {
    /** Marks the request running; says which kinds a previous run finished. */
    async beginErasure(requestId: string): Promise<ErasureStart> {
      const begun = await s.requests.beginErasure(requestId);
      return begun ? { proceed: true, done: begun.done } : { proceed: false, done: [] };
    },

    /** The recordings to delete, once no call of the person is in progress. */
    async erasureRecordings(requestId: string): Promise<string[]> {
      const subject = await subjectOf(requestId);
      await noCallInProgress(subject);
      return s.erasure.recordingIds(subject);
    },

    async recordErasureProgress(requestId: string, kind: ErasureKind, changed: number): Promise<void> {
      await s.requests.recordProgress(requestId, kind, changed);
    },

    /** One kind's database work and its progress, in one transaction; returns what it changed. */
    async eraseKind(requestId: string, kind: ErasureTableKind): Promise<number> {
      const subject = await subjectOf(requestId);
      if (kind === 'calls') await noCallInProgress(subject);
      return s.transactions.run(async (tx) => {
        const changed = await kindWork[kind](subject, requestId, tx);
        await s.requests.recordProgress(requestId, kind, changed, tx);
        return changed;
      });
    },

    /**
     * Deletes the Temporal executions of the person's calls: those of their call records, and any
     * Temporal still lists for the number in the account's properties (a call that saved no record).
     */
    async eraseCallHistories(requestId: string): Promise<number> {
      const subject = await subjectOf(requestId);
      if (subject.kind !== 'phone') {
        await s.requests.recordProgress(requestId, 'histories', 0);
        return 0;
      }
      const listed = await s.histories.find(subject.value, await s.erasure.propertyIds(subject.accountId));
      const ids = new Set([
        ...(await s.erasure.callWorkflowIds(subject)),
        ...listed.map((c) => c.workflowId),
      ]);
      const { deleted, running } = await s.histories.deleteClosed([...ids]);
      if (running.length > 0)
        throw ApplicationFailure.retryable(
          `${running.length} call(s) of the person still in progress`,
          CALL_IN_PROGRESS,
        );
      await s.requests.recordProgress(requestId, 'histories', deleted);
      return deleted;
    },

    /** Done (error null) or failed: either way the person's value is forgotten. */
    async finishErasure(requestId: string, error: string | null): Promise<void> {
      await s.requests.finishErasure(requestId, error);
    },
  };
}
