import { ApiUnion } from '../../openapi/union-schema';

/** Rung at a phone number (E.164). */
export class PhoneEndpoint {
  kind: 'phone';
  number: string;
}

/** Rung at a SIP URI. */
export class SipEndpoint {
  kind: 'sip';
  uri: string;
}

/** Rung in the browser (the /agent page), as this WebRTC login. */
export class WebrtcEndpoint {
  kind: 'webrtc';
  username: string;
}

/**
 * An agent, in its body's own shape so a GET can be edited and PUT back. Not an extension of
 * AgentDto: the body takes the endpoint as any object (parseEndpoint checks it), while here it has
 * its shape.
 */
export class AgentView {
  propertyId: string;
  id: string;
  name: string;

  @ApiUnion('kind', { phone: PhoneEndpoint, sip: SipEndpoint, webrtc: WebrtcEndpoint })
  endpoint: PhoneEndpoint | SipEndpoint | WebrtcEndpoint;

  /** Ring groups that skip unavailable members leave the agent out while false. */
  available: boolean;

  createdAt: Date;
  updatedAt: Date;
}

export class AgentList {
  items: AgentView[];
}
