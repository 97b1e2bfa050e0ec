import { describeStrategy, lookupName } from '../../diagram/describe';
import { planRing } from '../../ring/ring-plan';
import type { DryRunCall, SimulatedAction } from '../dry-run';
import type { RingGroupStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import { noAnswerLinks, type StepDescriptor } from './descriptor';

/** Ring a ring group of the property (ring/ring-group-model.ts). */
export const ringGroup: StepDescriptor<RingGroupStep, StepActionOf<'ring_group'>> = {
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
  run: {
    act: (step) => ({
      type: 'ring_group',
      stepId: step.id,
      ringGroupId: step.ringGroupId,
      noAnswer: step.noAnswer ?? null,
    }),
    simulate: simulateRing,
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

/** Plans the ring as the workflow would; the first wave with an answering agent connects. */
function simulateRing(action: StepActionOf<'ring_group'>, call: DryRunCall): SimulatedAction {
  const group = call.script.ringGroups?.[action.ringGroupId];
  if (group === undefined) {
    return {
      outcome: {
        kind: 'error',
        stepId: action.stepId,
        code: 'unknown_ring_group',
        message: `Ring group "${action.ringGroupId}" is not known.`,
      },
    };
  }
  const plan = planRing(group, call.script.availability ?? {}, call.pointers[group.id] ?? 0);
  call.pointers[group.id] = plan.nextPointer;
  const answeredBy =
    plan.waves.flatMap((w) => w.targets.filter((t) => call.answering.has(t.agentId)).slice(0, 1))[0]
      ?.agentId ?? null;
  const trace = { kind: 'ring_group', stepId: action.stepId, plan, answeredBy } as const;
  if (answeredBy === null) return { trace, next: action.noAnswer };
  return {
    trace,
    outcome: { kind: 'answered', stepId: action.stepId, agentId: answeredBy },
    connected: true,
  };
}
