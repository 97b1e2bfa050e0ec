import type { CallFlow, FlowStep, StepId } from './flow-model';
import type { Prompt } from './prompt';
import { promptResources, type ResourceRef } from './resource-ref';
import { stepKindOf } from './step-kinds';

/** A reference from a step to another step, with the field path that holds it. */
export interface StepLink {
  /** Relative to the step, e.g. `options.2`, `branches[0].next`. */
  readonly path: string;
  readonly target: StepId;
}

/**
 * The fields of a step that point at other steps (its kind's `links` facet, see step-kinds/).
 * Validation (dangling ids, reachability, cycles) and any graph view build on this. A step of a
 * type this version does not know has none.
 */
export function stepLinks(step: FlowStep): StepLink[] {
  return stepKindOf(step.type)?.links(step) ?? [];
}

export interface PromptRef {
  readonly path: string;
  readonly prompt: Prompt;
}

/** Every prompt a step may play, with its field path (for the missing-audio check). */
export function stepPrompts(step: FlowStep): PromptRef[] {
  return stepKindOf(step.type)?.prompts(step) ?? [];
}

/** Menus are where the caller acts; a loop through one is the caller's choice, not a hang. */
export function isCallerInputStep(step: FlowStep): boolean {
  return stepKindOf(step.type)?.callerInput === true;
}

/**
 * The property resources a step names: its kind's own (schedules, ring group, voicemail box), then
 * the audio files its prompts play. The one list the api checks before deleting a resource.
 */
export function stepResources(step: FlowStep): ResourceRef[] {
  const kind = stepKindOf(step.type);
  if (kind === undefined) return [];
  return [...kind.resources(step), ...kind.prompts(step).flatMap((r) => promptResources(r.prompt))];
}

/** What a call flow names: each of its steps' resources, and its recording disclosure's audio. */
export function flowResources(flow: CallFlow): ResourceRef[] {
  return [...flow.steps.flatMap((step) => stepResources(step)), ...promptResources(flow.recordingDisclosure)];
}
