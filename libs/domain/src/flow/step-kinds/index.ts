import type { FlowStep, StepType } from '../flow-model';
import { ask } from './ask';
import type { StepDescriptor } from './descriptor';
import { forward } from './forward';
import { greeting } from './greeting';
import { hangup } from './hangup';
import { menu } from './menu';
import { ringGroup } from './ring-group';
import { route } from './route';
import { schedule } from './schedule';
import { voicemail } from './voicemail';

export type {
  ActionFacet,
  AddStepIssue,
  DecisionFacet,
  DiagramShape,
  KindColours,
  StepDescriptor,
} from './descriptor';

/** One descriptor per step kind; the mapped type makes a kind without one a compile error. */
export type StepKinds = { readonly [K in StepType]: StepDescriptor<Extract<FlowStep, { type: K }>> };

/**
 * The single list of step kinds. Adding a kind: its step interface in flow-model.ts (the FlowStep
 * union), its descriptor file here, and its entry below (the compiler asks for it). STEP_TYPES
 * lists the kinds in this order.
 */
export const STEP_KINDS: StepKinds = {
  greeting,
  route,
  schedule,
  menu,
  ring_group: ringGroup,
  forward,
  voicemail,
  hangup,
  ask,
};

/** Every step type, in STEP_KINDS' order. */
export const STEP_TYPES: readonly StepType[] = Object.keys(STEP_KINDS) as StepType[];

/**
 * The descriptor for a step's type, or undefined for a type this version does not know (stored
 * data can be newer or broken; inherited keys such as `constructor` are not kinds).
 */
export function stepKindOf(type: unknown): StepDescriptor<FlowStep> | undefined {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(STEP_KINDS, type)
    ? STEP_KINDS[type as StepType]
    : undefined;
}

/** One fact of every kind, keyed by step type: `byStepKind((kind) => kind.diagram.colours)`. */
export function byStepKind<T>(pick: (kind: StepDescriptor<FlowStep>) => T): Record<StepType, T> {
  return Object.fromEntries(
    STEP_TYPES.map((type) => [type, pick(STEP_KINDS[type] as StepDescriptor<FlowStep>)]),
  ) as Record<StepType, T>;
}
