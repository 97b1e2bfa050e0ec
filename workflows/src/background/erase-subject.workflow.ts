import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { CALL_IN_PROGRESS, ERASURE_KINDS, type EraseSubjectInput } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/** The request's bookkeeping: quick, retried while the database is down. */
const book = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
});

/**
 * The erasure's work. A kind retried for a day: the database or the carrier down, or a call of the
 * person still in progress (CallInProgress: waited for, up to two minutes between looks); then
 * the request is marked failed with the reason, and a new request starts over where it stopped.
 */
const work = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  scheduleToCloseTimeout: '1d',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '2m',
    nonRetryableErrorTypes: ['ErasureEnded'],
  },
});

/** Why a kind gave up, for the request's `error` (the activity's own message, not the wrapper's). */
function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type === CALL_IN_PROGRESS)
    return `gave up waiting: ${cause.message}`;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Erases one person's data from an account (docs/privacy-requests.md): each kind in
 * ERASURE_KINDS order, its progress recorded as it ends. A restarted workflow (the sweep, a
 * replayed start) skips the kinds already done. Returns 'skipped' for a request already ended.
 */
export async function eraseSubject(input: EraseSubjectInput): Promise<'done' | 'failed' | 'skipped'> {
  const { requestId } = input;
  const start = await book.beginErasure(requestId);
  if (!start.proceed) return 'skipped';
  try {
    for (const kind of ERASURE_KINDS) {
      if (start.done.includes(kind)) continue;
      if (kind === 'recordings') {
        let deleted = 0;
        for (const id of await work.erasureRecordings(requestId))
          if ((await work.deleteRecording(id, 'erasure')) === 'deleted') deleted++;
        await book.recordErasureProgress(requestId, kind, deleted);
      } else if (kind === 'histories') await work.eraseCallHistories(requestId);
      else await work.eraseKind(requestId, kind);
    }
  } catch (err) {
    await book.finishErasure(requestId, reasonOf(err));
    return 'failed';
  }
  await book.finishErasure(requestId, null);
  return 'done';
}
