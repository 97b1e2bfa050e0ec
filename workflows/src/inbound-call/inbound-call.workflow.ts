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
import {
  INITIAL_MENU_STATE,
  firstAction,
  nextAction,
  reduceMenu,
  type CallFlow,
  type DecisionContext,
  type MenuCommand,
  type MenuDefinition,
  type MenuEvent,
  type MenuState,
  type NextAction,
  type Prompt,
  type StepAction,
} from '@switchboard/domain';
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
  /** Set when the caller left a voicemail (the recording's URL). */
  let voicemailUrl: string | undefined;
  /** Set when the flow records conversations and one was recorded. */
  let conversationRecordingUrl: string | undefined;

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
  /** Whether the caller has hung up; once seen, the call counts as abandoned unless connected. */
  const ended = () => {
    if (state.callerEnded()) callerLeftFirst = true;
    return callerLeftFirst;
  };
  /** Numbers prompt playings, so that a step played twice (menus loop) gets distinct tags. */
  let promptCount = 0;

  const resolved: ResolvedCall = await lookup.resolveCall(caller.to, caller.from);
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
      answeredAgent = resolved.flow
        ? await runCallFlow(resolved, resolved.flow.definition)
        : await runForwardingFlow(resolved);
    } catch (err) {
      // The carrier stayed unreachable past every retry: end the call, keep its record, then fail
      // the workflow so operators see it in the Web UI.
      flowError = err instanceof Error ? err : new Error(String(err));
      setStep('error', flowError.message);
      await carrier.hangupCall(caller.callControlId).catch(() => undefined);
    }
    outcome = answeredAgent
      ? 'answered'
      : voicemailUrl
        ? 'voicemail'
        : callerLeftFirst
          ? 'abandoned'
          : 'no_answer';
  }

  async function runForwardingFlow(route: Extract<ResolvedCall, { known: true }>): Promise<Leg | undefined> {
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
    const rung = await ringAndConnect(route.forwardTo, route.ringTimeoutSecs, caller.to, 'forward');
    if (rung === 'no_answer' && !ended()) {
      setStep('hangup', 'no answer');
      await command(() => carrier.hangupCall(caller.callControlId));
    }
    return typeof rung === 'object' ? rung : undefined;
  }

  /** Speaks a TTS prompt and waits until it has finished (or the caller hangs up). */
  async function speak(prompt: Prompt, name: string, voice: string): Promise<void> {
    if (prompt.kind !== 'tts') return;
    // A flow may pass the same step twice (menus loop): each playing gets its own tag.
    const tag = `${name}#${++promptCount}`;
    const promptState: LegState = { ...callerState, tag };
    await command(() =>
      carrier.speakText(caller.callControlId, {
        text: prompt.text,
        voice: prompt.voice ?? voice,
        language: prompt.language,
        state: promptState,
      }),
    );
    await condition(() => state.finishedPrompts.has(tag) || ended(), timing.promptWaitMs);
  }

  /**
   * Runs a stored call flow with libs/domain's interpreter: decisions (routing, schedules) are pure
   * and made here; every action is carried out with carrier commands, then the interpreter is asked
   * for the step that follows. The path records every step visited, decisions included.
   */
  async function runCallFlow(
    route: Extract<ResolvedCall, { known: true }>,
    flow: CallFlow,
  ): Promise<Leg | undefined> {
    if (ended()) return undefined;
    await command(() => carrier.answerCall(caller.callControlId, callerState));
    await condition(() => !!state.callerLeg()?.answeredAt || ended(), timing.answerWaitMs);
    const ctx: DecisionContext = {
      caller: route.caller,
      at: caller.startedAt,
      timeZone: route.timeZone,
      schedules: {},
    };
    let next: NextAction | null = firstAction(flow, ctx);
    // A flow can loop through menus on the caller's input; the bound stops a caller-less loop.
    for (let steps = 0; next && steps < 200 && !ended(); steps++) {
      for (const entry of next.path)
        if (entry.type === 'route' || entry.type === 'schedule') setStep(entry.stepId);
      const done: StepDone = await perform(next.action, route);
      if ('connected' in done) return done.connected;
      next = done.next ? nextAction(flow, done.next, ctx) : null;
    }
    if (!ended()) await command(() => carrier.hangupCall(caller.callControlId));
    return undefined;
  }

  /** What an action led to: the next step (null ends the call), or a connected conversation that has ended. */
  type StepDone = { next: string | null } | { connected: Leg };

  /** Carries out one action of the flow. */
  async function perform(
    action: StepAction,
    route: Extract<ResolvedCall, { known: true }>,
  ): Promise<StepDone> {
    const voice = route.defaultVoice;
    switch (action.type) {
      case 'play':
        setStep(
          action.stepId,
          action.prompt.kind === 'audio' ? 'audio prompts need stored audio files' : undefined,
        );
        await speak(action.prompt, action.stepId, voice);
        return { next: action.next };
      case 'menu':
        setStep(action.stepId);
        return { next: await runMenu(action.menu, voice) };
      case 'forward': {
        setStep(action.stepId, action.to);
        const from = action.callerId === 'caller' ? caller.from : caller.to;
        const rung = await ringAndConnect(
          action.to,
          action.timeoutSeconds,
          from,
          action.stepId,
          route.flow?.definition.recording,
        );
        if (typeof rung === 'object') return { connected: rung };
        return { next: rung === 'no_answer' ? action.noAnswer : null };
      }
      case 'ring_group':
        // Ring groups are not stored resources yet: nobody can be rung, so the no-answer path runs.
        setStep(action.stepId, 'ring groups are not stored yet');
        return { next: action.noAnswer };
      case 'voicemail':
        setStep(action.stepId, action.voicemailBoxId);
        if (action.greeting) await speak(action.greeting, `${action.stepId}-greeting`, voice);
        if (!ended()) await takeVoicemail(action.stepId, action.maxLengthSeconds, action.beep);
        return { next: null };
      case 'hangup':
        setStep(action.stepId);
        if (action.message) await speak(action.message, action.stepId, voice);
        return { next: null };
      case 'flow_error':
        setStep(action.stepId, action.message);
        return { next: null };
    }
  }

  /** One IVR menu, driven by the domain's menu reducer; returns the step the caller chose. */
  async function runMenu(menu: MenuDefinition, voice: string): Promise<string | null> {
    if (menu.prompt.kind !== 'tts') {
      setStep(menu.id, 'audio menu prompts need stored audio files');
      return menu.fallback;
    }
    const start = reduceMenu(menu, INITIAL_MENU_STATE, { type: 'start' });
    let ms: MenuState = start.state;
    let pending: MenuCommand[] = [...start.commands];
    while (pending.length > 0 && !ended()) {
      const c = pending.shift()!;
      if (c.type === 'goto') {
        if (c.digit)
          state.path[state.path.length - 1] = {
            ...state.path[state.path.length - 1],
            detail: `pressed ${c.digit}`,
          };
        return c.stepId;
      }
      if (c.type === 'play') {
        await speak(c.prompt, `${menu.id}-${ms.gatherId}-play`, voice);
        continue;
      }
      const tag = `${menu.id}-${c.gather.gatherId}`;
      const text = c.prompt.kind === 'tts' ? c.prompt.text : menu.prompt.text;
      await command(() =>
        carrier.gatherDigits(caller.callControlId, {
          text,
          voice: (c.prompt.kind === 'tts' ? c.prompt.voice : undefined) ?? voice,
          validDigits: Object.keys(menu.options).join('') + (menu.repeatOnStar ? '*' : ''),
          maxDigits: c.gather.maxDigits,
          timeoutMillis: c.gather.timeoutSeconds * 1000,
          state: { ...callerState, tag },
        }),
      );
      // The carrier reports the gather's end; our timer only covers a lost webhook.
      await condition(
        () => state.gathers.has(tag) || ended(),
        timing.promptWaitMs + c.gather.timeoutSeconds * 1000,
      );
      if (ended()) return null;
      const g = state.gathers.get(tag);
      const event: MenuEvent =
        g?.status === 'valid' && g.digits
          ? { type: 'digits', digits: g.digits, gatherId: c.gather.gatherId }
          : g?.status === 'invalid'
            ? { type: 'invalid', gatherId: c.gather.gatherId }
            : { type: 'timeout', gatherId: c.gather.gatherId };
      const r = reduceMenu(menu, ms, event);
      ms = r.state;
      pending = [...r.commands];
    }
    return null;
  }

  /** Records a voicemail until the caller hangs up or the maximum length is reached. */
  async function takeVoicemail(tag: string, maxLengthSeconds: number, beep: boolean): Promise<void> {
    const started = await command(() =>
      carrier.startRecording(caller.callControlId, {
        maxLengthSecs: maxLengthSeconds,
        playBeep: beep,
        state: { ...callerState, tag },
      }),
    );
    if (!started) return;
    await condition(
      () => ended() || state.recordings.has(tag),
      maxLengthSeconds * 1000 + timing.ringMarginMs,
    );
    if (!ended()) await command(() => carrier.hangupCall(caller.callControlId));
    // recording.saved follows the hangup; wait for it so the record carries the file.
    await condition(() => state.recordings.has(tag), timing.ringMarginMs);
    voicemailUrl = state.recordings.get(tag);
  }

  /**
   * Rings one destination linked to the caller; on answer bridges them and waits for the
   * conversation to end. Returns the answering leg, 'no_answer', or 'gone' (the caller left).
   */
  async function ringAndConnect(
    to: string,
    timeoutSecs: number,
    from: string,
    tag: string,
    record = false,
  ): Promise<Leg | 'no_answer' | 'gone'> {
    let dialled;
    try {
      dialled = await carrier.dialAgent({
        to,
        from,
        linkTo: caller.callControlId,
        timeoutSecs,
        state: { wf, role: 'agent', tag },
      });
    } catch (err) {
      // Dialling with link_to a caller who just hung up: the carrier says the call has ended.
      if (!isCallGone(err)) throw err;
      callerLeftFirst = true;
      return 'gone';
    }
    const agent = state.dialled(dialled.callControlId, to);
    // The carrier ends an unanswered leg after timeoutSecs; our timer is only a safety net.
    await condition(
      () => !!agent.answeredAt || !!agent.endedAt || ended(),
      timeoutSecs * 1000 + timing.ringMarginMs,
    );

    if (!agent.answeredAt || agent.endedAt || ended()) {
      await command(() => carrier.hangupCall(agent.callControlId));
      return ended() ? 'gone' : 'no_answer';
    }

    const bridged = await command(() => carrier.bridgeCalls(caller.callControlId, agent.callControlId));
    if (!bridged) {
      await command(() => carrier.hangupCall(agent.callControlId));
      return 'gone';
    }
    setStep('connected', to);
    const recordingTag = `${tag}-conversation`;
    // The flow's recording toggle: both sides, one channel each, from the bridge on.
    const recording =
      record &&
      (await command(() =>
        carrier.startRecording(caller.callControlId, {
          maxLengthSecs: 0,
          playBeep: false,
          channels: 'dual',
          state: { ...callerState, tag: recordingTag },
        }),
      ));
    await condition(() => ended() || !!agent.endedAt, timing.maxTalkMs);
    // Whichever side stayed on the line is released (the carrier usually does this itself).
    if (!agent.endedAt) await command(() => carrier.hangupCall(agent.callControlId));
    if (!ended()) await command(() => carrier.hangupCall(caller.callControlId));
    if (recording) {
      // recording.saved follows the hangup; wait for it so the record carries the file.
      await condition(() => state.recordings.has(recordingTag), timing.ringMarginMs);
      conversationRecordingUrl = state.recordings.get(recordingTag);
    }
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
    callFlowId: resolved.known ? (resolved.flow?.id ?? null) : null,
    callFlowVersion: resolved.known ? (resolved.flow?.version ?? null) : null,
    recordingUrl: voicemailUrl ?? conversationRecordingUrl ?? null,
  });
  if (flowError !== undefined) throw flowError;
  return { outcome, path: state.path.map((p) => p.step) };
}
