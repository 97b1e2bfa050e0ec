import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  DEFAULT_CALL_TIMING,
  callTags,
  carrierEventSignal,
  currentStepQuery,
  type CallOutcome,
  type OutboundCallInput,
} from '@switchboard/contracts';
import { callData, carrier } from '../activity-proxies';
import { awaitBridgeEnd, command, isCallGone } from '../carrier-commands';
import { CallState, type Leg } from '../call/call-state';

/**
 * Click-to-call: ring the agent's own endpoint first (caller ID: the tracking number), and once they
 * answer, dial the callee from the tracking number and bridge the two. Outcome: `answered` when the
 * callee answered, `no_answer` when the callee (or the agent) never did, `abandoned` when the agent
 * hung up while the callee rang. Written to the call log as the agent's outbound call.
 */
export async function outboundCall(input: OutboundCallInput): Promise<{ outcome: CallOutcome }> {
  const wf = workflowInfo().workflowId;
  const timing = DEFAULT_CALL_TIMING;
  const state = new CallState();
  setHandler(carrierEventSignal, (e) => {
    state.apply(e);
  });
  setHandler(currentStepQuery, () => ({ step: state.step, outcome: null, path: state.path }));
  const startedAt = new Date().toISOString();
  const ringMs = input.ringTimeoutSecs * 1000 + timing.ringMarginMs;

  const hangup = async (leg: Leg | undefined) => {
    if (!leg || leg.endedAt) return;
    await command(() => carrier.hangupCall(leg.callControlId));
  };

  state.enter('ring-agent', input.agentDial);
  const a = await carrier.dialAgent({
    to: input.agentDial,
    from: input.callerId,
    timeoutSecs: input.ringTimeoutSecs,
    state: { wf, role: 'agent', tag: callTags.outboundAgent() },
  });
  const agent = state.dialled(a.callControlId, input.agentDial);
  await condition(() => !!agent.answeredAt || !!agent.endedAt, ringMs);

  let callee: Leg | undefined;
  let outcome: CallOutcome = 'no_answer';
  if (agent.answeredAt && !agent.endedAt) {
    state.enter('dial', input.to);
    try {
      const c = await carrier.dialAgent({
        to: input.to,
        from: input.callerId,
        linkTo: agent.callControlId,
        timeoutSecs: input.ringTimeoutSecs,
        state: { wf, role: 'agent', tag: callTags.outboundCallee() },
      });
      callee = state.dialled(c.callControlId, input.to);
    } catch (err) {
      if (!isCallGone(err)) throw err;
    }
    const rung = callee;
    if (rung) {
      await condition(() => !!rung.answeredAt || !!rung.endedAt || !!agent.endedAt, ringMs);
      if (rung.answeredAt && !rung.endedAt && !agent.endedAt) {
        await command(() => carrier.bridgeCalls(agent.callControlId, rung.callControlId));
        state.enter('connected', input.to);
        outcome = 'answered';
        await condition(() => !!rung.endedAt || !!agent.endedAt, timing.maxTalkMs);
        if (rung.endedAt || agent.endedAt)
          await awaitBridgeEnd(() => !!rung.endedAt && !!agent.endedAt, timing.ringMarginMs);
      } else if (agent.endedAt) {
        outcome = 'abandoned';
      }
    }
  }
  await hangup(callee);
  await hangup(agent);
  await condition(() => !!agent.endedAt && (!callee || !!callee.endedAt), 30_000);
  state.step = 'done';

  await callData.saveCallRecord({
    workflowId: wf,
    callSessionId: a.callSessionId,
    callControlId: a.callControlId,
    from: input.callerId,
    to: input.to,
    propertyId: input.propertyId,
    trackingNumberId: input.trackingNumberId,
    sourceId: input.sourceId,
    sourceName: input.sourceName,
    startedAt,
    answeredAt: outcome === 'answered' ? (callee?.answeredAt ?? null) : null,
    endedAt: callee?.endedAt ?? agent.endedAt ?? state.lastEventAt ?? startedAt,
    outcome,
    answeredBy: outcome === 'answered' ? input.to : null,
    hangupCause: callee?.hangupCause ?? agent.hangupCause ?? null,
    path: state.path,
    direction: 'outbound',
    agentId: input.agentId,
  });
  return { outcome };
}
