import { VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { AUDIO_JSON_LIMIT } from './resources/audio/audio-content';

/** Builds the api with all its global behaviour; main.ts and the tests both use this. */
export async function createApiApp(opts: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Webhook signatures are over the exact bytes received.
    rawBody: true,
    ...(opts.logger === false ? { logger: false } : {}),
  });
  // Audio uploads carry their bytes as base64, so only their routes get a bigger limit. The first
  // parser to read a body wins: this one must come before the api-wide one.
  app.use('/v1/properties/:propertyId/audio', json({ limit: AUDIO_JSON_LIMIT }));
  app.useBodyParser('json', { limit: '256kb' });
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  return app;
}
