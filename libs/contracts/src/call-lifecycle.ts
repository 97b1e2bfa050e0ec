import type { CallStartedNotice } from './background-work';
import type { ResolvedCall } from './call-context';
import type { CallRecordInput } from './call-record';

/**
 * What the call engine v2 starts a call with: one local activity that resolves the number and
 * announces the call to subscribers, so the caller's first workflow task does both.
 */
export interface BeginCallRequest {
  workflowId: string;
  callSessionId: string;
  from: string;
  to: string;
  /** The caller's call.initiated instant (carrier clock): attribution and schedules use it. */
  startedAt: string;
}

/**
 * What the call engine v2 ends a call with: one local activity that saves the record and, for a
 * known number, announces the call (call.started again, idempotent, then call.completed and
 * voicemail.left), so a call's end costs one marker instead of two activities' events and tasks.
 */
export interface FinishCallRequest {
  record: CallRecordInput;
  /** Null for unknown numbers: nothing is announced. */
  started: CallStartedNotice | null;
}

/** The call.started notice of a resolved call; null for an unknown number. */
export function callStartedNotice(call: BeginCallRequest, resolved: ResolvedCall): CallStartedNotice | null {
  if (!resolved.known) return null;
  return {
    workflowId: call.workflowId,
    callSessionId: call.callSessionId,
    propertyId: resolved.propertyId,
    from: call.from,
    to: call.to,
    trackingNumberId: resolved.trackingNumberId,
    sourceName: resolved.sourceName,
    startedAt: call.startedAt,
    firstTime: resolved.caller.firstTime,
    ...(resolved.attribution ? { attribution: resolved.attribution } : {}),
  };
}
