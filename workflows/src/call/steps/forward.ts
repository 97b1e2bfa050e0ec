import { callTags } from '@switchboard/contracts';
import type { StepAction } from '@switchboard/domain';
import type { CallSession } from '../call-session';
import { ringAndConnect } from '../ring';
import type { StepDone } from './step-handler';

/** Rings one number; unanswered, the flow goes on at the step's no-answer branch. */
export async function forward(
  s: CallSession,
  a: Extract<StepAction, { type: 'forward' }>,
): Promise<StepDone> {
  s.enter(a.stepId, a.to);
  const rung = await ringAndConnect(s, {
    targets: [{ to: a.to, timeoutSecs: a.timeoutSeconds }],
    timeoutSecs: a.timeoutSeconds,
    from: a.callerId === 'caller' ? s.caller.from : s.caller.to,
    tag: callTags.ring(a.stepId),
    record: s.flow?.recording,
    transcribe: s.flow?.transcription,
  });
  if (typeof rung === 'object') return { connected: rung };
  return { next: rung === 'no_answer' ? a.noAnswer : null };
}
