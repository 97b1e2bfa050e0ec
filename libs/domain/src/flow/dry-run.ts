import {
  INITIAL_MENU_STATE,
  reduceMenu,
  type MenuCommand,
  type MenuEvent,
  type MenuOutcome,
} from '../ivr/menu-machine';
import type { RingGroup } from '../ring/ring-group-model';
import { planRing, type AgentAvailability, type RingPlan } from '../ring/ring-plan';
import type { CallFlow, StepId } from './flow-model';
import { firstAction, nextAction, type DecisionContext, type PathEntry, type StepAction } from './interpret';
import { PATH_CONNECTED } from './path-convention';

/**
 * The dry-run simulator: plays one imagined call through a flow with the same interpreter, menu
 * machine and ring planner the workflow uses, so an admin sees exactly where a given caller would
 * go. It is synchronous and ignores durations; the script says what the caller presses and who
 * answers.
 */
export interface DryRunScript {
  /** One entry per menu prompt, in order: the key(s) pressed, or null / "" for no input (timeout). Once used up, every prompt times out. */
  readonly keypresses?: ReadonlyArray<string | null>;
  /** The property's ring groups by id. */
  readonly ringGroups?: Readonly<Record<string, RingGroup>>;
  readonly availability?: AgentAvailability;
  /** Persisted round-robin pointers by ring group id (default 0). */
  readonly roundRobinPointers?: Readonly<Record<string, number>>;
  /** Agents who answer when rung (default: nobody). The first wave containing one of them connects. */
  readonly answeringAgentIds?: readonly string[];
  /** Whether forwarded calls are answered (default true). */
  readonly forwardAnswered?: boolean;
  /** Safety stop for flows that loop through menus on the script's input (default 100 steps). */
  readonly maxSteps?: number;
}

export type DryRunTraceEntry =
  | { readonly kind: 'decision'; readonly entry: PathEntry }
  | { readonly kind: 'play'; readonly stepId: StepId }
  | {
      readonly kind: 'menu';
      readonly stepId: StepId;
      readonly inputs: ReadonlyArray<string | null>;
      readonly commands: readonly MenuCommand[];
      readonly outcome: MenuOutcome;
    }
  | {
      readonly kind: 'ring_group';
      readonly stepId: StepId;
      readonly plan: RingPlan;
      readonly answeredBy: string | null;
    }
  | { readonly kind: 'forward'; readonly stepId: StepId; readonly to: string; readonly answered: boolean }
  | { readonly kind: 'voicemail'; readonly stepId: StepId; readonly voicemailBoxId: string }
  | { readonly kind: 'hangup'; readonly stepId: StepId };

export type DryRunOutcome =
  | { readonly kind: 'answered'; readonly stepId: StepId; readonly agentId: string }
  | { readonly kind: 'forwarded'; readonly stepId: StepId; readonly to: string }
  | { readonly kind: 'voicemail'; readonly stepId: StepId; readonly voicemailBoxId: string }
  /** `hangup_step`: a hang-up step; `no_answer`: nobody answered and there was no next step. */
  | { readonly kind: 'hangup'; readonly stepId: StepId; readonly reason: 'hangup_step' | 'no_answer' }
  | { readonly kind: 'error'; readonly stepId: StepId; readonly code: string; readonly message: string };

export interface DryRunResult {
  /**
   * Every step id visited, in order, then `connected` when someone answered: what the call record's
   * path will show (PATH_CONNECTED).
   */
  readonly path: StepId[];
  readonly trace: DryRunTraceEntry[];
  readonly outcome: DryRunOutcome;
  readonly recording: boolean;
}

