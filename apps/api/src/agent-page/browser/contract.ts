/** The shapes of docs/AGENT.md, as the page reads them. */

export type Presence = 'available' | 'away' | 'on_call' | 'offline';
export type SettablePresence = Exclude<Presence, 'on_call'>;

export interface AgentSummary {
  id: string;
  name: string;
  propertyId: string;
  propertyName: string;
}

export interface SessionReply {
  token: string;
  expiresAt: string;
  agent: AgentSummary;
}

export interface TrackingNumberChoice {
  id: string;
  number: string;
  sourceName: string | null;
}

export interface MeReply {
  agent: AgentSummary & { presence: Presence; endpoint: unknown };
  trackingNumbers: TrackingNumberChoice[];
}

export interface RecentCall {
  callId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  trackingNumber: string | null;
  source: string | null;
  startedAt: string;
  outcome: string | null;
  talkSecs: number | null;
}

export type TelephonyReply =
  { mode: 'telnyx'; loginToken: string; sipUsername: string } | { mode: 'simulator'; simulatorUrl: string };

/**
 * `ringing`: the agent's leg is ringing; everything but the ids is the screen pop. `outbound` legs
 * are the first half of the agent's own click-to-call and carry no screen pop.
 */
export interface RingingEvent {
  callControlId: string;
  callSessionId: string;
  outbound?: boolean;
  from: string;
  trackingNumber: string | null;
  source: string | null;
  campaign: string | null;
  keyword: string | null;
  landingPage: string | null;
  firstTime: boolean;
  priorCalls: number;
  /** Flow steps so far, by id. */
  path: string[] | null;
  /** The same as the agent reads it: step labels and menu choices ("pressed 2: Leasing"). */
  pathLabels?: string[] | null;
  previousCall: { score: number | null; leadStatus: string | null } | null;
  /** The call's flow records the conversation: the agent may pause the recording. */
  recording?: boolean;
}

/** Where the recording of the agent's call stands (POST …/current-call/recording/pause|resume). */
export interface RecordingReply {
  state: 'recording' | 'paused';
}

export interface LegEvent {
  callControlId: string;
}
