import { oneLine } from '../../diagram/describe';
import { isE164 } from '../../shared/e164';
import { FLOW_LIMITS, inRange, rangeText } from '../flow-limits';
import type { ForwardStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import { noAnswerLinks, type StepDescriptor } from './descriptor';

/** Forward to an external number. */
export const forward: StepDescriptor<ForwardStep, StepActionOf<'forward'>> = {
  links: noAnswerLinks,
  prompts: () => [],
  callerInput: false,
  resources: () => [],
  validate: (step, _ctx, add) => {
    if (typeof step.to !== 'string' || !isE164(step.to)) {
      add(
        'error',
        'invalid_number',
        'to',
        `forwards to "${String(step.to)}", which is not an E.164 number (+13125550100).`,
      );
    }
    if (!inRange(step.timeoutSeconds, FLOW_LIMITS.forwardTimeoutSeconds)) {
      add(
        'error',
        'invalid_timeout',
        'timeoutSeconds',
        `needs a timeout of ${rangeText(FLOW_LIMITS.forwardTimeoutSeconds)} seconds.`,
      );
    }
    if (step.callerId !== 'tracking_number' && step.callerId !== 'caller') {
      add(
        'error',
        'invalid_value',
        'callerId',
        'must show either the tracking number or the caller as caller id.',
      );
    }
  },
  run: {
    act: (step) => ({
      type: 'forward',
      stepId: step.id,
      to: step.to,
      timeoutSeconds: step.timeoutSeconds,
      callerId: step.callerId,
      noAnswer: step.noAnswer ?? null,
    }),
    simulate: (action, call) => {
      const answered = call.script.forwardAnswered ?? true;
      const trace = { kind: 'forward', stepId: action.stepId, to: action.to, answered } as const;
      return answered
        ? { trace, outcome: { kind: 'forwarded', stepId: action.stepId, to: action.to }, connected: true }
        : { trace, next: action.noAnswer };
    },
  },
  diagram: {
    shape: 'rounded',
    mermaidShape: ['[[', ']]'],
    mermaidClass: 'forward',
    colours: { fill: '#efe9fb', stroke: '#7352b5' },
    detail: (step) => `Forward to ${oneLine(String(step.to))}, ${step.timeoutSeconds}s`,
    edgeLabel: () => 'no answer',
  },
};
