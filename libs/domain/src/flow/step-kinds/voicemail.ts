import { lookupName } from '../../diagram/describe';
import { FLOW_LIMITS, inRange, rangeText } from '../flow-limits';
import type { VoicemailStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import { presentPrompts, type StepDescriptor } from './descriptor';

/** Record a message into a voicemail box; the call ends afterwards. */
export const voicemail: StepDescriptor<VoicemailStep, StepActionOf<'voicemail'>> = {
  links: () => [],
  prompts: (step) => presentPrompts([step.greeting ? { path: 'greeting', prompt: step.greeting } : null]),
  callerInput: false,
  resources: (step) => [{ kind: 'voicemail_box', id: step.voicemailBoxId }],
  validate: (step, ctx, add) => {
    if (
      typeof step.voicemailBoxId !== 'string' ||
      step.voicemailBoxId === '' ||
      (ctx.voicemailBoxIds && !ctx.voicemailBoxIds.has(step.voicemailBoxId))
    ) {
      add(
        'error',
        'unknown_voicemail_box',
        'voicemailBoxId',
        `uses voicemail box "${String(step.voicemailBoxId)}", which does not exist.`,
      );
    }
    if (!inRange(step.maxLengthSeconds, FLOW_LIMITS.voicemailMaxLengthSeconds)) {
      add(
        'error',
        'invalid_value',
        'maxLengthSeconds',
        `needs a maximum length of ${rangeText(FLOW_LIMITS.voicemailMaxLengthSeconds)} seconds.`,
      );
    }
  },
  run: {
    act: (step) => ({
      type: 'voicemail',
      stepId: step.id,
      voicemailBoxId: step.voicemailBoxId,
      ...(step.greeting !== undefined ? { greeting: step.greeting } : {}),
      beep: step.beep,
      maxLengthSeconds: step.maxLengthSeconds,
    }),
    simulate: ({ stepId, voicemailBoxId }) => ({
      trace: { kind: 'voicemail', stepId, voicemailBoxId },
      outcome: { kind: 'voicemail', stepId, voicemailBoxId },
    }),
  },
  diagram: {
    shape: 'stadium',
    mermaidShape: ['([', '])'],
    mermaidClass: 'voicemail',
    colours: { fill: '#eeeeee', stroke: '#666666' },
    detail: (step, names) => `Voicemail: ${lookupName(names.voicemailBoxes, step.voicemailBoxId)}`,
    edgeLabel: (_step, link) => link.path,
  },
};
