/** One step the call has been through, as its workflow reports it. */
export class LiveCallStepView {
  /** The flow step's id (or the engine's own: `waiting`, `forwarding`, `connected`…). */
  step: string;
  /** When the call entered it (ISO 8601). */
  at: string;
  /** What the step did, when it says (`pressed 2`, `ringing front desk`). */
  detail?: string;
}

/** A call in flight: its workflow, who is calling, where it came from, and where it is now. */
export class LiveCallView {
  /** The call's workflow id (`call-<call_session_id>`). */
  workflowId: string;
  runId: string;
  /** The carrier's call session: once the call ends, `GET /v1/calls?callSessionId=` finds its record. */
  callSessionId: string;
  propertyId: string;
  callerNumber: string | null;
  trackingNumber: string | null;
  /** The source the call is attributed to. */
  source: string | null;
  campaign: string | null;
  /** No earlier call from this caller; null while the workflow has not said. */
  firstTime: boolean | null;
  /** When the workflow started (ISO 8601). */
  startedAt: string;
  /** The step the call is in now; null when the workflow did not answer in time. */
  step: string | null;
  /** When it entered that step (ISO 8601). */
  stepSince: string | null;
  /** Every step so far, oldest first. */
  path: LiveCallStepView[];
  /** The workflow in the Temporal Web UI; null when TEMPORAL_UI_URL is unset. */
  temporalUrl: string | null;
}

/** `GET /v1/calls/live`: the calls in flight now, oldest first. */
export class LiveCallsView {
  items: LiveCallView[];
}

/** `GET /v1/calls/{callId}/workflow`: the workflow that ran a call, and where to see it. */
export class CallWorkflowView {
  workflowId: string;
  /** The workflow in the Temporal Web UI; null when TEMPORAL_UI_URL is unset. */
  temporalUrl: string | null;
}
