import type { FlowGraphNodeKind, StepType } from '@switchboard/domain';

/**
 * What the editor calls each step kind: node names ("Ring group: Leasing"), the palette ("Add ring
 * group") and the step list. One entry per kind of STEP_KINDS (the type makes a missing one an error).
 */
export const KIND_LABELS: Record<StepType, string> = {
  greeting: 'Greeting',
  route: 'Route',
  schedule: 'Schedule',
  menu: 'Menu',
  ring_group: 'Ring group',
  forward: 'Forward',
  voicemail: 'Voicemail',
  hangup: 'Hang up',
  ask: 'Spoken front desk',
};

/** What adding a step of each kind is for, under its palette button. */
export const KIND_HINTS: Record<StepType, string> = {
  greeting: 'Play a message, then go on',
  route: 'Branch on who is calling',
  schedule: 'Branch on opening hours',
  menu: 'Press 1 for…',
  ring_group: 'Ring a group of agents',
  forward: 'Forward to a phone number',
  voicemail: 'Take a message',
  hangup: 'End the call',
  ask: 'Ask what they need, in their words',
};

export function kindLabel(kind: FlowGraphNodeKind): string {
  if (kind === 'start') return 'Start';
  if (kind === 'missing') return 'Missing step';
  if (kind === 'unknown') return 'Unknown step';
  return KIND_LABELS[kind];
}

/** Where a link goes, in a word when it is not set: an unset `noAnswer` ends the call. */
export function slotTargetText(slot: { path: string; target: string | null }): string {
  if (slot.target !== null) return slot.target;
  return slot.path === 'noAnswer' ? 'call ends' : 'not set';
}
