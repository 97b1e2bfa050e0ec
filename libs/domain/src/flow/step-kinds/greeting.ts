import { describePrompt } from '../../diagram/describe';
import type { GreetingStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import type { StepDescriptor } from './descriptor';

/** Play a prompt, then continue. */
export const greeting: StepDescriptor<GreetingStep, StepActionOf<'play'>> = {
  links: (step) => [{ path: 'next', target: step.next }],
  prompts: (step) => [{ path: 'prompt', prompt: step.prompt }],
  callerInput: false,
  resources: () => [],
  validate: () => {},
  run: {
    act: (step) => ({ type: 'play', stepId: step.id, prompt: step.prompt, next: step.next }),
    simulate: (action) => ({ trace: { kind: 'play', stepId: action.stepId }, next: action.next }),
  },
  diagram: {
    shape: 'rect',
    mermaidShape: ['[', ']'],
    mermaidClass: 'greeting',
    colours: { fill: '#e8f1fd', stroke: '#4a78b5' },
    detail: (step, _names, max) => `Greeting: ${describePrompt(step.prompt, max) ?? 'no prompt'}`,
    edgeLabel: () => 'next',
  },
};
