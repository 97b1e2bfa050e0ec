import type { ResolvedCall } from '@switchboard/contracts';
import {
  buildCallerContext,
  recordingDisclosureOf,
  type CallFlow,
  type Prompt,
  type RingGroup,
  type RingStrategy,
  type Schedule,
} from '@switchboard/domain';

/** The property every case calls: Maple Ridge, in Portland, on a Zillow tracking number. */
export const PROPERTY_ID = 'maple-ridge';
export const TRACKING_NUMBER = '+15035550150';
export const CALLER = '+15035550100';

/** The property's agents by id, and the phone each answers on. */
export const AGENTS = {
  ann: '+15035550111',
  bob: '+15035550112',
  cy: '+15035550113',
  dee: '+15035550114',
} as const;
export type AgentId = keyof typeof AGENTS;

/** What the number is set up with, beyond the defaults. */
export interface NumberSetup {
  /** Plain forwarding's destination (numbers without a flow). */
  forwardTo?: string;
  greeting?: Extract<ResolvedCall, { known: true }>['greeting'];
  /** Plain forwarding's ring timeout. */
  ringTimeoutSecs?: number;
  flow?: CallFlow;
  /** Calls the caller made before this one (0: a first-time caller). */
  priorCalls?: number;
  schedules?: Record<string, Schedule>;
  audioUrls?: Record<string, string>;
  /** Greetings of the property's voicemail boxes by box id. */
  voicemailGreetings?: Record<string, Prompt>;
  /** The property's default recording disclosure. */
  propertyDisclosure?: Prompt;
}

/** What resolveCall answers for the tracking number, called from `from`. */
export function trackedNumber(o: NumberSetup = {}, from = CALLER): ResolvedCall {
  return {
    known: true,
    propertyId: PROPERTY_ID,
    propertyName: 'Maple Ridge',
    timeZone: 'America/Los_Angeles',
    trackingNumberId: 'tn-maple-zillow',
    sourceId: 'src-zillow',
    sourceName: 'Zillow',
    forwardTo: o.forwardTo ?? AGENTS.ann,
    greeting: o.greeting ?? null,
    ringTimeoutSecs: o.ringTimeoutSecs ?? 2,
    defaultVoice: 'female',
    flow: o.flow ? { id: 'flow-main-line', version: 3, definition: o.flow } : null,
    caller: buildCallerContext({ callerId: from, priorCalls: o.priorCalls ?? 0, source: 'Zillow' }),
    schedules: o.schedules ?? {},
    audioUrls: o.audioUrls ?? {},
    voicemailGreetings: o.voicemailGreetings ?? {},
    // Chosen as resolveCall chooses it: the flow's own, else the property's, when the flow records.
    recordingDisclosure: o.flow
      ? (recordingDisclosureOf(o.flow, o.propertyDisclosure)?.prompt ?? null)
      : null,
  };
}

/** A ring group of phone agents, ringing each for `agentRingTimeoutSeconds` (1 s unless set). */
export function ringGroup(
  id: string,
  strategy: RingStrategy,
  members: AgentId[],
  extra: Partial<Omit<RingGroup, 'id' | 'strategy' | 'members'>> = {},
): RingGroup {
  return {
    id,
    strategy,
    members: members.map((agentId) => ({ agentId, endpoint: { kind: 'phone', number: AGENTS[agentId] } })),
    agentRingTimeoutSeconds: 1,
    skipUnavailable: true,
    callerHears: { kind: 'ringback' },
    ...extra,
  };
}
