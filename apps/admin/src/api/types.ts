import type { components, paths } from './schema';

/** A named schema of the OpenAPI document (`Schema<'PropertyEntity'>`). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body an operation answers on success (200 or 201): `Ok<'/v1/account', 'get'>`. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : never
  : never;

/** The JSON body an operation takes: `Body<'/v1/properties', 'post'>`. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
