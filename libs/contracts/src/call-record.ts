import type { CallAttribution } from './call-attribution';

import type { CallOutcome } from '@switchboard/domain';

/** How a call ended, from the business's point of view (docs/SCENARIOS.md `expect.outcome`). */
export type { CallOutcome };

/** One entry of the path a call took through its flow. */
export interface PathEntry {
  step: string;
  /** Carrier-clock instant the step began (ISO). */
  at: string;
  detail?: string;
}

/** A pause an agent made in a call's recording (times on the carrier's clock, ISO). */
export interface RecordingPause {
  pausedAt: string;
  /** Null: still paused when the call ended (the pause ended with it). */
  resumedAt: string | null;
  /** The agent who paused it. */
  agentId: string;
  /** Their name as it was. */
  agentName: string;
}

/** The recording disclosure a call owed its caller, and whether it was played. */
export interface DisclosureRecord {
  /** False: its audio file was gone, the carrier refused it, or the caller left while it played. */
  played: boolean;
  /** When it finished playing (carrier clock); null when it was not played. */
  at: string | null;
}

/** What the call workflow writes when a call is over; the calls table row is built from this. */
export interface CallRecordInput {
  workflowId: string;
  callSessionId: string;
  callControlId: string;
  from: string;
  to: string;
  propertyId: string | null;
  trackingNumberId: string | null;
  sourceId: string | null;
  sourceName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  outcome: CallOutcome;
  answeredBy: string | null;
  hangupCause: string | null;
  path: PathEntry[];
  callFlowId?: string | null;
  callFlowVersion?: number | null;
  recordingUrl?: string | null;
  voicemailBoxId?: string | null;
  /** From ResolvedCall; absent for unknown numbers and calls that started before it existed. */
  attribution?: CallAttribution;
  /** Absent: inbound. Outbound calls are placed by an agent from a tracking number (`from`). */
  direction?: 'inbound' | 'outbound';
  /** The agent who placed an outbound call. */
  agentId?: string | null;
  /** The recording disclosure the call owed (absent: none applied, or the call predates them). */
  disclosure?: DisclosureRecord;
  /** When the flow's conversation recording started (carrier clock); absent: nothing was recorded. */
  recordingStartedAt?: string;
  /** Pauses agents made in the conversation recording, in order. */
  recordingPauses?: RecordingPause[];
}
