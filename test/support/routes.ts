import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_METADATA } from '../../apps/api/src/auth/auth.decorators';

export interface ApiRoute {
  method: string;
  /** Express-style path with `:params`, e.g. `/v1/properties/:propertyId/schedules/:scheduleId`. */
  path: string;
  params: string[];
  /** 'key' (an account's API key), 'public' or 'platform'. */
  access: string;
}

const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .filter((p): p is string => !!p && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

/**
 * Every route the running api serves, read from the controllers' own metadata: tests that must
 * cover "every endpoint" iterate this list, so a new endpoint is covered the day it is added.
 */
export function apiRoutes(app: INestApplication): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: never[]) => unknown) | null;
      if (!cls) continue;
      const base = Reflect.getMetadata(PATH_METADATA, cls) as string | undefined;
      const version = Reflect.getMetadata(VERSION_METADATA, cls) as string | undefined;
      const proto = cls.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = join(version ? `v${version}` : undefined, base, sub);
        const access =
          (Reflect.getMetadata(ACCESS_METADATA, handler) as string | undefined) ??
          (Reflect.getMetadata(ACCESS_METADATA, cls) as string | undefined) ??
          'key';
        routes.push({ method, path, params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]), access });
      }
    }
  }
  return routes;
}
