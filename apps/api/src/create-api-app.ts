import { VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { AppModule } from './app.module';
import { BUNDLE_JSON_LIMIT } from './bundles/bundle-limits';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { serveOpenApiDocs } from './openapi/serve-docs';
import { AUDIO_JSON_LIMIT } from './resources/audio/audio-content';

/**
 * Builds the api with all its global behaviour; main.ts and the tests both use this. `preview`
 * wires the modules without creating any provider (no database or Temporal connection): enough
 * to read the routes, as `npm run openapi` does, but not to serve them.
 */
export async function createApiApp(
  opts: { logger?: false; preview?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Webhook signatures are over the exact bytes received.
    rawBody: true,
    ...(opts.logger === false ? { logger: false } : {}),
    ...(opts.preview ? { preview: true, abortOnError: false } : {}),
  });
  // Audio uploads carry their bytes as base64, so only their routes get a bigger limit. The first
  // parser to read a body wins: this one must come before the api-wide one.
  app.use('/v1/properties/:propertyId/audio', json({ limit: AUDIO_JSON_LIMIT }));
  // Bundles carry their audio inline too.
  app.use('/v1/properties/:propertyId/bundle/apply', json({ limit: BUNDLE_JSON_LIMIT }));
  app.useBodyParser('json', { limit: '256kb' });
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (opts.preview) return app;
  await serveOpenApiDocs(app);
  app.enableShutdownHooks();
  return app;
}
