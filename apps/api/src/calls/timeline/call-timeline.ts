import type {
  CallAttribution,
  CallOutcome,
  DisclosureRecord,
  PathEntry,
  PromptPurpose,
  RecordingPause,
} from '@switchboard/contracts';

/**
 * A finished call told as a story: what the caller did, what the flow did, who was rung and for how
 * long, who answered, what was recorded, how it ended. Built from the call record (the workflow's
 * view: path, outcome) and the carrier's webhooks stored for its workflow (the carrier's view:
 * legs, keys, prompts, recordings). Here: what it is told from, and the story the api answers with.
 */

/** What the timeline needs of a call record; times are ISO instants on the carrier's clock. */
export interface TimelineCall {
  /** The inbound caller's leg; every other leg in the events is one we dialled. */
  callControlId: string;
  from: string;
  to: string;
  sourceName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  durationSecs: number;
  talkSecs: number;
  outcome: CallOutcome;
  answeredBy: string | null;
  hangupCause: string | null;
  path: readonly PathEntry[];
  recordingUrl: string | null;
  voicemailBoxId: string | null;
  /** Null for calls to numbers outside pools that carry no history, and for older records. */
  attribution: CallAttribution | null;
  /** The recording disclosure the call owed; null when none applied. */
  disclosure?: DisclosureRecord | null;
  /** When the conversation recording started; null when the conversation was not recorded. */
  recordingStartedAt?: string | null;
  /** Agents' pauses of the conversation recording. */
  recordingPauses?: readonly RecordingPause[];
  /**
   * Agents' names by the destination they are rung at (number, SIP URI, browser agent's URI): the
   * story names people, not addresses. Absent or missing a destination: the destination it is.
   */
  agentNames?: Readonly<Record<string, string>>;
}

/** The webhook an entry was told from: nothing the carrier said is hidden, only grouped. */
export interface TimelineEventRef {
  id: string;
  type: string;
  occurredAt: string;
  callControlId: string;
}

interface EntryBase<K extends string> {
  at: string;
  kind: K;
  summary: string;
  /** Webhooks behind this entry (none for entries taken from the call record alone). */
  events: TimelineEventRef[];
}

export type CallTimelineEntry =
  | (EntryBase<'call_received'> & {
      from: string;
      to: string;
      callerName: string | null;
      source: string | null;
      attribution: CallAttribution | null;
    })
  | EntryBase<'call_answered'>
  | (EntryBase<'step'> & { step: string; detail: string | null })
  | (EntryBase<'prompt'> & {
      /** The step or menu the prompt belongs to, from its tag. */
      name: string | null;
      purpose: PromptPurpose;
      /** The agent's destination for whispers; null when played to the caller. */
      to: string | null;
      endedAt: string | null;
      /** Carrier's end status: completed, call_hangup, cancelled… (null while no end was seen). */
      status: string | null;
      seconds: number | null;
    })
  | (EntryBase<'menu_input'> & {
      menu: string | null;
      digits: string;
      /** Carrier's gather status: valid, invalid, timeout, call_hangup, cancelled. */
      status: string;
    })
  | (EntryBase<'agent_ringing'> & { to: string; callControlId: string; attempt: string | null })
  | (EntryBase<'agent_answered'> & { to: string; callControlId: string; ringSecs: number | null })
  | (EntryBase<'agent_hangup'> & {
      to: string;
      callControlId: string;
      answered: boolean;
      ringSecs: number | null;
      talkSecs: number;
      hangupCause: string | null;
      hangupSource: string | null;
    })
  | (EntryBase<'connected'> & { to: string; callControlId: string })
  | (EntryBase<'recording_saved'> & {
      purpose: 'conversation' | 'other';
      url: string | null;
      recordingId: string | null;
    })
  | (EntryBase<'voicemail'> & { voicemailBoxId: string; url: string | null; recordingId: string | null })
  /** From the record: the conversation recording started (Telnyx sends no webhook for it). */
  | EntryBase<'recording_started'>
  /** From the record: an agent paused the recording (no webhook either). */
  | (EntryBase<'recording_paused'> & { agentId: string; agentName: string })
  | EntryBase<'recording_resumed'>
  /** From the record: the recording disclosure the call owed was not played. */
  | EntryBase<'disclosure_not_played'>
  | (EntryBase<'recording_failed'> & { tag: string | null })
  | (EntryBase<'caller_hangup'> & {
      hangupCause: string | null;
      hangupSource: string | null;
      sipHangupCause: string | null;
    })
  | (EntryBase<'outcome'> & {
      outcome: CallOutcome;
      answeredBy: string | null;
      durationSecs: number;
      talkSecs: number;
    })
  | (EntryBase<'webhook'> & { party: 'caller' | 'agent'; to: string | null })
  | (EntryBase<'said'> & { speaker: 'caller' | 'agent'; text: string });

export type CallTimelineEntryKind = CallTimelineEntry['kind'];

/** One agent leg, start to end: the "who was rung" table. */
export interface CallTimelineLeg {
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

export interface CallTimeline {
  entries: CallTimelineEntry[];
  legs: CallTimelineLeg[];
}
