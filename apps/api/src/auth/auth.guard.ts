import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { SwitchboardConfig } from '@switchboard/config';
import { AgentSessionRepository, ApiKeyRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { UuidParam } from '../common/uuid-param.pipe';
import type { AccessScope } from './access-scope';
import { apiKeyMatches, apiKeyPrefix } from './api-key-format';
import { findAgentSession } from '../agent/agent-tokens';
import {
  ACCESS_METADATA,
  QUERY_TOKEN_METADATA,
  type AccessKind,
  type AgentIdentity,
} from './auth.decorators';
import { PropertyAccess } from './property-access';

interface AuthRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  scope?: AccessScope;
  agent?: AgentIdentity;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_used_at is bookkeeping: written at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

function bearer(req: AuthRequest): string | undefined {
  const h = req.headers.authorization;
  const value = Array.isArray(h) ? h[0] : h;
  const m = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return m?.[1];
}

/**
 * Every route needs an account's API key unless marked @Public or @PlatformAdmin. A read-only key
 * may only read; a route with a `:propertyId` (or `:callId`) answers 404 unless the key reaches that
 * property (the call's property).
 * Routes without one scope their queries with the AccessScope themselves (lists, calls, keys).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
    private readonly agentSessions: AgentSessionRepository,
    private readonly access: PropertyAccess,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.getAllAndOverride<AccessKind | undefined>(ACCESS_METADATA, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthRequest>();
    const token = bearer(req);
    if (kind === 'platform') {
      if (!token || !this.isAdminToken(token))
        throw ApiError.unauthorized('this route needs the ADMIN_TOKEN');
      return true;
    }
    if (kind === 'agent') {
      // EventSource cannot send headers: the push channel (marked) may carry the token in the query.
      const inQuery = this.reflector.get<boolean | undefined>(QUERY_TOKEN_METADATA, ctx.getHandler());
      const agentToken =
        token ??
        (inQuery && req.method === 'GET' && typeof req.query?.token === 'string'
          ? req.query.token
          : undefined);
      const agent = agentToken ? await findAgentSession(this.agentSessions, agentToken) : null;
      if (!agent) throw ApiError.unauthorized('sign in as an agent (Authorization: Bearer sba_…)');
      req.agent = agent;
      return true;
    }
    if (!token) throw ApiError.unauthorized('send an API key as "Authorization: Bearer <key>"');
    const scope = await this.authenticate(token);
    if (scope.readOnly && !READ_METHODS.has(req.method.toUpperCase()))
      throw ApiError.forbidden('read_only_key', 'this API key is read-only');
    const propertyId = req.params?.propertyId;
    if (propertyId !== undefined) {
      // Guards run before pipes: give a malformed id the pipe's own 400 rather than a 404.
      new UuidParam('propertyId').transform(propertyId);
      await this.access.assertReach(scope, propertyId.toLowerCase());
    }
    const callId = req.params?.callId;
    if (callId !== undefined) {
      new UuidParam('callId').transform(callId);
      await this.access.assertCallReach(scope, callId.toLowerCase());
    }
    req.scope = scope;
    return true;
  }

  private isAdminToken(token: string): boolean {
    const expected = this.cfg.admin.token;
    if (!expected) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private async authenticate(key: string): Promise<AccessScope> {
    const prefix = apiKeyPrefix(key);
    const row = prefix ? await this.keys.findActiveByPrefix(prefix) : null;
    if (!row || !apiKeyMatches(key, row.hash))
      throw ApiError.unauthorized('the API key is unknown or revoked');
    this.touch(row.id);
    return { accountId: row.accountId, keyId: row.id, readOnly: row.readOnly, propertyIds: row.propertyIds };
  }

  /** Records when a key was last used, without slowing the request or writing on every call. */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWrites.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(keyId, now);
    this.keys.touch(keyId).catch(() => undefined);
  }
}
