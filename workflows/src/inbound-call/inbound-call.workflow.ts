import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CallSearchAttributes as SA,
  CarrierFailure,
  DEFAULT_CALL_TIMING,
  carrierEventSignal,
  currentStepQuery,
  type CallOutcome,
  type CallTiming,
  type InboundCallInput,
  type LegState,
  type ResolvedCall,
} from '@switchboard/contracts';
import { callData, carrier, lookup } from '../activity-proxies';
import { CallState, type Leg } from './call-state';

/** What the workflow returns (and what tests and the Web UI see as its result). */
export interface InboundCallResult {
  outcome: CallOutcome | 'orphan';
  path: string[];
}

/**
 * True when a carrier command failed because the call had already ended. Usually the failure comes
 * wrapped in an ActivityFailure; a local activity can also surface the ApplicationFailure itself.
 */
function isCallGone(err: unknown): boolean {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === CarrierFailure.callGone;
}

/**
 * One inbound call, from `call.initiated` to the written call record. The flow for now is the fixed
 * one of a tracking number: answer → greeting → ring the forwarding destination → bridge → wait for
 * hangup. Every wait also ends when the caller hangs up, so an abandoned call stops wherever it is.
 */
export async function inboundCall(input: InboundCallInput): Promise<InboundCallResult> {
  const timing: CallTiming = { ...DEFAULT_CALL_TIMING, ...input.timing };
  const wf = workflowInfo().workflowId;
  const state = new CallState();
  let outcome: CallOutcome | null = null;
  /** Set when the caller hung up before we were done with them (abandoned, not unanswered). */
  let callerLeftFirst = false;
  let flowError: Error | undefined;

  setHandler(carrierEventSignal, (e) => {
    state.apply(e);
  });
  setHandler(currentStepQuery, () => ({ step: state.step, outcome, path: state.path }));

  // A later event (say an early hangup) can start the workflow before call.initiated arrives.
  if (!(await condition(() => state.caller !== undefined, timing.initiatedWaitMs))) {
    return { outcome: 'orphan', path: [] };
  }
  const caller = state.caller!;
  const callerState: LegState = { wf, role: 'caller' };

  /** Runs a carrier command on a call that may hang up at any moment; false when it already had. */
  async function command(fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return true;
    } catch (err) {
      if (isCallGone(err)) return false;
      throw err;
    }
  }

  // Steps are reported by the currentStep query, not by a search attribute: every upsert is a
  // visibility write, which costs more than the rest of a step on a busy server.
  const setStep = (step: string, detail?: string) => state.enter(step, detail);

  const resolved: ResolvedCall = await lookup.resolveCall(caller.to);
  let answeredAgent: Leg | undefined;

  upsertSearchAttributes([
    { key: SA.callerNumber, value: caller.from },
    { key: SA.trackingNumber, value: caller.to },
    ...(resolved.known
      ? [
          { key: SA.propertyId, value: resolved.propertyId },
          { key: SA.source, value: resolved.sourceName },
        ]
      : []),
  ]);

  if (!resolved.known) {
    setStep('reject', 'unknown tracking number');
    await command(() => carrier.rejectCall(caller.callControlId));
    outcome = 'rejected';
  } else {
    try {
      answeredAgent = await runForwardingFlow(resolved);
    } catch (err) {
      // The carrier stayed unreachable past every retry: end the call, keep its record, then fail
      // the workflow so operators see it in the Web UI.
      flowError = err instanceof Error ? err : new Error(String(err));
      setStep('error', flowError.message);
      await carrier.hangupCall(caller.callControlId).catch(() => undefined);
    }
    outcome = answeredAgent ? 'answered' : callerLeftFirst ? 'abandoned' : 'no_answer';
  }

  async function runForwardingFlow(route: Extract<ResolvedCall, { known: true }>): Promise<Leg | undefined> {
    const ended = () => {
      if (state.callerEnded()) callerLeftFirst = true;
      return callerLeftFirst;
    };
    if (ended()) return undefined;

    await command(() => carrier.answerCall(caller.callControlId, callerState));
    await condition(() => !!state.callerLeg()?.answeredAt || ended(), timing.answerWaitMs);
    if (ended()) return undefined;

    if (route.greeting) {
      setStep('greeting');
      const tag = 'greeting';
      const promptState: LegState = { ...callerState, tag };
      const g = route.greeting;
      await command(() =>
        g.kind === 'tts'
          ? carrier.speakText(caller.callControlId, { text: g.text, voice: g.voice, state: promptState })
          : carrier.playAudio(caller.callControlId, { url: g.url, state: promptState }),
      );
      await condition(() => state.finishedPrompts.has(tag) || ended(), timing.promptWaitMs);
      if (ended()) return undefined;
    }

    setStep('forward', route.forwardTo);
    let dialled;
    try {
      dialled = await carrier.dialAgent({
        to: route.forwardTo,
        from: caller.to,
        linkTo: caller.callControlId,
        timeoutSecs: route.ringTimeoutSecs,
        state: { wf, role: 'agent', tag: 'forward' },
      });
    } catch (err) {
      // Dialling with link_to a caller who just hung up: the carrier says the call has ended.
      if (!isCallGone(err)) throw err;
      callerLeftFirst = true;
      return undefined;
    }
    const agent = state.dialled(dialled.callControlId, route.forwardTo);
    // The carrier ends an unanswered leg after timeoutSecs; our timer is only a safety net.
    await condition(
      () => !!agent.answeredAt || !!agent.endedAt || ended(),
      route.ringTimeoutSecs * 1000 + timing.ringMarginMs,
    );

    if (!agent.answeredAt || agent.endedAt || ended()) {
      await command(() => carrier.hangupCall(agent.callControlId));
      if (!ended()) {
        setStep('hangup', 'no answer');
        await command(() => carrier.hangupCall(caller.callControlId));
      }
      return undefined;
    }

    const bridged = await command(() => carrier.bridgeCalls(caller.callControlId, agent.callControlId));
    if (!bridged) {
      await command(() => carrier.hangupCall(agent.callControlId));
      return undefined;
    }
    setStep('connected', route.forwardTo);
    await condition(() => ended() || !!agent.endedAt, timing.maxTalkMs);
    // Whichever side stayed on the line is released (the carrier usually does this itself).
    if (!agent.endedAt) await command(() => carrier.hangupCall(agent.callControlId));
    if (!ended()) await command(() => carrier.hangupCall(caller.callControlId));
    return agent;
  }

  // The record's end is the caller leg's hangup; wait briefly for it if we hung up ourselves.
  await condition(() => state.callerEnded(), 30_000);
  const callerLeg = state.callerLeg();
  const endedAt = callerLeg?.endedAt ?? state.lastEventAt ?? caller.startedAt;
  state.step = 'done';
  upsertSearchAttributes([{ key: SA.outcome, value: outcome }]);

  await callData.saveCallRecord({
    workflowId: wf,
    callSessionId: caller.sessionId || input.callSessionId,
    callControlId: caller.callControlId,
    from: caller.from,
    to: caller.to,
    propertyId: resolved.known ? resolved.propertyId : null,
    trackingNumberId: resolved.known ? resolved.trackingNumberId : null,
    sourceId: resolved.known ? resolved.sourceId : null,
    sourceName: resolved.known ? resolved.sourceName : null,
    startedAt: caller.startedAt,
    answeredAt: answeredAgent?.answeredAt ?? null,
    endedAt,
    outcome,
    answeredBy: answeredAgent?.to ?? null,
    hangupCause: callerLeg?.hangupCause ?? null,
    path: state.path,
  });
  if (flowError !== undefined) throw flowError;
  return { outcome, path: state.path.map((p) => p.step) };
}
