import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
    private readonly ds: DataSource,
    private readonly agents: AgentDirectory,
  ) {}

  async mintLink(propertyId: string, agentId: string) {
    await this.agents.get(propertyId, agentId);
    const code = newSecret('sbc_');
    const expiresAt = new Date(Date.now() + SIGN_IN_CODE_TTL_MS);
    await this.ds.query(
      `INSERT INTO agent_sign_in_codes (code_hash, property_id, agent_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [secretHash(code), propertyId, agentId, expiresAt],
    );
    return { code, expiresAt, path: `/agent?code=${encodeURIComponent(code)}` };
  }

  /** Uses the code up (once, atomically) and opens a session; the agent becomes available. */
  async exchange(code: string) {
    const rows: { propertyId: string; agentId: string }[] = await this.ds.query(
      `WITH used AS (
         UPDATE agent_sign_in_codes SET used_at = now()
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING property_id, agent_id)
       SELECT property_id AS "propertyId", agent_id AS "agentId" FROM used`,
      [secretHash(code)],
    );
    if (!rows[0])
      throw ApiError.unauthorized('this sign-in link is unknown, used or expired: ask for a new one');
    const agent = await this.agents.get(rows[0].propertyId, rows[0].agentId);
    const token = newSecret(AGENT_TOKEN_PREFIX);
    const expiresAt = new Date(Date.now() + AGENT_SESSION_TTL_MS);
    await this.ds.query(
      `INSERT INTO agent_sessions (token_hash, property_id, agent_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [secretHash(token), agent.propertyId, agent.agentId, expiresAt],
    );
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

  async signOut(sessionId: string, agent: { propertyId: string; agentId: string }): Promise<void> {
    await this.ds.query(`UPDATE agent_sessions SET revoked_at = now() WHERE id = $1`, [sessionId]);
    await this.agents.setPresence(agent, 'offline');
  }
}
