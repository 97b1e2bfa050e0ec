import type { StepAction } from '@switchboard/domain';
import type { CallSession } from '../call-session';
import type { StepDone } from './step-handler';

/** A flow the interpreter cannot go on with (a missing step, a decision loop): the path says why. */
export function flowError(s: CallSession, a: Extract<StepAction, { type: 'flow_error' }>): Promise<StepDone> {
  s.enter(a.stepId, a.message);
  return Promise.resolve({ next: null });
}
