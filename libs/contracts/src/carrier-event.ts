/**
 * A carrier webhook as the call workflow sees it: the Telnyx envelope flattened, client_state decoded,
 * and only the fields routing needs. Produced by libs/telephony's webhook parser; every field but the
 * identifiers is optional because Telnyx documents most payload fields as optional.
 */
export type CarrierEventType =
  | 'call.initiated'
  | 'call.answered'
  | 'call.hangup'
  | 'call.bridged'
  | 'call.speak.started'
  | 'call.speak.ended'
  | 'call.playback.started'
  | 'call.playback.ended'
  | 'call.gather.ended'
  | 'call.dtmf.received'
  | 'call.recording.saved'
  | 'call.recording.error'
  | 'call.machine.detection.ended'
  | 'call.ai_gather.ended'
  | (string & {});

/** What we put in a leg's client_state so every webhook of that leg names its call workflow. */
export interface LegState {
  /** Workflow id of the inbound call this leg belongs to. */
  wf: string;
  role: 'caller' | 'agent';
  /** Correlates a leg or prompt with the workflow step that created it; stale events are ignored. */
  tag?: string;
}

export interface CarrierEvent {
  eventId: string;
  type: CarrierEventType;
  /** ISO instant the carrier says the event happened (the call's clock, not ours). */
  occurredAt: string;
  callControlId: string;
  callLegId?: string;
  callSessionId?: string;
  clientState?: LegState | null;
  direction?: 'incoming' | 'outgoing';
  from?: string;
  to?: string;
  callerIdName?: string;
  hangupCause?: string;
  hangupSource?: string;
  sipHangupCause?: string;
  digits?: string;
  digit?: string;
  status?: string;
  recordingUrl?: string;
  /** What an AI gather understood (`call.ai_gather.ended`'s `result`): the asked fields by name. */
  gathered?: Record<string, unknown>;
  recordingId?: string;
  /** Delivery attempt as Telnyx reports it (meta.attempt); diagnostics only. */
  attempt?: number;
}
