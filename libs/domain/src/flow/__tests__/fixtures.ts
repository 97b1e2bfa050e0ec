import type { Schedule } from '../../schedule/schedule-model';
import type { RingGroup } from '../../ring/ring-group-model';
import type { CallFlow, FlowStep } from '../flow-model';
import type { FlowValidationContext } from '../validate-flow';

/** A realistic property flow, shaped like the scenario in docs/SCENARIOS.md. */
export const sunsetFlow: CallFlow = {
  initialStepId: 'greeting',
  recording: true,
  recordingDisclosure: { kind: 'tts', text: 'This call may be recorded for quality.' },
  steps: [
    { id: 'greeting', type: 'greeting', prompt: { kind: 'audio', audioId: 'welcome' }, next: 'by_caller' },
    {
      id: 'by_caller',
      type: 'route',
      branches: [
        {
          criteria: [{ type: 'repeat' }, { type: 'previous_lead_status', value: 'good_lead' }],
          next: 'ring_vip',
        },
        { criteria: [{ type: 'keyword', op: 'contains', value: 'bedroom' }], next: 'hours' },
        { criteria: [{ type: 'source', op: 'is', values: ['Zillow'] }], next: 'hours' },
      ],
      fallback: 'hours',
    },
    {
      id: 'hours',
      type: 'schedule',
      branches: [{ scheduleId: 'office', next: 'main_menu' }],
      otherwise: 'after_hours',
    },
    {
      id: 'main_menu',
      type: 'menu',
      prompt: {
        kind: 'tts',
        text: 'For leasing press 1, for sales press 2.',
        voice: 'female',
        language: 'en-US',
      },
      options: { '1': 'leasing_menu', '2': 'sales_forward', '9': 'voicemail', '#': 'goodbye' },
      timeoutSeconds: 5,
      maxRetries: 1,
      invalidPrompt: { kind: 'tts', text: 'Sorry.' },
      repeatOnStar: true,
      fallback: 'voicemail',
    },
    {
      id: 'leasing_menu',
      type: 'menu',
      prompt: { kind: 'tts', text: 'Tours press 1, current residents press 2, main menu press 0.' },
      options: { '1': 'ring_leasing', '2': 'ring_leasing', '0': 'main_menu' },
      timeoutSeconds: 5,
      maxRetries: 2,
      fallback: 'ring_leasing',
    },
    { id: 'ring_leasing', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'voicemail' },
    { id: 'ring_vip', type: 'ring_group', ringGroupId: 'vip', noAnswer: 'ring_leasing' },
    {
      id: 'sales_forward',
      type: 'forward',
      to: '+13125550123',
      timeoutSeconds: 25,
      callerId: 'caller',
      noAnswer: 'voicemail',
    },
    {
      id: 'after_hours',
      type: 'greeting',
      prompt: { kind: 'tts', text: 'We are closed.' },
      next: 'voicemail',
    },
    { id: 'voicemail', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 120 },
    { id: 'goodbye', type: 'hangup', message: { kind: 'tts', text: 'Goodbye.' } },
  ],
};

export const sunsetContext: FlowValidationContext = {
  audioIds: new Set(['welcome']),
  scheduleIds: new Set(['office']),
  ringGroupIds: new Set(['leasing', 'vip']),
  voicemailBoxIds: new Set(['main']),
};

export const officeSchedule: Schedule = {
  id: 'office',
  timeZone: 'America/Chicago',
  weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
  overrides: [{ name: 'Thanksgiving', date: '2026-11-26' }],
};

export const ringGroups: Record<string, RingGroup> = {
  leasing: {
    id: 'leasing',
    strategy: 'round_robin',
    members: [
      { agentId: 'ann', endpoint: { kind: 'phone', number: '+13125550111' } },
      { agentId: 'bob', endpoint: { kind: 'phone', number: '+13125550112' } },
    ],
    agentRingTimeoutSeconds: 20,
    skipUnavailable: true,
    callerHears: { kind: 'ringback' },
  },
  vip: {
    id: 'vip',
    strategy: 'simultaneous',
    members: [{ agentId: 'manager', endpoint: { kind: 'sip', uri: 'sip:manager@pbx.example' } }],
    agentRingTimeoutSeconds: 15,
    skipUnavailable: true,
    callerHears: { kind: 'ringback' },
  },
};

/** A copy of the flow with one step replaced (by id), for table-driven mutations. */
export function withStep(flow: CallFlow, id: string, replace: (step: FlowStep) => FlowStep): CallFlow {
  return { ...flow, steps: flow.steps.map((s) => (s.id === id ? replace(s) : s)) };
}

export function withSteps(flow: CallFlow, steps: FlowStep[]): CallFlow {
  return { ...flow, steps: [...flow.steps, ...steps] };
}

export function withoutStep(flow: CallFlow, id: string): CallFlow {
  return { ...flow, steps: flow.steps.filter((s) => s.id !== id) };
}
