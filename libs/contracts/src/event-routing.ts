import type { CarrierEvent } from './carrier-event';
import { callWorkflowId } from './call-messages';

/**
 * Event types the call workflow acts on. Others (speak/playback started, bridged, single DTMF digits
 * that a gather also reports) are stored but not signalled: each signal costs the workflow a task.
 */
export const SIGNALLED_EVENT_TYPES: ReadonlySet<string> = new Set([
  'call.initiated',
  'call.answered',
  'call.hangup',
  'call.speak.ended',
  'call.playback.ended',
  'call.gather.ended',
  'call.recording.saved',
  'call.recording.error',
  'call.machine.detection.ended',
  'call.ai_gather.ended',
]);

export interface EventRoute {
  workflowId: string;
  /** Whether this event may start the workflow (only the inbound caller's own events may). */
  mayStart: boolean;
  /** Whether the workflow needs it as a signal, or it is only kept in the call's event log. */
  signal: boolean;
}

/**
 * Which call workflow a carrier event belongs to, if any needs it. Legs we created name their workflow in client_state;
 * the inbound leg, before we answer it, is known by its call session. Outgoing legs we did not create
 * start nothing.
 */
export function routeCarrierEvent(e: CarrierEvent): EventRoute | null {
  const signal = SIGNALLED_EVENT_TYPES.has(e.type);
  // A leg we dialled starts with our own command, whose result names it: its call.initiated
  // tells the workflow nothing, and a signal is a workflow task.
  if (e.clientState?.wf)
    return { workflowId: e.clientState.wf, mayStart: false, signal: signal && e.type !== 'call.initiated' };
  if (e.direction === 'outgoing') return null;
  if (e.callSessionId) return { workflowId: callWorkflowId(e.callSessionId), mayStart: signal, signal };
  return null;
}
