import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AccessScope } from './access-scope';

export const ACCESS_METADATA = 'switchboard:access';

/** `public`: no key (health, carrier webhooks, signed media); `platform`: the operator's ADMIN_TOKEN. */
export type AccessKind = 'public' | 'platform';

/** No API key needed: the route authenticates otherwise (webhook signatures) or exposes nothing. */
export const Public = () => SetMetadata(ACCESS_METADATA, 'public' satisfies AccessKind);

/** Only the platform operator's ADMIN_TOKEN (creating accounts), never an account's key. */
export const PlatformAdmin = () => SetMetadata(ACCESS_METADATA, 'platform' satisfies AccessKind);

/** The request's AccessScope (set by the AuthGuard on every key-authenticated route). */
export const Scope = createParamDecorator((_data: unknown, ctx: ExecutionContext): AccessScope => {
  const req = ctx.switchToHttp().getRequest<{ scope?: AccessScope }>();
  if (!req.scope) throw new Error('Scope used on a route without key authentication');
  return req.scope;
});
