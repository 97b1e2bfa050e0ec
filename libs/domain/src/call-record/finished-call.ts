import type { CallOutcome } from '../scoring/scoring-model';
import { endpointDialString, type AgentEndpoint } from '../ring/ring-group-model';

/** What these rules read of a finished call's record (the workflow's CallRecordInput). */
export interface FinishedCallFacts {
  readonly outcome: CallOutcome;
  readonly propertyId: string | null;
  readonly voicemailBoxId?: string | null;
  readonly recordingUrl?: string | null;
  /** The agent who placed an outbound call. */
  readonly agentId?: string | null;
  /** The destination that answered: a number, a SIP URI, a browser agent's `sip:<username>@sip.telnyx.com`. */
  readonly answeredBy: string | null;
}

/** A call that left a message, which its box then holds (what the workflow records for voicemail). */
export type VoicemailCall<F extends FinishedCallFacts> = F & {
  readonly propertyId: string;
  readonly voicemailBoxId: string;
  readonly recordingUrl: string;
};

/** Whether the call left a message in a voicemail box. */
export function leftVoicemail<F extends FinishedCallFacts>(r: F): r is VoicemailCall<F> {
  return r.outcome === 'voicemail' && !!r.propertyId && !!r.voicemailBoxId && !!r.recordingUrl;
}

/** Whether the record may name an agent of its property (else there is none to look up). */
export function mayHaveAgent<F extends FinishedCallFacts>(r: F): r is F & { readonly propertyId: string } {
  return !!r.propertyId && (!!r.agentId || !!r.answeredBy);
}

/**
 * The call's agent among its property's agents (sorted by id): the one who placed it (outbound),
 * or the one whose endpoint answered it, whatever step (ring group or forward) rang them. Two
 * agents sharing a number: the first by id.
 */
export function callAgentOf<A extends { readonly id: string; readonly endpoint: AgentEndpoint }>(
  agents: readonly A[],
  r: FinishedCallFacts,
): A | null {
  if (r.agentId) return agents.find((a) => a.id === r.agentId) ?? null;
  return agents.find((a) => endpointDialString(a.endpoint) === r.answeredBy) ?? null;
}
