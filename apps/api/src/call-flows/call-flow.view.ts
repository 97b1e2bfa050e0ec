import type { CallFlowEntity } from '@switchboard/persistence';
import type { FieldIssue } from '../common/field-issue.view';
import { ApiUnion } from '../openapi/union-schema';
import { ApiPrompt, type Prompt } from '../resources/prompt.view';

// libs/domain's CallFlow (flow/flow-model.ts) as the api sends it back; the domain's validateFlow
// is what checks a submitted one.

/** The caller has not called before. */
export class FirstTimeCriterion {
  type: 'first_time';
}

/** The caller has called before. */
export class RepeatCriterion {
  type: 'repeat';
}

/** `is`: the call's source is one of `values`; `is_not`: it is none of them. */
export class SourceCriterion {
  type: 'source';
  op: 'is' | 'is_not';
  values: string[];
}

/**
 * A field of the website visit that saw a pool number (never matches on a source number's
 * calls). Case-insensitive; `matches` is a wildcard pattern (`*` any run, `?` one character).
 */
export class SessionCriterion {
  type: 'keyword' | 'active_page' | 'landing_page' | 'campaign' | 'referrer';
  op: 'equals' | 'contains' | 'starts_with' | 'matches';
  value: string;
}

/** Score of the caller's previous call: `at_least` is >=, `below` is <. */
export class PreviousScoreCriterion {
  type: 'previous_score';
  op: 'at_least' | 'below';
  value: number;
}

/** Lead status of the caller's previous call. */
export class PreviousLeadStatusCriterion {
  type: 'previous_lead_status';
  value: 'good_lead' | 'not_a_lead' | 'not_scored';
}

export type Criterion =
  | FirstTimeCriterion
  | RepeatCriterion
  | SourceCriterion
  | SessionCriterion
  | PreviousScoreCriterion
  | PreviousLeadStatusCriterion;

export class RouteBranch {
  label?: string;

  /** AND-ed; at least one. */
  @ApiUnion(
    'type',
    {
      first_time: FirstTimeCriterion,
      repeat: RepeatCriterion,
      source: SourceCriterion,
      keyword: SessionCriterion,
      active_page: SessionCriterion,
      landing_page: SessionCriterion,
      campaign: SessionCriterion,
      referrer: SessionCriterion,
      previous_score: PreviousScoreCriterion,
      previous_lead_status: PreviousLeadStatusCriterion,
    },
    { isArray: true },
  )
  criteria: Criterion[];

  next: string;
}

export class ScheduleBranch {
  /** A schedule of the property. */
  scheduleId: string;

  next: string;
}

/** Play a prompt, then continue. */
export class GreetingStep {
  /** Unique within the flow; call records' paths list the steps a call went through by id. */
  id: string;

  /** Admin-facing name; never used for routing. */
  label?: string;

  type: 'greeting';

  @ApiPrompt()
  prompt: Prompt;

  next: string;
}

/** Responsive routing: the first branch whose criteria all hold, else the fallback. */
export class RouteStep {
  id: string;
  label?: string;
  type: 'route';
  branches: RouteBranch[];
  fallback: string;
}

/** The first listed schedule open at the call's start instant, else `otherwise`. */
export class ScheduleStep {
  id: string;
  label?: string;
  type: 'schedule';
  branches: ScheduleBranch[];
  otherwise: string;
}

/** An IVR menu: one prompt, one key per choice; the only step that waits for caller input. */
export class MenuStep {
  id: string;
  label?: string;
  type: 'menu';

  @ApiPrompt()
  prompt: Prompt;

  /** Key (`0`-`9`, `*`, `#`) → step id. */
  options: Record<string, string>;

  /** How long to wait for a key after the prompt, in seconds. */
  timeoutSeconds: number;

  /** Re-prompts allowed after failed attempts (timeouts and invalid keys together); 0 = none. */
  maxRetries: number;

  /** Played after an invalid key, before the re-prompt (or before the fallback). */
  @ApiPrompt()
  invalidPrompt?: Prompt;

  /** Played after a timeout, before the re-prompt (or before the fallback). */
  @ApiPrompt()
  timeoutPrompt?: Prompt;

  /** `*` replays the menu without using a retry (only when `*` is not itself an option). */
  repeatOnStar?: boolean;

