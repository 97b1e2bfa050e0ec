import type { FlowDiagramNames } from '../../diagram/describe';
import type { DryRunCall, SimulatedAction } from '../dry-run';
import type { FlowStep } from '../flow-model';
import type { DecisionContext, DecisionPathEntry, StepAction } from '../interpret';
import type { ResourceRef } from '../resource-ref';
import type { PromptRef, StepLink } from '../step-links';
import type { FlowIssueCode, FlowValidationContext } from '../validate-flow';

/**
 * Reports one issue of a step: `field` is relative to the step (`''` for the step itself) and the
 * message follows `Step "<id>" `.
 */
export type AddStepIssue = (
  severity: 'error' | 'warning',
  code: FlowIssueCode,
  field: string,
  message: string,
) => void;

/** Box shapes of the SVG renderer (`ellipse` is the start node's). */
export type DiagramShape = 'rect' | 'rounded' | 'stadium' | 'diamond' | 'hexagon' | 'ellipse';

export interface KindColours {
  readonly fill: string;
  readonly stroke: string;
}

/** A kind the interpreter passes by itself, from the caller and the call's start instant. */
export interface DecisionFacet<S extends FlowStep> {
  /** The branch taken, as the path records it; its `next` is where the call goes on. */
  decide(step: S, ctx: DecisionContext): DecisionPathEntry;
}

/**
 * A kind the call itself carries out: the interpreter stops at it with an action, which the
 * workflow hands to its handler for `action.type` (workflows/src/call/steps/).
 */
export interface ActionFacet<S extends FlowStep, A extends StepAction> {
  act(step: S): A;
  /** The dry run's stand-in for the workflow's handler: what the action does to the scripted call. */
  simulate(action: A, call: DryRunCall): SimulatedAction;
}

/**
 * Everything the domain knows about one step kind, in one place. Validation, resource references,
 * diagrams, the graph walks, the interpreter and the dry run read these facets; none of them
 * switches over step types. The methods only see steps of their own kind (the caller looks the
 * kind up by `step.type`); `A` is the action a kind that acts yields.
 */
export interface StepDescriptor<S extends FlowStep, A extends StepAction = StepAction> {
  /** The fields that point at other steps, with their paths relative to the step. */
  links(step: S): StepLink[];
  /** Every prompt the step may play, with its field path (for the missing-audio check). */
  prompts(step: S): PromptRef[];
  /** The caller acts here (a menu): a loop through such a step is the caller's choice, not a hang. */
  readonly callerInput: boolean;
  /** The property resources the step names by id, other than the audio files of its prompts. */
  resources(step: S): ResourceRef[];
  /** Checks of this kind's own fields; links and prompts are checked for every kind by validateFlow. */
  validate(step: S, ctx: FlowValidationContext, add: AddStepIssue): void;
  /** How the interpreter (interpret.ts) passes the step: deciding where to go, or acting. */
  readonly run: DecisionFacet<S> | ActionFacet<S, A>;
  readonly diagram: {
    /** The box in the SVG drawing. */
    readonly shape: DiagramShape;
    /** Mermaid's opening and closing brackets around the node text. */
    readonly mermaidShape: readonly [string, string];
    /** Mermaid class name (`start` and `end` are keywords in some Mermaid versions: avoid them). */
    readonly mermaidClass: string;
    readonly colours: KindColours;
    /** The one-line description under the title; `max` truncates spoken text, null keeps it whole. */
    detail(step: S, names: FlowDiagramNames, max: number | null): string;
    /** The text on the edge drawn for one of `links(step)`. */
    edgeLabel(step: S, link: StepLink, names: FlowDiagramNames): string;
  };
}

/** `branches[3].next` → 3; null for any other path. */
export function branchIndexOf(path: string): number | null {
  const match = /^branches\[(\d+)\]\.next$/.exec(path);
  return match ? Number(match[1]) : null;
}

/** The `noAnswer` link of a step that rings someone; none when it is absent (the call ends). */
export function noAnswerLinks(step: { readonly noAnswer?: string }): StepLink[] {
  return step.noAnswer === undefined ? [] : [{ path: 'noAnswer', target: step.noAnswer }];
}

/** Keeps the prompts that are present (optional prompts are left out when absent). */
export function presentPrompts(refs: ReadonlyArray<PromptRef | null>): PromptRef[] {
  return refs.filter((r): r is PromptRef => r !== null);
}
