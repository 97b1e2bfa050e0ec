import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { METADATA_FILE, renderOpenApiMetadata } from '../../scripts/openapi-metadata';
import { firstDifference } from '../support/text-diff';

/**
 * apps/api/src/openapi/metadata.ts is generated from the DTOs and controllers but committed (the
 * build does not regenerate it): regenerating it must give the committed file.
 */
describe('OpenAPI metadata', () => {
  it('is what the DTOs and controllers generate now', async () => {
    const diff = firstDifference(await renderOpenApiMetadata(), readFileSync(METADATA_FILE, 'utf8'));
    assert.equal(
      diff,
      null,
      `apps/api/src/openapi/metadata.ts is stale: run \`npm run openapi\` and commit the result\n${diff}`,
    );
  });
});
