import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CarrierEvent } from './carrier-event';
import type { CallProgress } from './call-context';
import type { RecordingPause } from './call-record';

/** Every carrier webhook for a call reaches its workflow through this one signal. */
export const carrierEventSignal = defineSignal<[CarrierEvent]>('carrierEvent');

/** The call's current step and path so far (operators, tests, the Web UI's query tab). */
export const currentStepQuery = defineQuery<CallProgress>('currentStep');

/** Who is calling, as an agent's screen pop shows it (docs/AGENT.md `ringing`). */
export interface CallScreenPop {
  from: string;
  trackingNumber: string;
  source: string;
  campaign: string | null;
  keyword: string | null;
  landingPage: string | null;
  firstTime: boolean;
  priorCalls: number;
  previousCall: { score: number | null; leadStatus: string | null } | null;
  /** Flow steps so far, by id. */
  path: string[];
  /** The same as people read it: step labels and menu choices ("pressed 2: Leasing"). */
  pathLabels: string[];
  /** The flow records the conversation: the agent may pause the recording (docs/AGENT.md). */
  recording?: boolean;
}

/** The running call's screen pop; null before its number is resolved or for unknown numbers. */
export const callContextQuery = defineQuery<CallScreenPop | null>('callContext');

/** An agent pausing or resuming the recording of the call they are connected to. */
export interface RecordingControlRequest {
  action: 'pause' | 'resume';
  /** The agent's own leg: only the agent bridged with the caller may pause their conversation. */
  agentCallControlId: string;
  agentId: string;
  agentName: string;
}

/** Where the call's recording stands after the request. */
export interface RecordingControlResult {
  state: 'recording' | 'paused';
  pauses: RecordingPause[];
}

/**
 * Why a recording control request was refused (the failure's type): the call is not recording (its
 * flow does not record, or the conversation has not started or is over), or the leg named is not
 * the one connected to the caller.
 */
export const RecordingControlRefusal = {
  notRecording: 'NotRecording',
  notYourCall: 'NotYourCall',
  /** The carrier refused the command: the request fails, the call goes on. */
  carrierRefused: 'CarrierRefused',
} as const;

/**
 * Pauses or resumes the call's conversation recording (engine v2): an update, so the agent's page
 * hears at once whether the carrier paused it, and a refusal (its validator) never reaches the
 * call's history. Asking for the state the recording is already in changes nothing.
 */
export const recordingControlUpdate = defineUpdate<RecordingControlResult, [RecordingControlRequest]>(
  'recordingControl',
);

/**
 * Workflow type name new inbound calls start (call engine v2); the api starts it by name so it never
 * imports workflow code.
 */
export const INBOUND_CALL_WORKFLOW = 'inboundCallV2';

/**
 * The first engine's type: frozen, registered until its calls have drained (docs/DECISIONS.md,
 * "Call engine v2"), and replayed in CI from recorded histories.
 */
export const INBOUND_CALL_V1_WORKFLOW = 'inboundCall';

/**
 * Workflow id of an inbound call. Keyed on the carrier's call session, so every retry of a webhook and
 * every agent leg dialled with link_to lands on the same workflow, and a duplicate can never start a
 * second one.
 */
export function callWorkflowId(callSessionId: string): string {
  return `call-${callSessionId}`;
}
