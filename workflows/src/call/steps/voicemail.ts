import { callTags } from '@switchboard/contracts';
import type { StepAction } from '@switchboard/domain';
import { carrier } from '../../activity-proxies';
import type { CallSession } from '../call-session';
import type { StepDone } from './step-handler';

/**
 * The box's greeting (the step's own, else the box's), then a recording until the caller hangs up
 * or the maximum length; the call ends there.
 */
export async function voicemail(
  s: CallSession,
  a: Extract<StepAction, { type: 'voicemail' }>,
): Promise<StepDone> {
  s.enter(a.stepId, a.voicemailBoxId);
  const greeting = a.greeting ?? s.route.voicemailGreetings?.[a.voicemailBoxId];
  if (greeting) await s.speak(greeting, (n) => callTags.voicemailGreeting(a.stepId, n));
  if (s.ended()) return { next: null };
  const tag = callTags.voicemail(a.stepId);
  const started = await s.send(() =>
    carrier.startRecording(s.caller.callControlId, {
      maxLengthSecs: a.maxLengthSeconds,
      playBeep: a.beep,
      state: s.onCaller(tag),
    }),
  );
  if (!started) return { next: null };
  await s.wait(() => s.state.recordings.has(tag), a.maxLengthSeconds * 1000 + s.timing.ringMarginMs);
  await s.hangupCaller();
  // recording.saved follows the hangup; wait for it so the record carries the file.
  await s.waitFor(() => s.state.recordings.has(tag), s.timing.ringMarginMs);
  const url = s.state.recordings.get(tag);
  if (url) s.voicemail = { url, boxId: a.voicemailBoxId };
  return { next: null };
}
