import type { Prompt } from '../flow/prompt';

/** How an agent is reached: a phone number (E.164), a SIP URI, or a browser (WebRTC) login. */
export type AgentEndpoint =
  | { readonly kind: 'phone'; readonly number: string }
  | { readonly kind: 'sip'; readonly uri: string }
  | { readonly kind: 'webrtc'; readonly username: string };

export interface RingGroupMember {
  readonly agentId: string;
  readonly endpoint: AgentEndpoint;
  /** Overrides the group's per-agent ring timeout for this member. */
  readonly ringTimeoutSeconds?: number;
}

/**
 * - simultaneous: ring every available member at once; the first to answer wins, the rest hang up.
 * - sequential: ring members one at a time in list order, always starting with the first.
 * - round_robin: one at a time, starting where the previous call's rotation left off (the pointer
 *   is persisted per group), so calls spread across the members.
 */
export type RingStrategy = 'simultaneous' | 'sequential' | 'round_robin';

export const RING_STRATEGIES: readonly RingStrategy[] = ['simultaneous', 'sequential', 'round_robin'];

export type CallerHears =
  { readonly kind: 'ringback' } | { readonly kind: 'hold_audio'; readonly prompt: Prompt };

export interface RingGroup {
  readonly id: string;
  readonly name?: string;
  readonly strategy: RingStrategy;
  readonly members: readonly RingGroupMember[];
  /** How long each member rings before the next is tried (per wave for simultaneous). */
  readonly agentRingTimeoutSeconds: number;
  /** Cap on the whole attempt; absent = the sum of the waves. */
  readonly overallTimeoutSeconds?: number;
  /** Leave out members marked unavailable. When false, availability is ignored. */
  readonly skipUnavailable: boolean;
  /** Heard only by the agent who answers, before the caller is connected. */
  readonly whisper?: Prompt;
  readonly callerHears: CallerHears;
}

/**
 * The destination the carrier dials for an endpoint. Browser logins are users of a Telnyx
 * credential connection, whose SIP address lives on Telnyx's own domain.
 */
export function endpointDialString(endpoint: AgentEndpoint): string {
  switch (endpoint.kind) {
    case 'phone':
      return endpoint.number;
    case 'sip':
      return endpoint.uri;
    case 'webrtc':
      return `sip:${endpoint.username}@sip.telnyx.com`;
  }
}
