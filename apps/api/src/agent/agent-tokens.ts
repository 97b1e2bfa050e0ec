import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AgentIdentity } from '../auth/auth.decorators';

/** Agent session tokens: `sba_` + 32 random bytes, stored as SHA-256 like API keys. */
export const AGENT_TOKEN_PREFIX = 'sba_';
/** How long a sign-in link works, and how long a session lasts (a working day and then some). */
export const SIGN_IN_CODE_TTL_MS = 15 * 60_000;
export const AGENT_SESSION_TTL_MS = 12 * 3600_000;

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The live session a token opens, or null (unknown, expired, revoked, or not an agent token). */
export async function findAgentSession(ds: DataSource, token: string): Promise<AgentIdentity | null> {
  if (!token.startsWith(AGENT_TOKEN_PREFIX)) return null;
  const rows: AgentIdentity[] = await ds.query(
    `SELECT id AS "sessionId", property_id AS "propertyId", agent_id AS "agentId" FROM agent_sessions
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [secretHash(token)],
  );
  return rows[0] ?? null;
}

/** Whether a session still opens the api (not revoked, not expired): what an open push channel rechecks. */
export async function agentSessionIsLive(ds: DataSource, sessionId: string): Promise<boolean> {
  const rows: unknown[] = await ds.query(
    `SELECT 1 FROM agent_sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [sessionId],
  );
  return rows.length > 0;
}
