import { callTags } from '@switchboard/contracts';
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
    // The number's greeting is resolved already (voice and URL): no prompt number in its tag.
    await s.play(
      greeting.kind === 'tts' ? { text: greeting.text, voice: greeting.voice } : { url: greeting.url },
      callTags.greeting(),
    );
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
