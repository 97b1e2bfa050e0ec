import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AccessScope } from './access-scope';

export const ACCESS_METADATA = 'switchboard:access';

/**
 * `public`: no key (health, carrier webhooks, signed media); `platform`: the operator's ADMIN_TOKEN;
 * `agent`: a signed-in agent's session token (the /agent page), never an API key.
 */
export type AccessKind = 'public' | 'platform' | 'agent';

/** No API key needed: the route authenticates otherwise (webhook signatures) or exposes nothing. */
export const Public = () => SetMetadata(ACCESS_METADATA, 'public' satisfies AccessKind);

/** Only the platform operator's ADMIN_TOKEN (creating accounts), never an account's key. */
export const PlatformAdmin = () => SetMetadata(ACCESS_METADATA, 'platform' satisfies AccessKind);

/** Only a signed-in agent's session (docs/AGENT.md); API keys are refused. */
export const AgentOnly = () => SetMetadata(ACCESS_METADATA, 'agent' satisfies AccessKind);

export const QUERY_TOKEN_METADATA = 'switchboard:agent-query-token';

/**
 * This agent route also takes the session token as `?token=`: only the push channel, because
 * EventSource cannot send headers. Anywhere else a token in a URL would end up in logs and
 * histories for nothing.
 */
export const AgentTokenInQuery = () => SetMetadata(QUERY_TOKEN_METADATA, true);

/** Who the agent session of the request belongs to (set by the AuthGuard on agent routes). */
export interface AgentIdentity {
  sessionId: string;
  propertyId: string;
  agentId: string;
}

export const CurrentAgent = createParamDecorator((_data: unknown, ctx: ExecutionContext): AgentIdentity => {
  const req = ctx.switchToHttp().getRequest<{ agent?: AgentIdentity }>();
  if (!req.agent) throw new Error('CurrentAgent used on a route without agent authentication');
  return req.agent;
});

/** The request's AccessScope (set by the AuthGuard on every key-authenticated route). */
export const Scope = createParamDecorator((_data: unknown, ctx: ExecutionContext): AccessScope => {
  const req = ctx.switchToHttp().getRequest<{ scope?: AccessScope }>();
  if (!req.scope) throw new Error('Scope used on a route without key authentication');
  return req.scope;
});
