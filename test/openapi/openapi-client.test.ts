import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OPENAPI_FILE } from '../../scripts/openapi-export';
import { CLIENT_TYPES_FILE, renderClientTypes } from '../../scripts/openapi-client';
import { firstDifference } from '../support/text-diff';

/**
 * The admin console is typed by apps/admin/src/api/schema.d.ts, generated from docs/openapi.json
 * and committed; regenerating it from the committed document must give the committed file, so the
 * console cannot be type-checked against an api that no longer exists.
 */
describe('admin console api types', () => {
  it('are what docs/openapi.json generates now', async () => {
    const diff = firstDifference(
      await renderClientTypes(readFileSync(OPENAPI_FILE, 'utf8')),
      readFileSync(CLIENT_TYPES_FILE, 'utf8'),
    );
    assert.equal(
      diff,
      null,
      `${CLIENT_TYPES_FILE} is stale: run \`npm run openapi\` and commit the result\n${diff}`,
    );
  });
});
