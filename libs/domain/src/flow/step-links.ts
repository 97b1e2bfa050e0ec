import type { FlowStep, StepId } from './flow-model';
import type { Prompt } from './prompt';

/** A reference from a step to another step, with the field path that holds it. */
export interface StepLink {
  /** Relative to the step, e.g. `options.2`, `branches[0].next`. */
  readonly path: string;
  readonly target: StepId;
}

/**
 * The one place that knows which fields of each step type point at other steps. Validation
 * (dangling ids, reachability, cycles) and any graph view build on this.
 */
export function stepLinks(step: FlowStep): StepLink[] {
  switch (step.type) {
    case 'greeting':
      return [{ path: 'next', target: step.next }];
    case 'route':
      return [
        ...step.branches.map((b, i) => ({ path: `branches[${i}].next`, target: b.next })),
        { path: 'fallback', target: step.fallback },
      ];
    case 'schedule':
      return [
        ...step.branches.map((b, i) => ({ path: `branches[${i}].next`, target: b.next })),
        { path: 'otherwise', target: step.otherwise },
      ];
    case 'menu':
      return [
        ...Object.entries(step.options)
          .filter((entry): entry is [string, string] => entry[1] !== undefined)
          .map(([digit, target]) => ({ path: `options.${digit}`, target })),
        { path: 'fallback', target: step.fallback },
      ];
    case 'ring_group':
    case 'forward':
      return step.noAnswer === undefined ? [] : [{ path: 'noAnswer', target: step.noAnswer }];
    case 'voicemail':
    case 'hangup':
      return [];
  }
}

export interface PromptRef {
  readonly path: string;
  readonly prompt: Prompt;
}

/** Every prompt a step may play, with its field path (for the missing-audio check). */
export function stepPrompts(step: FlowStep): PromptRef[] {
  const refs: Array<PromptRef | null> = (() => {
    switch (step.type) {
      case 'greeting':
        return [{ path: 'prompt', prompt: step.prompt }];
      case 'menu':
        return [
          { path: 'prompt', prompt: step.prompt },
          step.invalidPrompt ? { path: 'invalidPrompt', prompt: step.invalidPrompt } : null,
          step.timeoutPrompt ? { path: 'timeoutPrompt', prompt: step.timeoutPrompt } : null,
        ];
      case 'voicemail':
        return [step.greeting ? { path: 'greeting', prompt: step.greeting } : null];
      case 'hangup':
        return [step.message ? { path: 'message', prompt: step.message } : null];
      case 'route':
      case 'schedule':
      case 'ring_group':
      case 'forward':
        return [];
    }
  })();
  return refs.filter((r): r is PromptRef => r !== null);
}

/** Menus are where the caller acts; a loop through one is the caller's choice, not a hang. */
export function isCallerInputStep(step: FlowStep): boolean {
  return step.type === 'menu';
}
