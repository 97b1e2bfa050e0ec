import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { createApiApp } from '../apps/api/src/create-api-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi-document';

export const OPENAPI_FILE = path.join(__dirname, '..', '..', 'docs', 'openapi.json');

/** The committed file's exact text: the document as the repo's Prettier formats JSON. */
export async function renderOpenApi(doc: OpenAPIObject): Promise<string> {
  const options = await prettier.resolveConfig(OPENAPI_FILE);
  return prettier.format(JSON.stringify(doc), { ...options, filepath: OPENAPI_FILE });
}

/**
 * Writes docs/openapi.json from the api's controllers and DTO metadata. The app is created in
 * preview mode (no provider runs), so neither PostgreSQL nor Temporal is needed.
 */
async function main(): Promise<void> {
  const app = await createApiApp({ logger: false, preview: true });
  const doc = await buildOpenApiDocument(app);
  await app.close();
  writeFileSync(OPENAPI_FILE, await renderOpenApi(doc));
  console.log(`${path.relative(process.cwd(), OPENAPI_FILE)}: ${Object.keys(doc.paths).length} paths`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
