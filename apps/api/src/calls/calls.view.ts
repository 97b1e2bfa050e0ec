import type { CallOutcome, PromptPurpose } from '@switchboard/contracts';
import { CallEntity } from '@switchboard/persistence';
import type { RecordingView } from '../recordings/recording.view';
import type { JourneyEntryView } from '../forms/forms.view';

/*
 * What the call routes answer with. Response classes are types only (read by the OpenAPI plugin,
 * scripts/openapi-metadata.ts): the controllers build plain objects, and the compiler checks them
 * against these classes.
 */

/** One step of the call's flow, in order. */
export class CallPathEntryView {
  /** The step's kind (`greeting`, `menu`, `ring_group`, `voicemail`, …). */
  step: string;
  /** Carrier-clock instant the step began (ISO). */
  at: string;
  /** What the step did, when it says more than its kind (the menu key, the group rung). */
  detail?: string;
}

/** An agent's pause of the call's conversation recording (carrier-clock ISO instants). */
export class RecordingPauseView {
  pausedAt: string;
  /** Null: still paused when the call ended (the pause ended with it). */
  resumedAt: string | null;
  /** The agent who paused it, and their name as it was. */
  agentId: string;
  agentName: string;
}

/**
 * A call's record, as the call logs list it. `recordingUrl` is the key-guarded
 * `/v1/calls/{callId}/recording` link (never the carrier's), null for a call without a recording.
 */
export class CallView extends CallEntity {
  /** The flow's steps as the call went through them. */
  declare path: CallPathEntryView[];

  /** Pauses agents made in the conversation recording, in order. */
  declare recordingPauses: RecordingPauseView[];
}

/** A page of the call log. */
export class CallPage {
  items: CallView[];
  /** Calls matching the filter, over every page. */
  total: number;
  limit: number;
  offset: number;
}

/** A carrier webhook stored for the call. */
export class CallEventView {
  id: string;
  /** The carrier's event type (`call.initiated`, `call.answered`, …). */
  type: string;
  occurredAt: Date | null;
  callControlId: string | null;
}

/** One call: its record, its recordings, and the carrier events stored for it. */
export class CallDetailView extends CallView {
  recordings: RecordingView[];
  /**
   * The caller's journey as one lead: every form (docs/DNI.md "Form tracking") and inbound call of
   * the same caller number or website visit at the property, oldest first, this call among them.
   */
  journey: JourneyEntryView[];
  /** The carrier's webhooks of the call, oldest first. */
  events: CallEventView[];
}

/** The webhook a timeline entry was told from. */
export class TimelineEventView {
  id: string;
  type: string;
  occurredAt: string;
  callControlId: string;
}

/** What a call was attributed to beyond its number's source (see `CallView`'s fields of the same names). */
export class CallAttributionView {
  /** `session`, `lookback`, `ambiguous` or `none` (pool numbers); null: not a pool number. */
  kind: 'session' | 'lookback' | 'ambiguous' | 'none' | null;
  sessionId: string | null;
  keyword: string | null;
  campaign: string | null;
  landingPage: string | null;
  activePage: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** Earlier calls from the caller id, account-wide; 0 for anonymous caller ids. */
  priorCalls: number;
}

/**
 * One entry of a call's timeline. Every entry has `at`, `kind`, `summary` and `events`; the other
 * fields belong to some kinds only, as each says, and are present on every entry of those kinds.
 */
