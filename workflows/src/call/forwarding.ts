import { callTags } from '@switchboard/contracts';
import { carrier } from '../activity-proxies';
import type { CallSession } from './call-session';
import { ringAndConnect } from './ring';

/** A number without a call flow: answer, play its greeting, ring its forwarding number. */
export async function runForwarding(s: CallSession): Promise<void> {
  if (s.ended()) return;
  await s.answer();
  if (s.ended()) return;
  const { greeting, forwardTo, ringTimeoutSecs } = s.route;
  if (greeting) {
    s.enter('greeting');
    const tag = callTags.greeting();
    await s.send(() =>
      greeting.kind === 'tts'
        ? carrier.speakText(s.caller.callControlId, {
            text: greeting.text,
            voice: greeting.voice,
            state: s.onCaller(tag),
          })
        : carrier.playAudio(s.caller.callControlId, { url: greeting.url, state: s.onCaller(tag) }),
    );
    await s.wait(() => s.state.finishedPrompts.has(tag), s.timing.promptWaitMs);
    if (s.ended()) return;
  }
  s.enter('forward', forwardTo);
  const rung = await ringAndConnect(s, {
    targets: [{ to: forwardTo, timeoutSecs: ringTimeoutSecs }],
    timeoutSecs: ringTimeoutSecs,
    from: s.caller.to,
    tag: callTags.forwardRing(),
  });
  // One path convention with flows and the dry run: ending the call is not a step.
  if (rung === 'no_answer') await s.hangupCaller();
}
