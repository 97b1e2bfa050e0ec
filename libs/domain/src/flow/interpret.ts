import type { MenuDefinition } from '../ivr/menu-model';
import type { CallerContext } from '../routing/caller-context';
import { chooseBranch } from '../routing/choose-branch';
import { evaluateSchedule, type ScheduleReason } from '../schedule/is-open';
import type { Schedule } from '../schedule/schedule-model';
import type { Instant } from '../shared/instant';
import type { CallFlow, FlowStep, MenuStep, StepId } from './flow-model';
import type { Prompt } from './prompt';

/**
 * The one interpreter of call flows, shared by the workflow and the dry-run simulator.
 *
 * `nextAction(flow, stepId, ctx)` walks from `stepId` through decision steps (route, schedule),
 * which it decides itself from the caller and the call's start instant, until it reaches a step
 * that needs the call itself (play, menu, ring, forward, voicemail, hang up). It returns that
 * action plus the path walked, one entry per step including the action step, so the workflow can
 * append it to the call record. After carrying out an action the workflow calls `nextAction`
 * again with the step the action leads to (`next`, the menu's goto, `noAnswer`).
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

export type ActionStepType = Exclude<FlowStep['type'], 'route' | 'schedule'>;

export type PathEntry = RoutePathEntry | SchedulePathEntry | ActionPathEntry;

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
  | {
      readonly type: 'flow_error';
      readonly stepId: StepId;
      readonly code: FlowErrorCode;
      readonly message: string;
    };

export type FlowErrorCode = 'unknown_step' | 'decision_loop';

export interface NextAction {
  readonly path: PathEntry[];
  readonly action: StepAction;
}

export function nextAction(flow: CallFlow, stepId: StepId, ctx: DecisionContext): NextAction {
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
    if (decisions > maxDecisions) {
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
    switch (step.type) {
      case 'route': {
        const choice = chooseBranch(step.branches, step.fallback, ctx.caller);
        path.push({ stepId: step.id, type: 'route', branchIndex: choice.branchIndex, next: choice.next });
        current = choice.next;
        continue;
      }
      case 'schedule': {
        const entry = decideSchedule(step.id, step.branches, step.otherwise, ctx);
        path.push(entry);
        current = entry.next;
        continue;
      }
      case 'greeting':
      case 'menu':
      case 'ring_group':
      case 'forward':
      case 'voicemail':
      case 'hangup':
        path.push({ stepId: step.id, type: step.type });
        return { path, action: actionFor(step) };
    }
  }
}

/** Where a call starts: `nextAction` from the flow's initial step. */
export function firstAction(flow: CallFlow, ctx: DecisionContext): NextAction {
  return nextAction(flow, flow.initialStepId, ctx);
}

function decideSchedule(
  stepId: StepId,
  branches: ReadonlyArray<{ scheduleId: string; next: StepId }>,
  otherwise: StepId,
  ctx: DecisionContext,
): SchedulePathEntry {
  const unusable: string[] = [];
  const withUnusable = () => (unusable.length > 0 ? { unusableScheduleIds: unusable } : {});
  for (const [index, branch] of branches.entries()) {
    const schedule = ctx.schedules[branch.scheduleId];
    if (schedule === undefined) {
      unusable.push(branch.scheduleId);
      continue;
    }
    let verdict;
    try {
      verdict = evaluateSchedule(schedule, ctx.at, ctx.timeZone);
    } catch {
      unusable.push(branch.scheduleId); // unknown time zone: treat as closed rather than drop the call
      continue;
    }
    if (verdict.open) {
      return {
        stepId,
        type: 'schedule',
        branchIndex: index,
        scheduleId: branch.scheduleId,
        reason: verdict.reason,
        next: branch.next,
        ...withUnusable(),
      };
    }
  }
  return {
    stepId,
    type: 'schedule',
    branchIndex: null,
    scheduleId: null,
    next: otherwise,
    ...withUnusable(),
  };
}

function actionFor(step: Exclude<FlowStep, { type: 'route' | 'schedule' }>): StepAction {
  switch (step.type) {
    case 'greeting':
      return { type: 'play', stepId: step.id, prompt: step.prompt, next: step.next };
    case 'menu':
      return { type: 'menu', stepId: step.id, menu: menuDefinition(step) };
    case 'ring_group':
      return {
        type: 'ring_group',
        stepId: step.id,
        ringGroupId: step.ringGroupId,
        noAnswer: step.noAnswer ?? null,
      };
    case 'forward':
      return {
        type: 'forward',
        stepId: step.id,
        to: step.to,
        timeoutSeconds: step.timeoutSeconds,
        callerId: step.callerId,
        noAnswer: step.noAnswer ?? null,
      };
    case 'voicemail':
      return {
        type: 'voicemail',
        stepId: step.id,
        voicemailBoxId: step.voicemailBoxId,
        ...(step.greeting !== undefined ? { greeting: step.greeting } : {}),
        beep: step.beep,
        maxLengthSeconds: step.maxLengthSeconds,
      };
    case 'hangup':
      return {
        type: 'hangup',
        stepId: step.id,
        ...(step.message !== undefined ? { message: step.message } : {}),
      };
  }
}

/** The menu machine needs the menu's fields only, not the step's flow bookkeeping. */
function menuDefinition(step: MenuStep): MenuDefinition {
  return {
    id: step.id,
    prompt: step.prompt,
    options: step.options,
    timeoutSeconds: step.timeoutSeconds,
    maxRetries: step.maxRetries,
    fallback: step.fallback,
    ...(step.invalidPrompt !== undefined ? { invalidPrompt: step.invalidPrompt } : {}),
    ...(step.timeoutPrompt !== undefined ? { timeoutPrompt: step.timeoutPrompt } : {}),
    ...(step.repeatOnStar !== undefined ? { repeatOnStar: step.repeatOnStar } : {}),
  };
}
