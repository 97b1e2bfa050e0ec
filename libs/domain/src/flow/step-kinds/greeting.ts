import { describePrompt } from '../../diagram/describe';
import type { GreetingStep } from '../flow-model';
import type { StepDescriptor } from './descriptor';

/** Play a prompt, then continue. */
export const greeting: StepDescriptor<GreetingStep> = {
  links: (step) => [{ path: 'next', target: step.next }],
  prompts: (step) => [{ path: 'prompt', prompt: step.prompt }],
  callerInput: false,
  resources: () => [],
  validate: () => {},
  diagram: {
    shape: 'rect',
    mermaidShape: ['[', ']'],
    mermaidClass: 'greeting',
    colours: { fill: '#e8f1fd', stroke: '#4a78b5' },
    detail: (step, _names, max) => `Greeting: ${describePrompt(step.prompt, max) ?? 'no prompt'}`,
    edgeLabel: () => 'next',
  },
};