  /** Where the call goes once retries are used up. */
  fallback: string;
}

/** Ring a ring group of the property. */
export class RingGroupStep {
  id: string;
  label?: string;
  type: 'ring_group';
  ringGroupId: string;

  /** Where to go when nobody answers; absent = the call ends. */
  noAnswer?: string;
}

/** Forward to an external number. */
export class ForwardStep {
  id: string;
  label?: string;
  type: 'forward';

  /** E.164 */
  to: string;

  timeoutSeconds: number;

  /** Which number the called party sees: our tracking number or the caller's own. */
  callerId: 'tracking_number' | 'caller';

  /** Where to go when the forward is not answered; absent = the call ends. */
  noAnswer?: string;
}

/** Record a message into a voicemail box; the call ends afterwards. */
export class VoicemailStep {
  id: string;
  label?: string;
  type: 'voicemail';
  voicemailBoxId: string;

  /** Absent: the box's own greeting. */
  @ApiPrompt()
  greeting?: Prompt;

  beep: boolean;
  maxLengthSeconds: number;
}

/** End the call, optionally after a message. */
export class HangupStep {
  id: string;
  label?: string;
  type: 'hangup';

  @ApiPrompt()
  message?: Prompt;
}

/** A field a spoken front desk reads out of the caller's answer. */
export class AskField {
  /** Lower-case letters, digits and `_`: the key the carrier answers with. */
  name: string;
  /** What the field means, in words the carrier's model reads. */
  description: string;
  /** The field's only values; absent: free text (a unit number, a name). */
  values?: string[];
  /** Other words for a value (`maintenance`: leak, repair), by value. */
  synonyms?: Record<string, string[]>;
  /** The answer counts as understood only with this field. */
  required?: boolean;
}

/** A route of a spoken front desk: taken when every field in `when` has its value. */
export class AskRoute {
  label?: string;
  /** Field name → value; all must hold. */
  when: Record<string, string>;
  next: string;
}

/**
 * Spoken front desk: asks the caller what they need in their own words (the carrier's AI gather),
 * reads `fields` out of the answer and takes the first matching route; anything not understood
 * goes to `fallback` (normally a key menu). Call engine v2 only.
 */
export class AskStep {
  id: string;
  label?: string;
  type: 'ask';

  /** The question; text only (the carrier speaks it). */
  @ApiPrompt()
  prompt: Prompt;

  fields: AskField[];
  routes: AskRoute[];
  fallback: string;

  /** How long the caller may stay silent, in seconds. */
  timeoutSeconds: number;
}

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

/** A call flow as data: steps linked by step ids, starting at `initialStepId`. */
export class CallFlowDefinition {
  initialStepId: string;

  @ApiUnion(
    'type',
    {
      greeting: GreetingStep,
      route: RouteStep,
      schedule: ScheduleStep,
      menu: MenuStep,
      ring_group: RingGroupStep,
      forward: ForwardStep,
      voicemail: VoicemailStep,
      hangup: HangupStep,
      ask: AskStep,
    },
    { isArray: true },
  )
  steps: FlowStep[];

  /** Record the whole call (one toggle per flow). */
  recording: boolean;

  /**
   * Played to the caller before anything is recorded, when the flow records; absent: the
   * property's default disclosure, if it has one. Engine v2 only.
   */
  @ApiPrompt()
  recordingDisclosure?: Prompt;

  /** Transcribe the conversation, by speaker, once the caller is connected (off when absent). */
  transcription?: boolean;
}

/** One version of a call flow: the current one, or the one asked for with `?version=`. */
export class CallFlowView {
  id: string;
  propertyId: string;
  name: string;

  /** The version shown. */
  version: number;

  /** The version new calls get. */
  currentVersion: number;

  definition: CallFlowDefinition;

  /** What validation found worth a look but not wrong (saves only). */
  warnings?: FieldIssue[];

  createdAt: Date;
  updatedAt: Date;
}

export class CallFlowList {
  items: CallFlowEntity[];
}

export class CallFlowVersionSummary {
  version: number;
  createdAt: Date;
}

export class CallFlowVersionList {
  /** Oldest first. */
  items: CallFlowVersionSummary[];
}

/** The flow drawn, as Mermaid source and as SVG. */
export class CallFlowDiagram {
  mermaid: string;
  svg: string;
}
