import type { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../transaction';

/** The agent an open session acts for. */
export interface AgentSessionOf {
  sessionId: string;
  propertyId: string;
  agentId: string;
}

/**
 * Agents' one-time sign-in codes and the sessions they open. Codes and tokens are stored as hashes
 * only (the caller hashes them).
 */
export class AgentSessionRepository {
  constructor(private readonly ds: DataSource) {}

  async addSignInCode(
    codeHash: string,
    agent: { propertyId: string; agentId: string },
    expiresAt: Date,
  ): Promise<void> {
    await this.ds.query(
      `INSERT INTO agent_sign_in_codes (code_hash, property_id, agent_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [codeHash, agent.propertyId, agent.agentId, expiresAt],
    );
  }

  /** Uses the code up (once, atomically): the agent it was minted for, or null (unknown, used, expired). */
  async useSignInCode(codeHash: string): Promise<{ propertyId: string; agentId: string } | null> {
    const rows: { propertyId: string; agentId: string }[] = await this.ds.query(
      `WITH used AS (
         UPDATE agent_sign_in_codes SET used_at = now()
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING property_id, agent_id)
       SELECT property_id AS "propertyId", agent_id AS "agentId" FROM used`,
      [codeHash],
    );
    return rows[0] ?? null;
  }

  /** Opens a session for the agent, live until `expiresAt` unless revoked. */
  async open(
    tokenHash: string,
    agent: { propertyId: string; agentId: string },
    expiresAt: Date,
  ): Promise<void> {
    await this.ds.query(
      `INSERT INTO agent_sessions (token_hash, property_id, agent_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [tokenHash, agent.propertyId, agent.agentId, expiresAt],
    );
  }

  /** The live session (not revoked, not expired) with this token, or null. */
  async findLive(tokenHash: string): Promise<AgentSessionOf | null> {
    const rows: AgentSessionOf[] = await this.ds.query(
      `SELECT id AS "sessionId", property_id AS "propertyId", agent_id AS "agentId" FROM agent_sessions
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Whether the session is still live (not revoked, not expired). */
  async isLive(sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM agent_sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [sessionId],
    );
    return rows.length > 0;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE agent_sessions SET revoked_at = now() WHERE id = $1`, [sessionId]);
  }

  /**
   * Signs an agent out everywhere: their sessions are revoked and unused sign-in links void. Called
   * when the endpoint they are rung at changes, so a session opened for the old phone or SIP user
   * cannot answer, or watch, the new one's calls.
   */
  async revokeAllOf(propertyId: string, agentId: string, tx?: Tx): Promise<void> {
    const m = managerOf(this.ds, tx);
    await m.query(
      `UPDATE agent_sessions SET revoked_at = now()
        WHERE property_id = $1 AND agent_id = $2 AND revoked_at IS NULL`,
      [propertyId, agentId],
    );
    await m.query(
      `UPDATE agent_sign_in_codes SET expires_at = least(expires_at, now())
        WHERE property_id = $1 AND agent_id = $2 AND used_at IS NULL AND expires_at > now()`,
      [propertyId, agentId],
    );
  }
}
