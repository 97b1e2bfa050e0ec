import { describePrompt } from '../../diagram/describe';
import type { HangupStep } from '../flow-model';
import { presentPrompts, type StepDescriptor } from './descriptor';

/** End the call, optionally after a message. */
export const hangup: StepDescriptor<HangupStep> = {
  links: () => [],
  prompts: (step) => presentPrompts([step.message ? { path: 'message', prompt: step.message } : null]),
  callerInput: false,
  resources: () => [],
  validate: () => {},
  diagram: {
    shape: 'stadium',
    mermaidShape: ['([', '])'],
    mermaidClass: 'hangup',
    colours: { fill: '#eeeeee', stroke: '#666666' },
    detail: (step, _names, max) => {
      const message = describePrompt(step.message, max);
      return message === undefined ? 'Hang up' : `Hang up after ${message}`;
    },
    edgeLabel: (_step, link) => link.path,
  },
};
