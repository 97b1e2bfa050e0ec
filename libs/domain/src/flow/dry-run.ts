import type { AskOutcome } from '../front-desk/ask-model';
import type { MenuCommand, MenuOutcome } from '../ivr/menu-machine';
import type { RingGroup } from '../ring/ring-group-model';
import type { AgentAvailability, RingPlan } from '../ring/ring-plan';
import type { CallFlow, StepId } from './flow-model';
import { isDecisionEntry, resolveAction, type DecisionContext, type PathEntry } from './interpret';
import { PATH_CONNECTED } from './path-convention';
import type { Prompt } from './prompt';
import { recordingDisclosureOf, type AppliedDisclosure } from './recording-disclosure';

/**
 * The dry-run simulator: plays one imagined call through a flow with the same interpreter, menu
 * machine and ring planner the workflow uses, so an admin sees exactly where a given caller would
 * go. It is synchronous and ignores durations; the script says what the caller presses and who
 * answers. What each action does to the call is its step kind's `simulate` (step-kinds/).
 */
export interface DryRunScript {
  /** One entry per menu prompt, in order: the key(s) pressed, or null / "" for no input (timeout). Once used up, every prompt times out. */
  readonly keypresses?: ReadonlyArray<string | null>;
  /**
   * One entry per spoken front desk step, in order: what the caller says, or null / "" for
   * silence. Read by a word matcher standing in for the carrier's AI (front-desk/phrase-fields.ts).
   */
  readonly say?: ReadonlyArray<string | null>;
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
  /** The property's default recording disclosure, for a recording flow without its own. */
  readonly propertyDisclosure?: Prompt | null;
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
  | { readonly kind: 'hangup'; readonly stepId: StepId }
  | {
      readonly kind: 'ask';
      readonly stepId: StepId;
      /** The phrase the script said; null for silence. */
      readonly said: string | null;
      readonly outcome: AskOutcome;
    };

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
  /**
   * What the caller hears first, before anything is recorded, when the flow records: the flow's
   * own disclosure or the property's default; null when none would play.
   */
  readonly recordingDisclosure: AppliedDisclosure | null;
  /** Whether the conversation would be transcribed once connected. */
  readonly transcription: boolean;
}

/** The scripted call as a kind's `simulate` sees it: the script, and what the call has used of it. */
export interface DryRunCall {
  readonly script: DryRunScript;
  /** The caller's next keypress; null (no input) once the script's are used up. */
  keypress(): string | null;
  /** What the caller says next; null (silence) once the script's phrases are used up. */
  phrase(): string | null;
  /** Round-robin pointers by ring group id, moved on by each ring of the call. */
  readonly pointers: Record<string, number>;
  /** The agents who answer when rung. */
  readonly answering: ReadonlySet<string>;
}

/** What one simulated action did to the call. */
export type SimulatedAction =
  /** The call goes on at `next`; null: nobody answered and nothing follows, so the call ends. */
  | { readonly trace: DryRunTraceEntry; readonly next: StepId | null }
  /** The call ends here; `connected` when someone answered (the path then ends with PATH_CONNECTED). */
  | { readonly trace?: DryRunTraceEntry; readonly outcome: DryRunOutcome; readonly connected?: true };

export function dryRun(flow: CallFlow, ctx: DecisionContext, script: DryRunScript = {}): DryRunResult {
  const path: StepId[] = [];
  const trace: DryRunTraceEntry[] = [];
  const keypresses = [...(script.keypresses ?? [])];
  const phrases = [...(script.say ?? [])];
  const call: DryRunCall = {
    script,
    keypress: () => (keypresses.length > 0 ? (keypresses.shift() as string | null) : null),
    phrase: () => {
      const said = phrases.length > 0 ? phrases.shift() : null;
      return typeof said === 'string' && said.trim() !== '' ? said : null;
    },
    pointers: { ...(script.roundRobinPointers ?? {}) },
    answering: new Set(script.answeringAgentIds ?? []),
  };
  const maxSteps = script.maxSteps ?? 100;
  const finish = (outcome: DryRunOutcome): DryRunResult => ({
    path,
    trace,
    outcome,
    recording: flow.recording,
    recordingDisclosure: recordingDisclosureOf(flow, script.propertyDisclosure),
    transcription: flow.transcription === true,
  });

  // The interpreter's own walk (firstAction/nextAction), which also names the kind that acts.
  let resolved = resolveAction(flow, flow.initialStepId, ctx);
  for (;;) {
    for (const entry of resolved.path) {
      path.push(entry.stepId);
      if (isDecisionEntry(entry)) trace.push({ kind: 'decision', entry });
    }
    if (path.length > maxSteps) {
      return finish({
        kind: 'error',
        stepId: resolved.action.stepId,
        code: 'step_limit',
        message: `Stopped after ${maxSteps} steps.`,
      });
    }
    if (resolved.acting === undefined) {
      const { stepId, code, message } = resolved.action;
      return finish({ kind: 'error', stepId, code, message });
    }
    const { action } = resolved;
    const done = resolved.acting.simulate(action, call);
    if (done.trace !== undefined) trace.push(done.trace);
    if ('outcome' in done) {
      if (done.connected === true) path.push(PATH_CONNECTED);
      return finish(done.outcome);
    }
    if (done.next === null) return finish({ kind: 'hangup', stepId: action.stepId, reason: 'no_answer' });
    resolved = resolveAction(flow, done.next, ctx);
  }
}
