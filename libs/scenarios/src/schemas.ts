import { BUNDLE_SCHEMA, schemaCheck } from '@switchboard/bundle';
import schema from './scenario.schema.json';

/**
 * The scenario file's JSON Schema, shipped with this library (docs/schemas/scenario.schema.json is
 * a copy for editors, kept equal by `npm run schemas`); its `config` names the bundle's schema by $id.
 */
export const SCENARIO_SCHEMA = schema;

/** Every way a document breaks the scenario schema, each naming its path; empty when it is a scenario. */
export const scenarioSchemaIssues = schemaCheck(SCENARIO_SCHEMA, [BUNDLE_SCHEMA]);