export function dryRun(flow: CallFlow, ctx: DecisionContext, script: DryRunScript = {}): DryRunResult {
  const path: StepId[] = [];
  const trace: DryRunTraceEntry[] = [];
  const keypresses = [...(script.keypresses ?? [])];
  const pointers: Record<string, number> = { ...(script.roundRobinPointers ?? {}) };
  const answering = new Set(script.answeringAgentIds ?? []);
  const maxSteps = script.maxSteps ?? 100;
  const finish = (outcome: DryRunOutcome): DryRunResult => ({
    path,
    trace,
    outcome,
    recording: flow.recording,
  });

  let resolved = firstAction(flow, ctx);
  for (;;) {
    for (const entry of resolved.path) {
      path.push(entry.stepId);
      if (entry.type === 'route' || entry.type === 'schedule') trace.push({ kind: 'decision', entry });
    }
    if (path.length > maxSteps) {
      return finish({
        kind: 'error',
        stepId: resolved.action.stepId,
        code: 'step_limit',
        message: `Stopped after ${maxSteps} steps.`,
      });
    }
    const action: StepAction = resolved.action;
    let next: StepId | null;
    switch (action.type) {
      case 'flow_error':
        return finish({ kind: 'error', stepId: action.stepId, code: action.code, message: action.message });
      case 'play':
        trace.push({ kind: 'play', stepId: action.stepId });
        next = action.next;
        break;
      case 'menu': {
        const inputs: Array<string | null> = [];
        const commands: MenuCommand[] = [];
        let step = reduceMenu(action.menu, INITIAL_MENU_STATE, { type: 'start' });
        commands.push(...step.commands);
        while (step.state.outcome === undefined) {
          const pressed = keypresses.length > 0 ? (keypresses.shift() as string | null) : null;
          inputs.push(pressed);
          const gatherId = step.state.gatherId;
          const event: MenuEvent =
            pressed === null || pressed === ''
              ? { type: 'timeout', gatherId }
              : { type: 'digits', digits: pressed, gatherId };
          const before = step.state;
          step = reduceMenu(action.menu, step.state, event);
          // Input without any key (e.g. "x") changes nothing; the caller then stays silent.
          if (step.state === before)
            step = reduceMenu(action.menu, step.state, { type: 'timeout', gatherId });
          commands.push(...step.commands);
        }
        trace.push({ kind: 'menu', stepId: action.stepId, inputs, commands, outcome: step.state.outcome });
        next = step.state.outcome.stepId;
        break;
      }
      case 'ring_group': {
        const group = script.ringGroups?.[action.ringGroupId];
        if (group === undefined) {
          return finish({
            kind: 'error',
            stepId: action.stepId,
            code: 'unknown_ring_group',
            message: `Ring group "${action.ringGroupId}" is not known.`,
          });
        }
        const plan = planRing(group, script.availability ?? {}, pointers[group.id] ?? 0);
        pointers[group.id] = plan.nextPointer;
        const answeredBy =
          plan.waves.flatMap((w) => w.targets.filter((t) => answering.has(t.agentId)).slice(0, 1))[0]
            ?.agentId ?? null;
        trace.push({ kind: 'ring_group', stepId: action.stepId, plan, answeredBy });
        if (answeredBy !== null) {
          path.push(PATH_CONNECTED);
          return finish({ kind: 'answered', stepId: action.stepId, agentId: answeredBy });
        }
        next = action.noAnswer;
        break;
      }
      case 'forward': {
        const answered = script.forwardAnswered ?? true;
        trace.push({ kind: 'forward', stepId: action.stepId, to: action.to, answered });
        if (answered) {
          path.push(PATH_CONNECTED);
          return finish({ kind: 'forwarded', stepId: action.stepId, to: action.to });
        }
        next = action.noAnswer;
        break;
      }
      case 'voicemail':
        trace.push({ kind: 'voicemail', stepId: action.stepId, voicemailBoxId: action.voicemailBoxId });
        return finish({ kind: 'voicemail', stepId: action.stepId, voicemailBoxId: action.voicemailBoxId });
      case 'hangup':
        trace.push({ kind: 'hangup', stepId: action.stepId });
        return finish({ kind: 'hangup', stepId: action.stepId, reason: 'hangup_step' });
    }
    if (next === null) return finish({ kind: 'hangup', stepId: action.stepId, reason: 'no_answer' });
    resolved = nextAction(flow, next, ctx);
  }
}
