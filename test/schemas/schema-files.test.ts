import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { inRepo, renderSchemaTypes, SCHEMA_TYPES } from '../../scripts/schema-types';
import { firstDifference } from '../support/text-diff';

/**
 * The libraries ship their JSON Schemas; the TypeScript types and the copies in docs/schemas/ are
 * derived from them and committed. Deriving them again must give the committed files, so the
 * types cannot describe another document than the schema does.
 */
describe('files derived from the shipped JSON Schemas', () => {
  for (const config of SCHEMA_TYPES) {
    const schemaText = readFileSync(inRepo(config.schemaFile), 'utf8');

    it(`${config.typesFile} is what ${config.schemaFile} generates`, async () => {
      const diff = firstDifference(
        await renderSchemaTypes(config, schemaText),
        readFileSync(inRepo(config.typesFile), 'utf8'),
      );
      assert.equal(
        diff,
        null,
        `${config.typesFile} is stale: run \`npm run schemas\` and commit it\n${diff}`,
      );
    });

    it(`${config.docsCopy} is a copy of ${config.schemaFile}`, () => {
      assert.equal(
        readFileSync(inRepo(config.docsCopy), 'utf8'),
        schemaText,
        `${config.docsCopy} is stale: run \`npm run schemas\` and commit it`,
      );
    });
  }
});
