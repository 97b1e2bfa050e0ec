import {
  firstAction,
  isDecisionEntry,
  nextAction,
  type CallFlow,
  type DecisionContext,
  type NextAction,
} from '@switchboard/domain';
import type { CallSession } from './call-session';
import { discloseRecording } from './disclosure';
import { STEP_HANDLERS, type StepDone } from './steps';

/** A flow can loop through menus on the caller's input; the bound stops a loop nobody is in. */
const MAX_STEPS = 200;

/**
 * Runs a stored call flow: the recording disclosure first when one applies, then libs/domain's
 * interpreter makes the decisions (routing on the caller, schedules) and yields the next action,
 * which its step handler carries out; the path records every step visited, decisions included.
 */
export async function runFlow(s: CallSession, flow: CallFlow): Promise<void> {
  if (s.ended()) return;
  await s.answer();
  // Callers hear that they may be recorded before anything else, so before any recording.
  await discloseRecording(s, s.route.recordingDisclosure);
  const ctx: DecisionContext = {
    caller: s.route.caller,
    at: s.caller.startedAt,
    timeZone: s.route.timeZone,
    schedules: s.route.schedules ?? {},
  };
  let next: NextAction | null = firstAction(flow, ctx);
  for (let steps = 0; next && steps < MAX_STEPS && !s.ended(); steps++) {
    for (const entry of next.path) if (isDecisionEntry(entry)) s.enter(entry.stepId);
    const done = await perform(s, next.action);
    if ('connected' in done) return;
    next = done.next ? nextAction(flow, done.next, ctx) : null;
  }
  await s.hangupCaller();
}

function perform(s: CallSession, action: NextAction['action']): Promise<StepDone> {
  // The mapped type pairs each action with its handler; TypeScript cannot follow it through the union.
  const handler = STEP_HANDLERS[action.type] as (s: CallSession, a: typeof action) => Promise<StepDone>;
  return handler(s, action);
}
