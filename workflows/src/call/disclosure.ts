import { patched } from '@temporalio/workflow';
import { callTags } from '@switchboard/contracts';
import type { Prompt } from '@switchboard/domain';
import type { CallSession } from './call-session';

/** Marks where recording flows started telling callers before recording them. */
const DISCLOSURE_PATCH = 'recording-disclosure';

/**
 * Plays the recording disclosure the call owes its caller (the flow's, else the property's
 * default, resolved with the number), once the caller is answered and before any step, so
 * nothing is recorded before it. A disclosure that cannot be played (its audio file is gone) does
 * not stop the call: the record says it was not played. Calls resolved before disclosures existed
 * carry none and replay as they ran.
 */
export async function discloseRecording(s: CallSession, prompt: Prompt | null | undefined): Promise<void> {
  // A caller gone before it was their turn was owed nothing: the call ends there.
  if (!prompt || s.ended() || !patched(DISCLOSURE_PATCH)) return;
  const played = await s.speak(prompt, (n) => callTags.disclosure(n));
  s.disclosure = played ? { played: true, at: s.state.carrierNow() } : { played: false, at: null };
}
