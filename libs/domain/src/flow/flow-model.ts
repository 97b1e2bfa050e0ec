import type { AskDefinition } from '../front-desk/ask-model';
import type { MenuDefinition } from '../ivr/menu-model';
import type { Criterion } from '../routing/criterion-model';
import type { Prompt } from './prompt';

/**
 * A call flow as data: steps linked by step ids, starting at `initialStepId`. Decision steps
 * (route, schedule) are decided purely from the caller and the call's start instant; the others
 * make the workflow do something on the call. Every step id ends up in the call's path.
 */
export interface CallFlow {
  readonly initialStepId: StepId;
  readonly steps: readonly FlowStep[];
  /** Record the whole call (one toggle per flow). */
  readonly recording: boolean;
  /**
   * Played to the caller at the start of a recording flow, before anything is recorded ("this
   * call may be recorded"); absent: the property's default disclosure, if it has one
   * (recording-disclosure.ts). Engine v2 only.
   */
  readonly recordingDisclosure?: Prompt;
  /**
   * Transcribe the conversation once the caller is connected to someone (both sides, by speaker);
   * absent is off.
   */
  readonly transcription?: boolean;
}

export type StepId = string;

/**
 * Every step kind. A kind's behaviour (links, prompts, resources, checks, drawing) is its
 * descriptor in step-kinds/, whose STEP_KINDS object must have an entry for each member.
 */
export type FlowStep =
  | GreetingStep
  | RouteStep
  | ScheduleStep
  | MenuStep
  | RingGroupStep
  | ForwardStep
  | VoicemailStep
  | HangupStep
  | AskStep;

export type StepType = FlowStep['type'];

interface StepBase {
  readonly id: StepId;
  /** Admin-facing name; never used for routing. */
  readonly label?: string;
}

/** Play a prompt, then continue. */
export interface GreetingStep extends StepBase {
  readonly type: 'greeting';
  readonly prompt: Prompt;
  readonly next: StepId;
}

/** Responsive routing: the first branch whose criteria all hold, else the fallback. */
export interface RouteStep extends StepBase {
  readonly type: 'route';
  readonly branches: readonly RouteBranch[];
  readonly fallback: StepId;
}

export interface RouteBranch {
  readonly label?: string;
  /** AND-ed; at least one. */
  readonly criteria: readonly Criterion[];
  readonly next: StepId;
}

/** The first listed schedule open at the call's start instant, else `otherwise`. */
export interface ScheduleStep extends StepBase {
  readonly type: 'schedule';
  readonly branches: readonly ScheduleBranch[];
  readonly otherwise: StepId;
}

export interface ScheduleBranch {
  /** A schedule of the property (see schedule-model.ts). */
  readonly scheduleId: string;
  readonly next: StepId;
}

/** IVR menu; its behaviour is ivr/menu-machine.ts. The only step that waits for caller input. */
export interface MenuStep extends StepBase, MenuDefinition {
  readonly type: 'menu';
}

/** Ring a ring group of the property (see ring/ring-group-model.ts). */
export interface RingGroupStep extends StepBase {
  readonly type: 'ring_group';
  readonly ringGroupId: string;
  /** Where to go when nobody answers; absent = the call ends. */
  readonly noAnswer?: StepId;
}

/** Forward to an external number. */
export interface ForwardStep extends StepBase {
  readonly type: 'forward';
  /** E.164 */
  readonly to: string;
  readonly timeoutSeconds: number;
  /** Which number the called party sees: our tracking number or the caller's own. */
  readonly callerId: 'tracking_number' | 'caller';
  /** Where to go when the forward is not answered; absent = the call ends. */
  readonly noAnswer?: StepId;
}

/** Record a message into a voicemail box; the call ends afterwards. */
export interface VoicemailStep extends StepBase {
  readonly type: 'voicemail';
  readonly voicemailBoxId: string;
  /** Absent: the box's own greeting. */
  readonly greeting?: Prompt;
  readonly beep: boolean;
  readonly maxLengthSeconds: number;
}

/** End the call, optionally after a message. */
export interface HangupStep extends StepBase {
  readonly type: 'hangup';
  readonly message?: Prompt;
}

/**
 * Spoken front desk: asks what the caller needs in their own words and routes on the fields
 * understood (front-desk/). Runs on call engine v2 only.
 */
export interface AskStep extends StepBase, AskDefinition {
  readonly type: 'ask';
}
