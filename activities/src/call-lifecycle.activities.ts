import {
  callStartedNotice,
  type BeginCallRequest,
  type CallRecordInput,
  type CallStartedNotice,
  type FinishCallRequest,
  type ResolvedCall,
} from '@switchboard/contracts';

/** The activities a call's beginning and end are made of (see createActivities). */
interface Parts {
  resolveCall(to: string, from?: string, at?: string): Promise<ResolvedCall>;
  saveCallRecord(record: CallRecordInput): Promise<void>;
  announceCallStarted(n: CallStartedNotice): Promise<number>;
  announceCallFinished(workflowId: string): Promise<number>;
}

/**
 * A call's first and last activity in the call engine v2 (local activities: a marker each in the
 * call's history, no task of their own). Subscribers' webhooks are sent by their own delivery
 * workflows either way; these only create the deliveries.
 */
export function createCallLifecycleActivities(parts: Parts) {
  return {
    /**
     * Resolves the dialled number and announces the call without making the caller wait for it:
     * the announcement runs on after the activity returns. Should it be lost (the worker dies),
     * finishCall announces it again; deliveries are keyed on the event, so never twice.
     */
    async beginCall(call: BeginCallRequest): Promise<ResolvedCall> {
      const resolved = await parts.resolveCall(call.to, call.from, call.startedAt);
      const notice = callStartedNotice(call, resolved);
      if (notice) void parts.announceCallStarted(notice).catch(() => undefined);
      return resolved;
    },

    /** Saves the call's record, then announces the call (retried as a whole: each part is idempotent). */
    async finishCall(r: FinishCallRequest): Promise<void> {
      await parts.saveCallRecord(r.record);
      if (!r.started) return;
      await parts.announceCallStarted(r.started);
      await parts.announceCallFinished(r.record.workflowId);
    },
  };
}
