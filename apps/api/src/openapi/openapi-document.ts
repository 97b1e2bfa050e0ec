import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadOpenApiMetadata } from './load-metadata';
import metadata from './metadata';
import { operationFacts, operationId } from './operation-facts';
import {
  ADMIN_TOKEN_SCHEME,
  AGENT_SESSION_SCHEME,
  API_KEY_SCHEME,
  refineOperations,
} from './refine-operations';
import { stableOrder } from './stable-order';
import { TAGS } from './tags';
import { unionVariants } from './union-schema';

const DESCRIPTION = `Call tracking and routing. Every \`/v1\` route needs an account's API key as
\`Authorization: Bearer sbk_<prefix>_<secret>\` unless it says otherwise; the platform operator's
routes take the \`ADMIN_TOKEN\` the same way. Errors answer
\`{"error": {"status", "code", "message", "fields"?}}\`.`;

/**
 * The OpenAPI document of every route the app serves: served at /docs and exported to
 * docs/openapi.json by `npm run openapi`. Needs no database or Temporal: it reads only the
 * controllers' metadata, so it also works on an app created with `preview: true`.
 */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await loadOpenApiMetadata(metadata);
  const builder = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addSecurity(API_KEY_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'sbk_<prefix>_<secret>',
      description: "An account's API key, shown once when it is created.",
    })
    .addSecurity(ADMIN_TOKEN_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: "The platform operator's ADMIN_TOKEN (an environment variable of the api).",
    })
    .addSecurity(AGENT_SESSION_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'sba_<secret>',
      description: "A signed-in agent's session token (docs/AGENT.md): the /agent page's routes.",
    })
    .addSecurityRequirements(API_KEY_SCHEME);
  for (const tag of TAGS) builder.addTag(tag.name, tag.description);
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationId,
    autoTagControllers: false,
    extraModels: unionVariants(),
  });
  refineOperations(doc, operationFacts(app));

  // No `servers`: the document describes every deployment, and clients resolve paths against
  // wherever they fetched it from.
  const { openapi, info, tags, security, paths, components } = doc;
  return { openapi, info, tags, security, paths: stableOrder(paths), components: stableOrder(components) };
}
