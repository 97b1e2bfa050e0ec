import { describeStrategy, lookupName } from '../../diagram/describe';
import type { RingGroupStep } from '../flow-model';
import { noAnswerLinks, type StepDescriptor } from './descriptor';

/** Ring a ring group of the property (ring/ring-group-model.ts). */
export const ringGroup: StepDescriptor<RingGroupStep> = {
  links: noAnswerLinks,
  prompts: () => [],
  callerInput: false,
  resources: (step) => [{ kind: 'ring_group', id: step.ringGroupId }],
  validate: (step, ctx, add) => {
    if (
      typeof step.ringGroupId !== 'string' ||
      step.ringGroupId === '' ||
      (ctx.ringGroupIds && !ctx.ringGroupIds.has(step.ringGroupId))
    ) {
      add(
        'error',
        'unknown_ring_group',
        'ringGroupId',
        `rings group "${String(step.ringGroupId)}", which does not exist.`,
      );
    }
  },
  diagram: {
    shape: 'rounded',
    mermaidShape: ['(', ')'],
    mermaidClass: 'ringGroup',
    colours: { fill: '#efe9fb', stroke: '#7352b5' },
    detail: (step, names) => {
      const name = lookupName(names.ringGroups, step.ringGroupId);
      const strategies = names.ringStrategies;
      const strategy =
        strategies !== undefined && Object.prototype.hasOwnProperty.call(strategies, step.ringGroupId)
          ? `, ${describeStrategy(strategies[step.ringGroupId])}`
          : '';
      return `Ring group: ${name}${strategy}`;
    },
    edgeLabel: () => 'no answer',
  },
};
