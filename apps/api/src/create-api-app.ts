import { VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, mediaSigningSecret } from '@switchboard/config';
import {
  createLogger,
  PinoNestLogger,
  setRootLogger,
  silentLogger,
  type Logger,
} from '@switchboard/observability';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { JsonBodyInterceptor } from './common/json-body';
import { createValidationPipe } from './common/validation';
import { ApiMetrics } from './observability/api-metrics';
import { httpObserver } from './observability/http-observer';
import { serveMetrics } from './observability/serve-metrics';
import { serveOpenApiDocs } from './openapi/serve-docs';

/** Browsers take every answer for the type it declares (no sniffing a JSON error as HTML). */
function noSniff(
  _req: unknown,
  res: { setHeader(name: string, value: string): void },
  next: () => void,
): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

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
  // Settings the api cannot serve without stop it here, named, before any module is built.
  if (!opts.preview) mediaSigningSecret(cfg);
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
    // No body parser ahead of the guards: JsonBodyInterceptor reads bodies once the request is
    // authenticated, with each route's own limit (common/json-body.ts).
    bodyParser: false,
    ...(opts.logger === false && !opts.log ? { logger: false } : { logger: new PinoNestLogger(log) }),
    ...(opts.preview ? { preview: true, abortOnError: false } : {}),
  });
  // Says which framework answers, and nothing a client needs.
  app.disable('x-powered-by');
  app.use(noSniff);
  // Who the client is (req.ip): the connecting address unless it is a proxy we were told to trust.
  app.set('trust proxy', cfg.api.trustedProxies.length > 0 ? cfg.api.trustedProxies : false);
  if (!opts.preview) app.use(httpObserver(log.child({ component: 'http' }), app.get(ApiMetrics)));
  app.useGlobalInterceptors(new JsonBodyInterceptor(app.get(Reflector)));
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (opts.preview) return app;
  serveMetrics(app, cfg);
  await serveOpenApiDocs(app);
  app.enableShutdownHooks();
  return app;
}
