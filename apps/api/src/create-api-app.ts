import { VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { loadConfig } from '@switchboard/config';
import {
  createLogger,
  PinoNestLogger,
  setRootLogger,
  silentLogger,
  type Logger,
} from '@switchboard/observability';
import { AppModule } from './app.module';
import { BUNDLE_JSON_LIMIT } from './bundles/bundle-limits';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { useEmailWebhookBodyParser } from './emails/email-limits';
import { ApiMetrics } from './observability/api-metrics';
import { httpObserver } from './observability/http-observer';
import { serveMetrics } from './observability/serve-metrics';
import { serveOpenApiDocs } from './openapi/serve-docs';
import { AUDIO_JSON_LIMIT } from './resources/audio/audio-content';

/**
 * Builds the api with all its global behaviour; main.ts and the tests both use this. `preview`
 * wires the modules without creating any provider (no database or Temporal connection): enough
 * to read the routes, as `npm run openapi` does, but not to serve them. Logs go to `log` when given
 * (tests reading log lines), nowhere with `logger: false` (other tests), else pino per LOG_LEVEL and
 * LOG_FORMAT.
 */
export async function createApiApp(
  opts: { logger?: false; log?: Logger; preview?: boolean } = {},
): Promise<INestApplication> {
  const cfg = loadConfig();
  const log =
    opts.log ??
    (opts.logger === false
      ? silentLogger()
      : createLogger({
          level: cfg.observability.logLevel,
          format: cfg.observability.logFormat,
          base: { app: 'api' },
        }));
  // Before the modules are built: their constructors take child loggers of it.
  setRootLogger(log);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // Webhook signatures are over the exact bytes received.
    rawBody: true,
    ...(opts.logger === false && !opts.log ? { logger: false } : { logger: new PinoNestLogger(log) }),
    ...(opts.preview ? { preview: true, abortOnError: false } : {}),
  });
  // Who the client is (req.ip): the connecting address unless it is a proxy we were told to trust.
  app.set('trust proxy', cfg.api.trustedProxies.length > 0 ? cfg.api.trustedProxies : false);
  // First, so requests refused by the body parsers below are logged and counted too.
  if (!opts.preview) app.use(httpObserver(log.child({ component: 'http' }), app.get(ApiMetrics)));
  // Audio uploads carry their bytes as base64, so only their routes get a bigger limit. The first
  // parser to read a body wins: this one must come before the api-wide one.
  app.use('/v1/properties/:propertyId/audio', json({ limit: AUDIO_JSON_LIMIT }));
  // Bundles carry their audio inline too.
  app.use('/v1/properties/:propertyId/bundle/apply', json({ limit: BUNDLE_JSON_LIMIT }));
  useEmailWebhookBodyParser(app);
  app.useBodyParser('json', { limit: '256kb' });
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (opts.preview) return app;
  serveMetrics(app, cfg);
  await serveOpenApiDocs(app);
  app.enableShutdownHooks();
  return app;
}
