import {
  condition,
  patched,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CALL_COMMAND_BUDGET,
  CallSearchAttributes as SA,
  DEFAULT_CALL_TIMING,
  callContextQuery,
  callTags,
  carrierEventSignal,
  currentStepQuery,
  type CallScreenPop,
  type CallOutcome,
  type CallTiming,
  type InboundCallInput,
  type LegState,
  type ResolvedCall,
} from '@switchboard/contracts';
import { callData, carrier, lookup, notify } from '../activity-proxies';
import {
  INITIAL_MENU_STATE,
  endpointDialString,
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
  type RingPlan,
  type StepAction,
  describeRingPlan,
  PATH_CONNECTED,
  readablePath,
  secondsBetween,
} from '@switchboard/domain';
import { awaitBridgeEnd, command, isCallGone } from '../carrier-commands';
import { CommandBudget } from '../command-budget';
import { CallState, type Leg } from '../call/call-state';
import { callSummary } from '../call/call-summary';

/** What the workflow returns (and what tests and the Web UI see as its result). */
export interface InboundCallResult {
  outcome: CallOutcome | 'orphan';
  path: string[];
}

/** Marks where stored resources (schedules, ring groups, audio, voicemail boxes) entered flows. */
const FLOW_RESOURCES_PATCH = 'flow-resources';
/** Marks where calls started passing their start instant and recording their visit attribution. */
const SESSION_ATTRIBUTION_PATCH = 'session-attribution';
/** Marks where calls started announcing themselves: subscribers' webhooks and a summary memo. */
const CALL_EVENTS_PATCH = 'call-events';
/** Marks where plain forwarding stopped listing its hang-up after no answer in the path (PATH_CONNECTED). */
const FORWARD_PATH_PATCH = 'forward-path-without-hangup';
/** Marks where each menu prompt got its own tag (a menu entered again replayed the earlier keys). */
const MENU_VISIT_TAGS_PATCH = 'menu-visit-tags';
/** Marks where a call's carrier commands became bounded per second and in total. */
const COMMAND_BUDGET_PATCH = 'command-budget';

/** A destination one ring attempt dials. */
interface RingTarget {
  to: string;
  timeoutSecs: number;
}

/** Extras of a ring attempt beyond dialling and bridging. */
interface RingOptions {
  /** Record the bridged conversation (the flow's toggle). */
  record?: boolean;
  /** Played to the agent who answers, before the caller is connected. */
  whisper?: Prompt;
  /** Runs once an agent is about to be connected (stops the caller's hold audio). */
  beforeBridge?: () => Promise<void>;
}

