import { createHash, randomBytes } from 'node:crypto';
import type { AgentSessionRepository } from '@switchboard/persistence';
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
export async function findAgentSession(
  sessions: AgentSessionRepository,
  token: string,
): Promise<AgentIdentity | null> {
  if (!token.startsWith(AGENT_TOKEN_PREFIX)) return null;
  return sessions.findLive(secretHash(token));
}
