import type Telnyx from 'telnyx';
import { telnyxClient, type TelnyxAccount } from './telnyx-client';

/** A browser agent's Telnyx telephony credential: what @telnyx/webrtc signs in with. */
export interface BrowserCredential {
  id: string;
  sipUsername: string;
}

export interface BrowserCredentialsPort {
  /** Creates a credential on the credential connection; its SIP username is the agent's address. */
  create(name: string): Promise<BrowserCredential>;
  /** A short-lived login token (JWT) for the credential, minted for each sign-in. */
  loginToken(credentialId: string): Promise<string>;
}

export interface TelnyxBrowserCredentialsOptions extends TelnyxAccount {
  /** The credential connection (WebRTC) the agents' credentials belong to. */
  connectionId: string;
  timeoutMs?: number;
}

/** Telnyx's telephony credentials API through the `telnyx` SDK. */
export class TelnyxBrowserCredentials implements BrowserCredentialsPort {
  private readonly client: Telnyx;

  constructor(private readonly o: TelnyxBrowserCredentialsOptions) {
    this.client = telnyxClient(o, { maxRetries: 2, timeoutMs: o.timeoutMs ?? 10_000 });
  }

  async create(name: string): Promise<BrowserCredential> {
    const res = await this.client.telephonyCredentials.create({ connection_id: this.o.connectionId, name });
    const data = res.data;
    if (!data?.id || !data.sip_username)
      throw new Error('Telnyx returned a credential without id or SIP username');
    return { id: data.id, sipUsername: data.sip_username };
  }

  async loginToken(credentialId: string): Promise<string> {
    return this.client.telephonyCredentials.createToken(credentialId);
  }
}
