import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/**
 * Swagger UI at /docs and the document at /docs/openapi.json, without a key: they are routes of
 * the HTTP adapter, not Nest controllers, so the AuthGuard never runs for them (as for @Public).
 */
export async function serveOpenApiDocs(app: INestApplication): Promise<void> {
  const doc = await buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, doc, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Switchboard API',
  });
}
