import schema from './bundle.schema.json';
import { schemaCheck } from './schema-check';

/**
 * The bundle's JSON Schema, shipped with this library (docs/schemas/bundle.schema.json is a copy
 * for editors, kept equal by `npm run schemas`). The `Bundle` types are generated from it.
 */
export const BUNDLE_SCHEMA = schema;

/** Every way a document breaks the bundle's schema, each naming its path; empty when it is a bundle. */
export const bundleSchemaIssues = schemaCheck(BUNDLE_SCHEMA);
