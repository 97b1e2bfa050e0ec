import type { StepAction } from '@switchboard/domain';
import type { CallSession } from '../call-session';
import type { StepDone } from './step-handler';

/** Ends the call, after its goodbye message when it has one (the flow's end hangs up). */
export async function hangup(s: CallSession, a: Extract<StepAction, { type: 'hangup' }>): Promise<StepDone> {
  s.enter(a.stepId);
  if (a.message) await s.say(a.message, a.stepId);
  return { next: null };
}
