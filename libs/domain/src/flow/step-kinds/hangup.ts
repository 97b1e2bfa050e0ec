import { describePrompt } from '../../diagram/describe';
import type { HangupStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import { presentPrompts, type StepDescriptor } from './descriptor';

/** End the call, optionally after a message. */
export const hangup: StepDescriptor<HangupStep, StepActionOf<'hangup'>> = {
  links: () => [],
  prompts: (step) => presentPrompts([step.message ? { path: 'message', prompt: step.message } : null]),
  callerInput: false,
  resources: () => [],
  validate: () => {},
  run: {
    act: (step) => ({
      type: 'hangup',
      stepId: step.id,
      ...(step.message !== undefined ? { message: step.message } : {}),
    }),
    simulate: (action) => ({
      trace: { kind: 'hangup', stepId: action.stepId },
      outcome: { kind: 'hangup', stepId: action.stepId, reason: 'hangup_step' },
    }),
  },
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