/**
 * Call engine v1, frozen: new calls start `inboundCallV2` (workflows/src/call/). This type stays
 * registered until the calls it runs have drained, and its recorded histories replay in CI, so
 * nothing here may change what it sends (docs/DECISIONS.md, "Call engine v2", says how to retire
 * it).
 *
 * One inbound call, from `call.initiated` to the written call record: a number without a call flow
 * runs the fixed greeting-and-forward flow, one with a flow runs it through libs/domain's
 * interpreter. Every wait also ends when the caller hangs up, so an abandoned call stops wherever
 * it is.
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
  /** The box that voicemail went to. */
  let voicemailBoxId: string | undefined;
  /**
   * Whether this call uses stored resources: audio prompts, ring groups, box greetings and voicemail
   * notifications. False only when replaying calls that started before they existed.
   */
  let resourcesOn = false;
  /** Set when the flow records conversations and one was recorded. */
  let conversationRecordingUrl: string | undefined;

  setHandler(carrierEventSignal, (e) => {
    state.apply(e);
  });
  setHandler(currentStepQuery, () => ({ step: state.step, outcome, path: state.path }));
  /** Known once the number is resolved: what agents' screens show while their phone rings. */
  let screenPop: Omit<CallScreenPop, 'path' | 'pathLabels'> | null = null;
  /** The flow the call runs, once resolved: its step labels name the path on the screen pop. */
  let flowSteps: CallFlow | null = null;
  setHandler(callContextQuery, () =>
    screenPop
      ? {
          ...screenPop,
          path: state.path.map((p) => p.step),
          pathLabels: readablePath(flowSteps, state.path),
        }
      : null,
  );

  // A later event (say an early hangup) can start the workflow before call.initiated arrives.
  if (!(await condition(() => state.caller !== undefined, timing.initiatedWaitMs))) {
    return { outcome: 'orphan', path: [] };
  }
  const caller = state.caller!;
  const callerState: LegState = { wf, role: 'caller' };

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
  /** Numbers ring-group attempts: each draws its own plan (and round-robin turn). */
  let ringCount = 0;
  /** Numbers menu prompts across the call, so a menu entered again never reads an earlier visit's keys. */
  let gatherCount = 0;

  // The activity's result is in the history either way; only its arguments and the record's new
  // fields differ, and calls that started before this change keep both as they were.
  const attributionOn = patched(SESSION_ATTRIBUTION_PATCH);
  const resolved: ResolvedCall = attributionOn
    ? await lookup.resolveCall(caller.to, caller.from, caller.startedAt)
    : await lookup.resolveCall(caller.to, caller.from);
  let answeredAgent: Leg | undefined;

  // Calls resolved before routing knew the caller (recorded histories) have no caller context.
  const callerContext = resolved.known ? (resolved.caller as typeof resolved.caller | undefined) : undefined;
  const campaign = resolved.known
    ? (resolved.attribution?.campaign ?? callerContext?.session?.campaign)
    : undefined;
  upsertSearchAttributes([
    { key: SA.callerNumber, value: caller.from },
    { key: SA.trackingNumber, value: caller.to },
    ...(resolved.known
      ? [
          { key: SA.propertyId, value: resolved.propertyId },
          { key: SA.source, value: resolved.sourceName },
          ...(callerContext ? [{ key: SA.firstTime, value: callerContext.firstTime }] : []),
          ...(campaign ? [{ key: SA.campaign, value: campaign }] : []),
        ]
      : []),
  ]);

  if (resolved.known) flowSteps = resolved.flow?.definition ?? null;
  if (resolved.known)
    screenPop = {
      from: caller.from,
      trackingNumber: caller.to,
      source: resolved.sourceName,
      campaign: campaign ?? null,
      keyword: resolved.attribution?.keyword ?? callerContext?.session?.keyword ?? null,
      landingPage: resolved.attribution?.landingPage ?? callerContext?.session?.landingPage ?? null,
      firstTime: callerContext?.firstTime ?? true,
      priorCalls: callerContext?.priorCalls ?? 0,
      previousCall: callerContext?.previousCall
        ? {
            score: callerContext.previousCall.score ?? null,
            leadStatus: callerContext.previousCall.leadStatus ?? null,
          }
        : null,
    };

  // Subscribers hear of the call while it rings through the flow: not awaited until the end, so
  // a slow database never delays the caller.
  const eventsOn = patched(CALL_EVENTS_PATCH);
  const menuVisitTagsOn = patched(MENU_VISIT_TAGS_PATCH);
  // Calls that started before the budget send as they always did: their histories have no waits.
  const budget = patched(COMMAND_BUDGET_PATCH) ? new CommandBudget(CALL_COMMAND_BUDGET) : undefined;
  // Without a budget a command is scheduled at once, as it always was (not a microtask later).
  /** Sends one carrier command within the call's budget; false when the call had already ended. */
  const send = (fn: () => Promise<unknown>): Promise<boolean> =>
    budget ? budget.take().then(() => command(fn)) : command(fn);
  const startAnnounced =
    eventsOn && resolved.known
      ? notify
          .announceCallStarted({
            workflowId: wf,
            callSessionId: caller.sessionId || input.callSessionId,
            propertyId: resolved.propertyId,
            from: caller.from,
            to: caller.to,
            trackingNumberId: resolved.trackingNumberId,
            sourceName: resolved.sourceName,
            startedAt: caller.startedAt,
            firstTime: callerContext?.firstTime ?? false,
            ...(resolved.attribution ? { attribution: resolved.attribution } : {}),
          })
          .catch(() => 0)
      : undefined;

  if (!resolved.known) {
    setStep('reject', 'unknown tracking number');
    await send(() => carrier.rejectCall(caller.callControlId));
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

    await send(() => carrier.answerCall(caller.callControlId, callerState));
    await condition(() => !!state.callerLeg()?.answeredAt || ended(), timing.answerWaitMs);
    if (ended()) return undefined;

    if (route.greeting) {
      setStep('greeting');
      const tag = callTags.greeting();
      const promptState: LegState = { ...callerState, tag };
      const g = route.greeting;
      await send(() =>
        g.kind === 'tts'
          ? carrier.speakText(caller.callControlId, { text: g.text, voice: g.voice, state: promptState })
          : carrier.playAudio(caller.callControlId, { url: g.url, state: promptState }),
      );
      await condition(() => state.finishedPrompts.has(tag) || ended(), timing.promptWaitMs);
      if (ended()) return undefined;
    }

    setStep('forward', route.forwardTo);
    const rung = await ringAndConnect(
      [{ to: route.forwardTo, timeoutSecs: route.ringTimeoutSecs }],
      route.ringTimeoutSecs,
      caller.to,
      callTags.forwardRing(),
    );
    if (rung === 'no_answer' && !ended()) {
      // One path convention with flows and the dry run: ending the call is not a step.
      if (!patched(FORWARD_PATH_PATCH)) setStep('hangup', 'no answer');
      await send(() => carrier.hangupCall(caller.callControlId));
    }
    return typeof rung === 'object' ? rung : undefined;
  }

  /** The URL of an audio prompt's file, when the property has it. */
  function audioUrl(audioId: string): string | undefined {
    return resolved.known ? resolved.audioUrls?.[audioId] : undefined;
  }

  /**
   * Plays a prompt (text-to-speech or an audio file) to a leg and waits until it has finished, or
   * the caller (or that leg) hangs up. An audio prompt whose file is gone is skipped. `tagOf` makes
   * the prompt's tag from the call's prompt counter.
   */
  async function speak(
    prompt: Prompt,
    tagOf: (n: number) => string,
    voice: string,
    leg: Leg | null = null,
  ): Promise<void> {
    if (prompt.kind !== 'tts' && !resourcesOn) return;
    const url = prompt.kind === 'audio' ? audioUrl(prompt.audioId) : undefined;
    if (prompt.kind === 'audio' && url === undefined) return;
    // A flow may pass the same step twice (menus loop): each playing gets its own tag.
    const tag = tagOf(++promptCount);
    const target = leg?.callControlId ?? caller.callControlId;
    const promptState: LegState = leg ? { wf, role: 'agent', tag } : { ...callerState, tag };
    await send(() =>
      prompt.kind === 'tts'
        ? carrier.speakText(target, {
            text: prompt.text,
            voice: prompt.voice ?? voice,
            language: prompt.language,
            state: promptState,
          })
        : carrier.playAudio(target, { url: url!, state: promptState }),
    );
    await condition(
      () => state.finishedPrompts.has(tag) || ended() || (leg !== null && !!leg.endedAt),
      timing.promptWaitMs,
    );
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
    await send(() => carrier.answerCall(caller.callControlId, callerState));
    await condition(() => !!state.callerLeg()?.answeredAt || ended(), timing.answerWaitMs);
    resourcesOn = patched(FLOW_RESOURCES_PATCH);
    const ctx: DecisionContext = {
      caller: route.caller,
      at: caller.startedAt,
      timeZone: route.timeZone,
      // Calls resolved before schedules were stored carry none: their schedule steps stay closed.
      schedules: route.schedules ?? {},
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
    if (!ended()) await send(() => carrier.hangupCall(caller.callControlId));
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
          action.prompt.kind === 'audio' && !resourcesOn
            ? 'audio prompts need stored audio files'
            : undefined,
        );
        await speak(action.prompt, (n) => callTags.prompt(action.stepId, n), voice);
        return { next: action.next };
      case 'menu':
        setStep(action.stepId);
        return { next: await runMenu(action.menu, voice) };
      case 'forward': {
        setStep(action.stepId, action.to);
        const from = action.callerId === 'caller' ? caller.from : caller.to;
        const rung = await ringAndConnect(
          [{ to: action.to, timeoutSecs: action.timeoutSeconds }],
          action.timeoutSeconds,
          from,
          callTags.ring(action.stepId),
          { record: route.flow?.definition.recording },
        );
        if (typeof rung === 'object') return { connected: rung };
        return { next: rung === 'no_answer' ? action.noAnswer : null };
      }
      case 'ring_group': {
        if (!resourcesOn) {
          setStep(action.stepId, 'ring groups are not stored yet');
          return { next: action.noAnswer };
        }
        const plan = await lookup.planRingGroup({
          claimId: `${wf}/${action.stepId}#${++ringCount}`,
          propertyId: route.propertyId,
          ringGroupId: action.ringGroupId,
        });
        setStep(
          action.stepId,
          plan ? describeRingPlan(plan) : `ring group "${action.ringGroupId}" no longer exists`,
        );
        if (!plan) return { next: action.noAnswer };
        const rung = await ringGroup(plan, action.stepId, voice, route.flow?.definition.recording);
        if (typeof rung === 'object') return { connected: rung };
        return { next: rung === 'no_answer' ? action.noAnswer : null };
      }
      case 'voicemail': {
        setStep(action.stepId, action.voicemailBoxId);
        const greeting =
          action.greeting ?? (resourcesOn ? route.voicemailGreetings?.[action.voicemailBoxId] : undefined);
        if (greeting) await speak(greeting, (n) => callTags.voicemailGreeting(action.stepId, n), voice);
        if (!ended())
          await takeVoicemail(callTags.voicemail(action.stepId), action.maxLengthSeconds, action.beep);
        if (voicemailUrl) voicemailBoxId = action.voicemailBoxId;
        return { next: null };
      }
      case 'hangup':
        setStep(action.stepId);
        if (action.message) await speak(action.message, (n) => callTags.prompt(action.stepId, n), voice);
        return { next: null };
      case 'flow_error':
        setStep(action.stepId, action.message);
        return { next: null };
      default: {
        // A step kind added after this engine was frozen (reached only with CALL_ENGINE=v1): the
        // call ends there, and its path says why. No recorded call comes this way.
        const unknown = action as { stepId: string; type: string };
        setStep(unknown.stepId, `step kind "${unknown.type}" needs call engine v2`);
        return { next: null };
      }
    }
  }

  /** One IVR menu, driven by the domain's menu reducer; returns the step the caller chose. */
  async function runMenu(menu: MenuDefinition, voice: string): Promise<string | null> {
    if (menu.prompt.kind !== 'tts' && !resourcesOn) {
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
        const { gatherId } = ms;
        await speak(c.prompt, (n) => callTags.menuNotice(menu.id, gatherId, n), voice);
        continue;
      }
      // The gather's result is looked up by this tag: a menu entered again reusing its earlier tag
      // read the earlier visit's keys at once (and a caller could spin the call through menus).
      const tag = callTags.menuGather(menu.id, menuVisitTagsOn ? ++gatherCount : c.gather.gatherId);
      const url = c.prompt.kind === 'audio' ? audioUrl(c.prompt.audioId) : undefined;
      if (c.prompt.kind === 'audio' && url === undefined) {
        setStep(menu.id, `audio "${c.prompt.audioId}" is missing`);
        return menu.fallback;
      }
      const prompt =
        c.prompt.kind === 'tts'
          ? { text: c.prompt.text, voice: c.prompt.voice ?? voice, language: c.prompt.language }
          : { audioUrl: url! };
      await send(() =>
        carrier.gatherDigits(caller.callControlId, {
          ...prompt,
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
    const started = await send(() =>
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
    if (!ended()) await send(() => carrier.hangupCall(caller.callControlId));
    // recording.saved follows the hangup; wait for it so the record carries the file.
    await condition(() => state.recordings.has(tag), timing.ringMarginMs);
    voicemailUrl = state.recordings.get(tag);
  }

  /**
   * Rings one ring group's plan, wave after wave, until someone answers and the conversation ends,
   * the caller hangs up, or every wave went unanswered. The caller hears the group's hold audio
   * (looped) while agents ring.
   */
  async function ringGroup(
    plan: RingPlan,
    stepId: string,
    voice: string,
    record?: boolean,
  ): Promise<Leg | 'no_answer' | 'gone'> {
    if (plan.waves.length === 0) return 'no_answer';
    const hold = plan.callerHears.kind === 'hold_audio' ? plan.callerHears.prompt : undefined;
    const holdUrl = hold?.kind === 'audio' ? audioUrl(hold.audioId) : undefined;
    let holding = false;
    if (hold?.kind === 'tts') {
      // Spoken once, not awaited: the agents are rung meanwhile.
      const tag = callTags.hold(stepId, ++promptCount);
      await send(() =>
        carrier.speakText(caller.callControlId, {
          text: hold.text,
          voice: hold.voice ?? voice,
          language: hold.language,
          state: { ...callerState, tag },
        }),
      );
    } else if (holdUrl) {
      holding = await send(() =>
        carrier.playAudio(caller.callControlId, {
          url: holdUrl,
          loop: 'infinity',
          state: { ...callerState, tag: callTags.hold(stepId, ++promptCount) },
        }),
      );
    }
    const stopHold = async () => {
      if (holding) await send(() => carrier.stopPlayback(caller.callControlId));
      holding = false;
    };
    for (const [i, wave] of plan.waves.entries()) {
      const rung = await ringAndConnect(
        wave.targets.map((t) => ({ to: endpointDialString(t.endpoint), timeoutSecs: t.timeoutSeconds })),
        wave.timeoutSeconds,
        caller.to,
        callTags.ring(stepId, i + 1),
        { record, whisper: plan.whisper, beforeBridge: stopHold },
      );
      if (rung !== 'no_answer') return rung;
    }
    await stopHold();
    return 'no_answer';
  }

  /**
   * Rings destinations at once, each linked to the caller; the first to answer is bridged with the
   * caller (after an optional whisper) and the others are hung up; then waits for the conversation
   * to end. `ring` tags every leg dialled (`callTags.ring`). Returns the answering leg, 'no_answer',
   * or 'gone' (the caller left).
   */
  async function ringAndConnect(
    targets: RingTarget[],
    timeoutSecs: number,
    from: string,
    ring: string,
    opts: RingOptions = {},
  ): Promise<Leg | 'no_answer' | 'gone'> {
    const dials = await Promise.allSettled(
      targets.map((t) => {
        const dial = () =>
          carrier.dialAgent({
            to: t.to,
            from,
            linkTo: caller.callControlId,
            timeoutSecs: t.timeoutSecs,
            state: { wf, role: 'agent', tag: ring },
          });
        return budget ? budget.take().then(dial) : dial();
      }),
    );
    const legs: Leg[] = [];
    const failures: unknown[] = [];
    dials.forEach((d, i) => {
      if (d.status === 'fulfilled') legs.push(state.dialled(d.value.callControlId, targets[i].to));
      else failures.push(d.reason);
    });
    // Dialling with link_to a caller who just hung up: the carrier says the call has ended.
    if (failures.some(isCallGone)) {
      callerLeftFirst = true;
      await Promise.all(legs.map((l) => send(() => carrier.hangupCall(l.callControlId))));
      return 'gone';
    }
    // One bad destination among several is skipped; when none could be dialled the carrier is
    // failing us and the flow cannot go on.
    if (legs.length === 0) throw failures[0];

    const winner = () => legs.find((l) => !!l.answeredAt && !l.endedAt);
    // The carrier ends an unanswered leg after its timeout; our timer is only a safety net.
    await condition(
      () => !!winner() || legs.every((l) => !!l.endedAt) || ended(),
      timeoutSecs * 1000 + timing.ringMarginMs,
    );
    const agent = ended() ? undefined : winner();
    // Without a winner every leg is released, ended or not (a hangup of an ended leg is a no-op;
    // recorded calls replay with exactly these commands). With one, the others still ringing are.
    await Promise.all(
      legs
        .filter((l) => (agent ? l !== agent && !l.endedAt : true))
        .map((l) => send(() => carrier.hangupCall(l.callControlId))),
    );
    if (!agent) return ended() ? 'gone' : 'no_answer';

    if (opts.whisper) {
      await speak(
        opts.whisper,
        (n) => callTags.whisper(ring, n),
        resolved.known ? resolved.defaultVoice : 'female',
        agent,
      );
      if (agent.endedAt || ended()) {
        await send(() => carrier.hangupCall(agent.callControlId));
        return ended() ? 'gone' : 'no_answer';
      }
    }
    await opts.beforeBridge?.();
    const bridged = await send(() => carrier.bridgeCalls(caller.callControlId, agent.callControlId));
    if (!bridged) {
      await send(() => carrier.hangupCall(agent.callControlId));
      return 'gone';
    }
    setStep(PATH_CONNECTED, agent.to);
    const recordingTag = callTags.conversation(ring);
    // The flow's recording toggle: both sides, one channel each, from the bridge on.
    const recording =
      opts.record &&
      (await send(() =>
        carrier.startRecording(caller.callControlId, {
          maxLengthSecs: 0,
          playBeep: false,
          channels: 'dual',
          state: { ...callerState, tag: recordingTag },
        }),
      ));
    await condition(() => ended() || !!agent.endedAt, timing.maxTalkMs);
    if (ended() || agent.endedAt)
      await awaitBridgeEnd(() => state.callerEnded() && !!agent.endedAt, timing.ringMarginMs);
    // Whichever side stayed on the line is released (the carrier usually does this itself).
    if (!agent.endedAt) await send(() => carrier.hangupCall(agent.callControlId));
    if (!ended()) await send(() => carrier.hangupCall(caller.callControlId));
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
    voicemailBoxId: voicemailBoxId ?? null,
    ...(attributionOn && resolved.known && resolved.attribution ? { attribution: resolved.attribution } : {}),
  });
  if (resourcesOn && resolved.known && voicemailBoxId && voicemailUrl) {
    // The record is safe already; a receiver that stays down must not fail the call's workflow.
    await notify
      .notifyVoicemail({
        propertyId: resolved.propertyId,
        voicemailBoxId,
        callSessionId: caller.sessionId || input.callSessionId,
        from: caller.from,
        to: caller.to,
        sourceName: resolved.sourceName,
        startedAt: caller.startedAt,
        recordingUrl: voicemailUrl,
      })
      .catch(() => undefined);
  }
  if (eventsOn) {
    upsertMemo({
      summary: callSummary({
        from: caller.from,
        to: caller.to,
        source: resolved.known ? resolved.sourceName : null,
        campaign: campaign ?? null,
        firstTime: callerContext?.firstTime ?? null,
        outcome,
        answeredBy: answeredAgent?.to ?? null,
        talkSecs: secondsBetween(answeredAgent?.answeredAt, endedAt) ?? 0,
        path: state.path,
      }),
    });
    await startAnnounced;
    // The record is saved: subscribers get it (and the voicemail) with its score.
    if (resolved.known) await notify.announceCallFinished(wf).catch(() => 0);
  }
  if (flowError !== undefined) throw flowError;
  return { outcome, path: state.path.map((p) => p.step) };
}
