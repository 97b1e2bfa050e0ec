import { patched } from '@temporalio/workflow';
import { callTags } from '@switchboard/contracts';
import { PATH_CONNECTED, type Prompt } from '@switchboard/domain';
import { carrier } from '../activity-proxies';
import { isCallGone } from '../carrier-commands';
import type { Leg } from './call-state';
import type { CallSession } from './call-session';
import { ConversationRecording } from './recording-control';

/** A destination one ring attempt dials. */
export interface RingTarget {
  to: string;
  timeoutSecs: number;
}

/** One ring attempt: who is dialled, from which number, under which tag. */
export interface RingAttempt {
  targets: RingTarget[];
  /** The attempt's own bound; the carrier ends each unanswered leg at its own timeout first. */
  timeoutSecs: number;
  /** Caller ID shown to the destinations. */
  from: string;
  /** Names the attempt's legs (and its whisper and recording). */
  tag: string;
  /** Record the bridged conversation (the flow's toggle). */
  record?: boolean;
  /** Transcribe the bridged conversation (the flow's toggle). */
  transcribe?: boolean;
  /** Played to the agent who answers, before the caller is connected. */
  whisper?: Prompt;
  /** Runs once an agent is about to be connected (stops the caller's hold audio). */
  beforeBridge?: () => Promise<void>;
}

/** What a ring attempt came to: the leg that answered (its conversation over), no answer, or the caller gone. */
export type RingResult = Leg | 'no_answer' | 'gone';

/**
 * Rings destinations at once, each linked to the caller; the first to answer is bridged with the
 * caller (after an optional whisper) and the others are released; then waits for the conversation
 * to end.
 */
export async function ringAndConnect(s: CallSession, a: RingAttempt): Promise<RingResult> {
  const legs = await dial(s, a);
  if (legs === 'gone') return 'gone';

  // The first to answer, by the carrier's clock (several answers can arrive in one task).
  const winner = () =>
    legs
      .filter((l) => !!l.answeredAt && !l.endedAt)
      .sort((x, y) => Date.parse(x.answeredAt!) - Date.parse(y.answeredAt!))[0];
  await s.wait(
    () => !!winner() || legs.every((l) => !!l.endedAt),
    a.timeoutSecs * 1000 + s.timing.ringMarginMs,
  );
  // Chosen once: an answer that arrives later, from a leg released here, is never bridged.
  const agent = s.ended() ? undefined : winner();
  await Promise.all(
    legs
      .filter((l) => l !== agent && !l.endedAt)
      .map((l) => s.send(() => carrier.hangupCall(l.callControlId))),
  );
  if (!agent) return s.ended() ? 'gone' : 'no_answer';
  return connect(s, agent, a);
}

/** Dials every target; a destination the carrier refuses is skipped, unless all are. */
async function dial(s: CallSession, a: RingAttempt): Promise<Leg[] | 'gone'> {
  const dials = await Promise.allSettled(
    a.targets.map(async (t) => {
      await s.take();
      return carrier.dialAgent({
        to: t.to,
        from: a.from,
        linkTo: s.caller.callControlId,
        timeoutSecs: t.timeoutSecs,
        state: s.onAgent(a.tag),
      });
    }),
  );
  const legs: Leg[] = [];
  const failures: unknown[] = [];
  dials.forEach((d, i) => {
    if (d.status === 'fulfilled') legs.push(s.state.dialled(d.value.callControlId, a.targets[i].to));
    else failures.push(d.reason);
  });
  // Dialling with link_to a caller who just hung up: the carrier says the call has ended.
  if (failures.some(isCallGone)) {
    s.callerLeftFirst = true;
    await Promise.all(legs.map((l) => s.send(() => carrier.hangupCall(l.callControlId))));
    return 'gone';
  }
  // When no destination could be dialled the carrier is failing us and the flow cannot go on.
  if (legs.length === 0) throw failures[0];
  return legs;
}

/** Marks where bridged conversations started to be transcribed when the flow says so. */
const TRANSCRIPTION_PATCH = 'transcribe-conversation';

/** Whispers to the agent, bridges them with the caller, records if asked, and waits for the end. */
async function connect(s: CallSession, agent: Leg, a: RingAttempt): Promise<RingResult> {
  if (a.whisper) {
    await s.speak(a.whisper, (n) => callTags.whisper(a.tag, n), agent);
    if (agent.endedAt || s.ended()) {
      if (!agent.endedAt) await s.send(() => carrier.hangupCall(agent.callControlId));
      return s.ended() ? 'gone' : 'no_answer';
    }
  }
  // Bridged by command, not by the carrier on answer (`bridge_on_answer`): a leg the carrier had
  // bridged, whose answer reached us after the ring's bound, would be released by us with the
  // caller on it (docs/DECISIONS.md, "Call engine v2").
  await a.beforeBridge?.();
  if (!(await s.send(() => carrier.bridgeCalls(s.caller.callControlId, agent.callControlId)))) {
    await s.send(() => carrier.hangupCall(agent.callControlId));
    return 'gone';
  }
  s.answered = agent;
  s.enter(PATH_CONNECTED, agent.to);
  const recordingTag = callTags.conversation(a.tag);
  // The flow's recording toggle: both sides, one channel each, from the bridge on.
  const recording =
    a.record &&
    (await s.send(() =>
      carrier.startRecording(s.caller.callControlId, {
        maxLengthSecs: 0,
        playBeep: false,
        channels: 'dual',
        state: s.onCaller(recordingTag),
      }),
    ));
  // The agent connected may pause it from now on (recording-control.ts).
  if (recording) s.recording = new ConversationRecording(s.state.carrierNow(), agent.callControlId);
  // The flow's transcription toggle: both tracks of the caller's leg, from the bridge on. Calls
  // that ran before the toggle existed never had it on, so the patch only marks new histories.
  if (a.transcribe && patched(TRANSCRIPTION_PATCH))
    await s.send(() => carrier.startTranscription(s.caller.callControlId, s.onCaller(recordingTag)));
  await s.wait(() => !!agent.endedAt, s.timing.maxTalkMs);
  // A pause still open ends with the conversation.
  if (s.recording) s.recording.over = true;
  await endConversation(s, agent);
  if (recording) {
    // recording.saved follows the hangup; wait for it so the record carries the file.
    await s.waitFor(() => s.state.recordings.has(recordingTag), s.timing.ringMarginMs);
    s.conversationRecordingUrl = s.state.recordings.get(recordingTag);
  }
  return agent;
}

/**
 * Once one side of a bridge hangs up, the carrier hangs up the other itself (Telnyx's default
 * without `park_after_unbridge`), so nothing is sent to a leg it is already releasing. Its hangup
 * is waited for (briefly, under the watchdog's timer, then it is hung up): the record ends with
 * the caller's, and a call finished while the other leg's hangup was on its way would have the
 * workflow's completion refused for the new signal, and its last task (the record's write) run
 * again. Both hangups usually arrive in one task. Only a conversation past the longest allowed is
 * ended here, on both sides.
 */
async function endConversation(s: CallSession, agent: Leg): Promise<void> {
  if (s.state.callerEnded()) {
    await s.waitFor(() => !!agent.endedAt, s.timing.ringMarginMs);
    if (!agent.endedAt) await s.send(() => carrier.hangupCall(agent.callControlId));
    return;
  }
  if (agent.endedAt) {
    await s.waitFor(() => s.state.callerEnded(), s.timing.ringMarginMs);
    await s.hangupCaller();
    return;
  }
  await s.send(() => carrier.hangupCall(agent.callControlId));
  await s.hangupCaller();
}
