import type { StepAction } from '@switchboard/domain';
import type { CallSession } from '../call-session';
import type { StepDone } from './step-handler';

/** A prompt played to the caller, then on to the next step. */
export async function play(s: CallSession, a: Extract<StepAction, { type: 'play' }>): Promise<StepDone> {
  s.enter(a.stepId);
  await s.say(a.prompt, a.stepId);
  return { next: a.next };
}
