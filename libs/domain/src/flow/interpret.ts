import type { AskDefinition } from '../front-desk/ask-model';
import type { MenuDefinition } from '../ivr/menu-model';
import type { CallerContext } from '../routing/caller-context';
import type { ScheduleReason } from '../schedule/is-open';
import type { Schedule } from '../schedule/schedule-model';
import type { Instant } from '../shared/instant';
import type { CallFlow, FlowStep, StepId, StepType } from './flow-model';
import type { Prompt } from './prompt';
import { stepKindOf, type ActionFacet } from './step-kinds';

/**
 * The one interpreter of call flows, shared by the workflow and the dry-run simulator.
 *
 * `nextAction(flow, stepId, ctx)` walks from `stepId` through decision steps (route, schedule),
 * which it decides itself from the caller and the call's start instant, until it reaches a step
 * that needs the call itself (play, menu, ring, forward, voicemail, hang up). It returns that
 * action plus the path walked, one entry per step including the action step, so the workflow can
 * append it to the call record. After carrying out an action the workflow calls `nextAction`
 * again with the step the action leads to (`next`, the menu's goto, `noAnswer`). Which kinds
 * decide and which act, and how, is each kind's `run` facet (step-kinds/).
 *
 * The carrier stays out: actions are abstract, and nothing here throws for a bad flow. A flow
 * that slipped past validation yields a `flow_error` action, so a live call can be ended politely
 * instead of failing the workflow task over and over.
 */

export interface DecisionContext {
  readonly caller: CallerContext;
  /** The carrier's call start instant (`occurred_at` of call.initiated): schedules are judged by it. */
  readonly at: Instant;
  /** The property's IANA zone, used by schedules that have none of their own. */
  readonly timeZone: string;
  /** The property's schedules by id. */
  readonly schedules: Readonly<Record<string, Schedule>>;
}

/** The kinds the call carries out: every kind without a decision path entry. */
export type ActionStepType = Exclude<StepType, DecisionPathEntry['type']>;

export type PathEntry = DecisionPathEntry | ActionPathEntry;

/** One entry per decision kind: the branch its step took. */
export type DecisionPathEntry = RoutePathEntry | SchedulePathEntry;

export interface RoutePathEntry {
  readonly stepId: StepId;
  readonly type: 'route';
  /** Matched branch, or null for the fallback. */
  readonly branchIndex: number | null;
  readonly next: StepId;
}

export interface SchedulePathEntry {
  readonly stepId: StepId;
  readonly type: 'schedule';
  /** Branch whose schedule was open, or null for "otherwise". */
  readonly branchIndex: number | null;
  readonly scheduleId: string | null;
  /** Why the chosen schedule was open (`weekly`/`override`); absent for "otherwise". */
  readonly reason?: ScheduleReason;
  readonly next: StepId;
  /** Schedules that could not be judged (unknown id or time zone); they count as closed. */
  readonly unusableScheduleIds?: readonly string[];
}

export interface ActionPathEntry {
  readonly stepId: StepId;
  readonly type: ActionStepType;
}

export type StepAction =
  | { readonly type: 'play'; readonly stepId: StepId; readonly prompt: Prompt; readonly next: StepId }
  | { readonly type: 'menu'; readonly stepId: StepId; readonly menu: MenuDefinition }
  | {
      readonly type: 'ring_group';
      readonly stepId: StepId;
      readonly ringGroupId: string;
      readonly noAnswer: StepId | null;
    }
  | {
      readonly type: 'forward';
      readonly stepId: StepId;
      readonly to: string;
      readonly timeoutSeconds: number;
      readonly callerId: 'tracking_number' | 'caller';
      readonly noAnswer: StepId | null;
    }
  | {
      readonly type: 'voicemail';
      readonly stepId: StepId;
      readonly voicemailBoxId: string;
      readonly greeting?: Prompt;
      readonly beep: boolean;
      readonly maxLengthSeconds: number;
    }
  | { readonly type: 'hangup'; readonly stepId: StepId; readonly message?: Prompt }
  | { readonly type: 'ask'; readonly stepId: StepId; readonly ask: AskDefinition }
  | {
      readonly type: 'flow_error';
      readonly stepId: StepId;
      readonly code: FlowErrorCode;
      readonly message: string;
    };

/** The member of StepAction of one type: `StepActionOf<'play'>`. */
export type StepActionOf<T extends StepAction['type']> = Extract<StepAction, { readonly type: T }>;

export type FlowErrorCode = 'unknown_step' | 'decision_loop';

export interface NextAction {
  readonly path: PathEntry[];
  readonly action: StepAction;
}

/**
 * What `nextAction` resolves, plus the facet of the kind whose step acts (none for a flow error):
 * the dry run simulates the action with it.
 */
export type ResolvedAction =
  | (NextAction & { readonly acting: ActionFacet<FlowStep, StepAction> })
  | {
      readonly path: PathEntry[];
      readonly action: StepActionOf<'flow_error'>;
      readonly acting?: undefined;
    };

export function nextAction(flow: CallFlow, stepId: StepId, ctx: DecisionContext): NextAction {
  const { path, action } = resolveAction(flow, stepId, ctx);
  return { path, action };
}

/** Where a call starts: `nextAction` from the flow's initial step. */
export function firstAction(flow: CallFlow, ctx: DecisionContext): NextAction {
  return nextAction(flow, flow.initialStepId, ctx);
}

/** `nextAction`'s walk; each step's kind (step-kinds/) decides, or gives the action. */
export function resolveAction(flow: CallFlow, stepId: StepId, ctx: DecisionContext): ResolvedAction {
  const path: PathEntry[] = [];
  // Only decision steps are passed without the caller; more hops than steps means a loop of them.
  const maxDecisions = flow.steps.length;
  let current = stepId;
  for (let decisions = 0; ; decisions++) {
    const step = flow.steps.find((s) => s.id === current);
    if (step === undefined) {
      return {
        path,
        action: {
          type: 'flow_error',
          stepId: current,
          code: 'unknown_step',
          message: `Step "${current}" does not exist.`,
        },
      };
    }
    // A type this version does not know leads nowhere, so, as before the kinds had descriptors, it
    // ends like a loop of decisions (recorded calls replay the same way).
    const run = stepKindOf(step.type)?.run;
    if (decisions > maxDecisions || run === undefined) {
      return {
        path,
        action: {
          type: 'flow_error',
          stepId: current,
          code: 'decision_loop',
          message: `Routing loops without reaching a caller-facing step (at "${current}").`,
        },
      };
    }
    if ('act' in run) {
      // A kind that acts has no decision entry, so its type is an ActionStepType.
      path.push({ stepId: step.id, type: step.type as ActionStepType });
      return { path, action: run.act(step), acting: run };
    }
    const entry = run.decide(step, ctx);
    path.push(entry);
    current = entry.next;
  }
}

/** A decision the interpreter made (route, schedule…), as opposed to a step that acted. */
export function isDecisionEntry(entry: PathEntry): entry is DecisionPathEntry {
  const run = stepKindOf(entry.type)?.run;
  return run !== undefined && 'decide' in run;
}
