import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA, REDIRECT_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_METADATA, type AccessKind } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { RESOURCE_ID, ResourceIdParam } from '../resources/resource-id';

/** `key`: an account's API key (every route not marked otherwise). */
export type OperationAccess = AccessKind | 'key';

/** What the route metadata says about an operation that @nestjs/swagger does not read itself. */
export interface OperationFacts {
  access: OperationAccess;
  /** The status of a @Redirect route (its handler answers with a redirect, not a body). */
  redirect?: number;
  /** Path parameters' formats, from the pipes that check them (UUIDs, resource slugs). */
  params: Record<string, { format?: string; pattern?: string }>;
}

/** What the pipes of a handler's path parameters accept. */
function paramFormats(cls: object, method: string): OperationFacts['params'] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, method) ?? {}) as Record<
    string,
    { data?: unknown; pipes?: unknown[] }
  >;
  const params: OperationFacts['params'] = {};
  for (const { data, pipes = [] } of Object.values(args)) {
    if (typeof data !== 'string') continue;
    if (pipes.some((p) => p instanceof UuidParam)) params[data] = { format: 'uuid' };
    else if (pipes.some((p) => p instanceof ResourceIdParam)) params[data] = { pattern: RESOURCE_ID.source };
  }
  return params;
}

/** The operation id @nestjs/swagger gives a handler (its default factory, made explicit). */
export const operationId = (controller: string, method: string): string => `${controller}_${method}`;

/**
 * Each operation's facts by operation id. Who may call it is read from the same
 * @Public/@PlatformAdmin metadata the AuthGuard reads (handler first, then controller), so the
 * document's security cannot disagree with the guard.
 */
export function operationFacts(app: INestApplication): Map<string, OperationFacts> {
  const facts = new Map<string, OperationFacts>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: never[]) => unknown) | null;
      if (!cls) continue;
      const proto = cls.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const access =
          (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessKind | undefined) ??
          (Reflect.getMetadata(ACCESS_METADATA, cls) as AccessKind | undefined) ??
          'key';
        const redirect = Reflect.getMetadata(REDIRECT_METADATA, handler) as
          { statusCode?: number } | undefined;
        facts.set(operationId(cls.name, name), {
          access,
          ...(redirect ? { redirect: redirect.statusCode ?? 302 } : {}),
          params: paramFormats(cls, name),
        });
      }
    }
  }
  return facts;
}
