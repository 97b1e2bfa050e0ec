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
}