export class CallTimelineEntryView {
  /** When it happened (ISO instant, the carrier's clock). */
  at: string;
  kind:
    | 'call_received'
    | 'call_answered'
    | 'step'
    | 'prompt'
    | 'menu_input'
    | 'agent_ringing'
    | 'agent_answered'
    | 'agent_hangup'
    | 'connected'
    | 'recording_saved'
    | 'voicemail'
    | 'recording_failed'
    | 'caller_hangup'
    | 'outcome'
    | 'webhook'
    | 'said'
    | 'recording_started'
    | 'recording_paused'
    | 'recording_resumed'
    | 'disclosure_not_played';
  /** The entry in words. */
  summary: string;
  /** Webhooks behind this entry (none for entries taken from the call record alone). */
  events: TimelineEventView[];
  /** `call_received`: the caller's number. */
  from?: string;
  /** `said`: who said it (the caller, or the agent they were connected to). */
  speaker?: 'caller' | 'agent';
  /** `said`: what the carrier's transcription heard. */
  text?: string;
  /**
   * Who was rung or spoken to: `call_received` (the number dialled), `agent_*` and `connected`
   * (the agent's destination or name), `prompt` (a whisper's agent; null: played to the caller),
   * `webhook` (an agent leg's destination; null: the caller's leg).
   */
  to?: string | null;
  /** `call_received`: the caller id's name, when the carrier gave one. */
  callerName?: string | null;
  /** `call_received`: the tracking source's name. */
  source?: string | null;
  /** `call_received`: the website visit and caller history; null when none was resolved. */
  attribution?: CallAttributionView | null;
  /** `step`: the flow step's kind. */
  step?: string;
  /** `step`: what the step did. */
  detail?: string | null;
  /** `prompt`: the step or menu the prompt belongs to. */
  name?: string | null;
  /** `prompt`: what the prompt was for; `recording_saved`: `conversation` or `other`. */
  purpose?: PromptPurpose | 'conversation' | 'other';
  /** `prompt`: when it stopped playing. */
  endedAt?: string | null;
  /**
   * `prompt`: the carrier's end status (completed, call_hangup, …; null while no end was seen);
   * `menu_input`: the gather status (valid, invalid, timeout, call_hangup, cancelled).
   */
  status?: string | null;
  /** `prompt`: seconds it played. */
  seconds?: number | null;
  /** `menu_input`: the menu's name. */
  menu?: string | null;
  /** `menu_input`: the keys pressed. */
  digits?: string;
  /** `agent_*`, `connected`: the agent leg. */
  callControlId?: string;
  /** `agent_ringing`: the ring attempt (legs rung together share it). */
  attempt?: string | null;
  /** `agent_answered`, `agent_hangup`: seconds it rang. */
  ringSecs?: number | null;
  /** `agent_hangup`: whether the agent answered. */
  answered?: boolean;
  /** `agent_hangup`, `outcome`: seconds connected. */
  talkSecs?: number;
  /** `agent_hangup`, `caller_hangup`: the carrier's hangup cause. */
  hangupCause?: string | null;
  /** `agent_hangup`, `caller_hangup`: who hung up, as the carrier says. */
  hangupSource?: string | null;
  /** `caller_hangup`: the SIP cause. */
  sipHangupCause?: string | null;
  /** `recording_saved`, `voicemail`: a signed URL of our copy; null until it is stored. */
  url?: string | null;
  /** `recording_saved`, `voicemail`: our copy's id. */
  recordingId?: string | null;
  /** `voicemail`: the box it was left in. */
  voicemailBoxId?: string;
  /** `recording_failed`: the recording's tag. */
  tag?: string | null;
  /** `outcome`: how the call ended. */
  outcome?: CallOutcome;
  /** `outcome`: the endpoint that answered. */
  answeredBy?: string | null;
  /** `outcome`: the whole call's length in seconds. */
  durationSecs?: number;
  /** `webhook`: whose leg the webhook is about. */
  party?: 'caller' | 'agent';
  /** `recording_paused`: the agent who paused the recording. */
  agentId?: string;
  /** `recording_paused`: their name as it was. */
  agentName?: string;
}

/** One agent leg, start to end: the "who was rung" table. */
export class CallTimelineLegView {
  to: string;
  callControlId: string;
  /** The ring attempt (workflow tag, e.g. `front-w2`): legs rung together share it. */
  attempt: string | null;
  ringStartedAt: string | null;
  answeredAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  /** From ringing to answer, or to the end for a leg nobody answered; null while unknown. */
  ringSecs: number | null;
  answered: boolean;
  /** Bridged with the caller (an agent can answer and still not be connected: someone else was first). */
  connected: boolean;
  /** Seconds bridged with the caller. */
  talkSecs: number;
  hangupCause: string | null;
  hangupSource: string | null;
  summary: string;
}

/** One call as a timeline, with a summary per agent leg. */
export class CallTimelineView {
  callId: string;
  entries: CallTimelineEntryView[];
  legs: CallTimelineLegView[];
}

/** One piece of a transcribed conversation. */
export class TranscriptSegmentView {
  /** Order of arrival within the call. */
  seq: number;
  /** When it was said (the carrier's clock). */
  at: string;
  speaker: 'caller' | 'agent';
  text: string;
  /** The transcriber's confidence, 0–1, when it gave one. */
  confidence: number | null;
}

/** `GET /v1/calls/{id}/transcript`. */
export class CallTranscriptView {
  callId: string;
  /** The text scoring and search read: `Caller: …` / `Agent: …` lines, or a transcript set by hand. */
  transcript: string | null;
  /** By speaker, in the order said; empty when the carrier transcribed nothing. */
  segments: TranscriptSegmentView[];
}
