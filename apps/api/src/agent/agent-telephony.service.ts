import { Inject, Injectable } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { TelnyxBrowserCredentials, telnyxAccount, type BrowserCredentialsPort } from '@switchboard/telephony';
import type { AgentIdentity } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { AgentDirectory } from './agent-directory.service';

/**
 * What the page's telephony layer signs in with. With Telnyx: the agent's telephony credential
 * (made on first use, which also makes the agent a browser agent rung at its SIP username) and a
 * fresh login token for @telnyx/webrtc. With the simulator: where its control API is.
 */
@Injectable()
export class AgentTelephony {
  private readonly credentials: BrowserCredentialsPort | null;

  constructor(
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
    private readonly agents: AgentDirectory,
  ) {
    const account = telnyxAccount(cfg.telnyx);
    this.credentials = account
      ? new TelnyxBrowserCredentials({ ...account, connectionId: cfg.agents.credentialConnectionId })
      : null;
  }

  async login(me: AgentIdentity) {
    if (this.cfg.agents.telephony === 'simulator') {
      return { mode: 'simulator' as const, simulatorUrl: this.cfg.agents.simulatorUrl ?? null };
    }
    if (!this.credentials)
      throw new ApiError(503, 'unavailable', 'TELNYX_API_KEY is not set: browser calling is off');
    const agent = await this.agents.get(me.propertyId, me.agentId);
    let credentialId = agent.telnyxCredentialId;
    let sipUsername = agent.endpoint.kind === 'webrtc' ? agent.endpoint.username : null;
    if (!credentialId || !sipUsername) {
      const made = await this.credentials.create(`switchboard ${agent.propertyId}/${agent.agentId}`);
      await this.agents.recordCredential(agent, made.id, made.sipUsername);
      credentialId = made.id;
      sipUsername = made.sipUsername;
    }
    return {
      mode: 'telnyx' as const,
      loginToken: await this.credentials.loginToken(credentialId),
      sipUsername,
    };
  }
}
