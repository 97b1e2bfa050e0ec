import type { CarrierEvent } from './carrier-event';
import { callWorkflowId } from './call-messages';

export interface EventRoute {
  workflowId: string;
  /** Whether this event may start the workflow (only the inbound caller's own events may). */
  mayStart: boolean;
}

/**
 * Which call workflow a carrier event belongs to. Legs we created name their workflow in client_state;
 * the inbound leg, before we answer it, is known by its call session. Outgoing legs we did not create
 * start nothing.
 */
export function routeCarrierEvent(e: CarrierEvent): EventRoute | null {
  if (e.clientState?.wf) return { workflowId: e.clientState.wf, mayStart: false };
  if (e.direction === 'outgoing') return null;
  if (e.callSessionId) return { workflowId: callWorkflowId(e.callSessionId), mayStart: true };
  return null;
}
