import { upsertSearchAttributes } from '@temporalio/workflow';
import { type BeginCallRequest, type CallOutcome, type InboundCallInput } from '@switchboard/contracts';
import { carrier, lookup } from '../activity-proxies';
import { CallSession } from './call-session';
import { finishCall } from './call-finish';
import { screenPopOf, startAttributes } from './call-start';
import { runForwarding } from './forwarding';
import { handleRecordingControl } from './recording-control';
import { runFlow } from './run-flow';

/** What the workflow returns (and what tests and the Web UI see as its result). */
export interface InboundCallResult {
  outcome: CallOutcome | 'orphan';
  path: string[];
}

/**
 * One inbound call in the call engine v2, from `call.initiated` to the written call record: the
 * session holds the call, a number without a flow runs the fixed greeting-and-forward, one with a
 * flow runs it step by step through the step handlers (call/steps). Every wait also ends when the
 * caller hangs up, so an abandoned call stops wherever it is. docs/DECISIONS.md ("Call engine
 * v2") says how it differs from `inboundCall`, which stays registered for the calls it runs.
 */
export async function inboundCallV2(input: InboundCallInput): Promise<InboundCallResult> {
  const s = new CallSession(input.timing);
  handleRecordingControl(s);
  // A later event (say an early hangup) can start the workflow before call.initiated arrives.
  if (!(await s.waitFor(() => s.state.caller !== undefined, s.timing.initiatedWaitMs)))
    return { outcome: 'orphan', path: [] };
  s.caller = s.state.caller!;
  const begin: BeginCallRequest = {
    workflowId: s.wf,
    callSessionId: s.caller.sessionId || input.callSessionId,
    from: s.caller.from,
    to: s.caller.to,
    startedAt: s.caller.startedAt,
  };
  const resolved = await lookup.beginCall(begin);
  upsertSearchAttributes(startAttributes(s.caller, resolved.known ? resolved : null));

  let failure: Error | undefined;
  let outcome: CallOutcome;
  if (!resolved.known) {
    s.enter('reject', 'unknown tracking number');
    await s.send(() => carrier.rejectCall(s.caller.callControlId));
    outcome = 'rejected';
  } else {
    s.route = resolved;
    s.flow = resolved.flow?.definition ?? null;
    s.screenPop = screenPopOf(s.caller, resolved);
    try {
      await (s.flow ? runFlow(s, s.flow) : runForwarding(s));
    } catch (err) {
      // The carrier stayed unreachable past every retry: end the call, keep its record, then fail
      // the workflow so operators see it in the Web UI.
      failure = err instanceof Error ? err : new Error(String(err));
      s.enter('error', failure.message);
      await carrier.hangupCall(s.caller.callControlId).catch(() => undefined);
    }
    outcome = s.answered
      ? 'answered'
      : s.voicemail
        ? 'voicemail'
        : s.callerLeftFirst
          ? 'abandoned'
          : 'no_answer';
  }
  s.outcome = outcome;
  await finishCall(s, begin, resolved, outcome);
  if (failure !== undefined) throw failure;
  return { outcome, path: s.state.path.map((p) => p.step) };
}
