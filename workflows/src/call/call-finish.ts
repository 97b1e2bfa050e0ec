import { allHandlersFinished, condition, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import {
  CallSearchAttributes as SA,
  callStartedNotice,
  type BeginCallRequest,
  type CallOutcome,
  type CallRecordInput,
  type ResolvedCall,
} from '@switchboard/contracts';
import { secondsBetween } from '@switchboard/domain';
import { callEnd, notify } from '../activity-proxies';
import { callSummary } from './call-summary';
import type { CallSession } from './call-session';
import { campaignOf } from './call-start';

/** How long to wait for the caller's hangup after we hung up ourselves: the record ends with it. */
const CALLER_HANGUP_WAIT_MS = 30_000;

/**
 * Writes what the call came to: the record (and its announcements) in one local activity, the
 * outcome for the Web UI's list, a one-line summary memo, and the voicemail box's notification.
 */
export async function finishCall(
  s: CallSession,
  begin: BeginCallRequest,
  resolved: ResolvedCall,
  outcome: CallOutcome,
): Promise<void> {
  await s.waitFor(() => s.state.callerEnded(), CALLER_HANGUP_WAIT_MS);
  // A signal that arrives while the last task runs has its completion refused, and the task (this
  // record's write with it) run again: so the call ends once the agents' legs it released have
  // reported their end too (briefly: their hangups are on their way).
  await s.waitFor(() => [...s.state.legs.values()].every((l) => !!l.endedAt), s.timing.ringMarginMs);
  // An agent's pause or resume on its way to the carrier lands in the record (no timer: it is
  // bounded by the command's own timeouts; calls without one pass at once).
  if (!allHandlersFinished()) await condition(allHandlersFinished);
  const route = resolved.known ? resolved : null;
  const callerLeg = s.state.callerLeg();
  const endedAt = callerLeg?.endedAt ?? s.state.lastEventAt ?? s.caller.startedAt;
  s.state.step = 'done';
  const record: CallRecordInput = {
    workflowId: s.wf,
    callSessionId: begin.callSessionId,
    callControlId: s.caller.callControlId,
    from: s.caller.from,
    to: s.caller.to,
    propertyId: route?.propertyId ?? null,
    trackingNumberId: route?.trackingNumberId ?? null,
    sourceId: route?.sourceId ?? null,
    sourceName: route?.sourceName ?? null,
    startedAt: s.caller.startedAt,
    answeredAt: s.answered?.answeredAt ?? null,
    endedAt,
    outcome,
    answeredBy: s.answered?.to ?? null,
    hangupCause: callerLeg?.hangupCause ?? null,
    path: s.state.path,
    callFlowId: route?.flow?.id ?? null,
    callFlowVersion: route?.flow?.version ?? null,
    recordingUrl: s.voicemail?.url ?? s.conversationRecordingUrl ?? null,
    voicemailBoxId: s.voicemail?.boxId ?? null,
    ...(s.disclosure ? { disclosure: s.disclosure } : {}),
    ...(s.recording
      ? { recordingStartedAt: s.recording.startedAt, recordingPauses: s.recording.result().pauses }
      : {}),
    ...(route?.attribution ? { attribution: route.attribution } : {}),
  };
  upsertSearchAttributes([{ key: SA.outcome, value: outcome }]);
  upsertMemo({
    summary: callSummary({
      from: s.caller.from,
      to: s.caller.to,
      source: route?.sourceName ?? null,
      campaign: route ? (campaignOf(route) ?? null) : null,
      firstTime: route?.caller.firstTime ?? null,
      outcome,
      answeredBy: record.answeredBy,
      talkSecs: secondsBetween(record.answeredAt, endedAt) ?? 0,
      path: s.state.path,
    }),
  });
  await callEnd.finishCall({ record, started: callStartedNotice(begin, resolved) });
  if (route && s.voicemail) {
    // The record is safe already; a receiver that stays down must not fail the call's workflow.
    await notify
      .notifyVoicemail({
        propertyId: route.propertyId,
        voicemailBoxId: s.voicemail.boxId,
        callSessionId: begin.callSessionId,
        from: s.caller.from,
        to: s.caller.to,
        sourceName: route.sourceName,
        startedAt: s.caller.startedAt,
        recordingUrl: s.voicemail.url,
      })
      .catch(() => undefined);
  }
}
