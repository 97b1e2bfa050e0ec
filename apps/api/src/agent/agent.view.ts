import type { CallOutcome } from '@switchboard/contracts';
import type { Presence } from './agent-directory.service';

/*
 * What the /agent page's api answers with (docs/AGENT.md). Response classes, types only (read by
 * the OpenAPI plugin): the controller and services build plain objects of these shapes.
 */

/** A one-time sign-in link for an agent (minted with an API key). */
export class AgentSignInLinkView {
  /** The one-time code (`sbc_…`), exchanged for a session by `POST /v1/agent/sessions`. */
  code: string;
  /** 15 minutes after minting; the code is refused afterwards, and once used. */
  expiresAt: Date;
  /** The link to hand the agent, relative to the api's origin: `/agent?code=…`. */
  path: string;
}

/** The signed-in agent, as the sign-in answers it. */
export class SignedInAgentView {
  id: string;
  name: string;
  propertyId: string;
  propertyName: string;
}

/** A one-time sign-in link into the /agent page, minted by an admin's key. */
export class SignInLinkView {
  /** The one-time code (`sbc_…`), used up by the first sign-in. */
  code: string;
  expiresAt: Date;
  /** Where the agent goes, on the api's origin: `/agent?code=…`. */
  path: string;
}

/** A new agent session. */
export class AgentSessionView {
  /** The session token (`sba_…`): `Authorization: Bearer` on the agent routes. */
  token: string;
  expiresAt: Date;
  agent: SignedInAgentView;
}

/** Where an agent is rung: `phone` (`number`), `sip` (`uri`) or `webrtc` (the browser, `username`). */
export class AgentEndpointView {
  kind: 'phone' | 'sip' | 'webrtc';
  /** `phone`: E.164. */
  number?: string;
  /** `sip`: the SIP URI. */
  uri?: string;
  /** `webrtc`: the browser's SIP username. */
  username?: string;
}

/** The agent as the page shows them. */
export class AgentSelfView extends SignedInAgentView {
  presence: Presence;
  endpoint: AgentEndpointView;
}

/** A tracking number of the agent's property: caller ids for click-to-call. */
export class AgentTrackingNumberView {
  id: string;
  number: string;
  sourceName: string;
}

/** The signed-in agent and their property's tracking numbers. */
export class AgentMeView {
  agent: AgentSelfView;
  trackingNumbers: AgentTrackingNumberView[];
}

/** The presence just set. */
export class AgentPresenceView {
  presence: Presence;
}

/** A call of the agent's: one they answered or placed. */
export class AgentCallView {
  callId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  /** The property's number of the call: dialled (inbound), or shown as caller id (outbound). */
  trackingNumber: string;
  /** The tracking source's name. */
  source: string | null;
  startedAt: Date;
  outcome: CallOutcome;
  talkSecs: number;
}

/** The agent's calls, newest first. */
export class AgentCallList {
  items: AgentCallView[];
}

/** A click-to-call started. */
export class OutboundCallStartedView {
  /** The Temporal workflow of the call. */
  workflowId: string;
}

/**
 * How the page's telephony connects: `simulator` (tests and the dev stack: `simulatorUrl`) or
 * `telnyx` (the Telnyx WebRTC SDK: `loginToken`, `sipUsername`).
 */
export class AgentTelephonyView {
  mode: 'simulator' | 'telnyx';
  /** `simulator`: the simulator's browser endpoint; null when not configured. */
  simulatorUrl?: string | null;
  /** `telnyx`: a short-lived login token for the WebRTC SDK. */
  loginToken?: string;
  /** `telnyx`: the agent's SIP username. */
  sipUsername?: string;
}

/** A pause of the call's recording (carrier-clock ISO instants). */
export class AgentRecordingPauseView {
  pausedAt: string;
  /** Null: still paused. */
  resumedAt: string | null;
  agentId: string;
  agentName: string;
}

/** Where the recording of the agent's call stands after a pause or resume. */
export class AgentRecordingView {
  /** `paused` until resumed (or until the call ends). */
  state: 'recording' | 'paused';
  /** The call's pauses so far, in order. */
  pauses: AgentRecordingPauseView[];
}
