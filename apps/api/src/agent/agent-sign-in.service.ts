import { Injectable } from '@nestjs/common';
import { AgentSessionRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { AgentDirectory } from './agent-directory.service';
import {
  AGENT_SESSION_TTL_MS,
  AGENT_TOKEN_PREFIX,
  SIGN_IN_CODE_TTL_MS,
  newSecret,
  secretHash,
} from './agent-tokens';

/** One-time sign-in links (minted by an admin's key) and the agent sessions they open. */
@Injectable()
export class AgentSignIn {
  constructor(
    private readonly sessions: AgentSessionRepository,
    private readonly agents: AgentDirectory,
  ) {}

  async mintLink(propertyId: string, agentId: string) {
    await this.agents.get(propertyId, agentId);
    const code = newSecret('sbc_');
    const expiresAt = new Date(Date.now() + SIGN_IN_CODE_TTL_MS);
    await this.sessions.addSignInCode(secretHash(code), { propertyId, agentId }, expiresAt);
    return { code, expiresAt, path: `/agent?code=${encodeURIComponent(code)}` };
  }

  /** Uses the code up (once, atomically) and opens a session; the agent becomes available. */
  async exchange(code: string) {
    const minted = await this.sessions.useSignInCode(secretHash(code));
    if (!minted)
      throw ApiError.unauthorized('this sign-in link is unknown, used or expired: ask for a new one');
    const agent = await this.agents.get(minted.propertyId, minted.agentId);
    const token = newSecret(AGENT_TOKEN_PREFIX);
    const expiresAt = new Date(Date.now() + AGENT_SESSION_TTL_MS);
    await this.sessions.open(secretHash(token), agent, expiresAt);
    await this.agents.setPresence(agent, 'available');
    return {
      token,
      expiresAt,
      agent: {
        id: agent.agentId,
        name: agent.name,
        propertyId: agent.propertyId,
        propertyName: agent.propertyName,
      },
    };
  }

  /** Whether the session still opens the api (not revoked, not expired): what an open push channel rechecks. */
  isLive(sessionId: string): Promise<boolean> {
    return this.sessions.isLive(sessionId);
  }

  async signOut(sessionId: string, agent: { propertyId: string; agentId: string }): Promise<void> {
    await this.sessions.revoke(sessionId);
    await this.agents.setPresence(agent, 'offline');
  }
}
