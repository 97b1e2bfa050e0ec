/**
 * @switchboard/bundle — a property's configuration as one document: its JSON Schema (the one
 * description, shipped here), the types generated from it, validation, snapshots and the diff of
 * two. Pure: used by the api (export, apply, import) and the scenario runner alike.
 */
export * from './bundle.types';
export { BUNDLE_SCHEMA, bundleSchemaIssues } from './bundle-schema';
export { schemaCheck, type SchemaCheck } from './schema-check';
export { joinPath, pointerPath, type DocumentIssue } from './paths';
export { duplicateIssues } from './duplicates';
export { snapshotToBundle, type ConfigSnapshot, type SnapshotAudio } from './snapshot';
export { diffSnapshots, CHANGE_KINDS, type ChangeKind, type KindChanges, type BundleChanges } from './diff';
