import type { StepAction } from '@switchboard/domain';
import type { Leg } from '../call-state';
import type { CallSession } from '../call-session';

/** What a step led to: the next step (null ends the call), or a conversation that has ended. */
export type StepDone = { next: string | null } | { connected: Leg };

/** Carries out one kind of step of a call flow on the call's session. */
export type StepHandler<A extends StepAction> = (s: CallSession, action: A) => Promise<StepDone>;

/** One handler per kind of action the flow interpreter yields: the compiler checks none is missing. */
export type StepHandlers = {
  [K in StepAction['type']]: StepHandler<Extract<StepAction, { type: K }>>;
};
