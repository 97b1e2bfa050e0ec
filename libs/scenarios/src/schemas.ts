import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The repository root, found from wherever this file runs (src or dist). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'docs', 'schemas', 'scenario.schema.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find docs/schemas from ' + __dirname);
    dir = up;
  }
  return dir;
}

/** The published documents: docs/schemas/<kind>.schema.json. */
export type SchemaKind = 'scenario' | 'bundle';

/** One way a document breaks its schema; `path` is like `flows[0].definition.steps` ('' = the whole document). */
export interface SchemaIssue {
  path: string;
  message: string;
}

let validators: Record<SchemaKind, (d: unknown) => boolean> | undefined;

/** Compiled once: the scenario schema names the bundle schema by its $id. */
function schemaValidators(): Record<SchemaKind, (d: unknown) => boolean> {
  if (validators) return validators;
  const dir = path.join(repoRoot(), 'docs', 'schemas');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const bundle = JSON.parse(readFileSync(path.join(dir, 'bundle.schema.json'), 'utf8'));
  const scenario = JSON.parse(readFileSync(path.join(dir, 'scenario.schema.json'), 'utf8'));
  ajv.addSchema(bundle);
  validators = { bundle: ajv.compile(bundle), scenario: ajv.compile(scenario) };
  return validators;
}

/** `/flows/0/definition` → `flows[0].definition`, the field style the api's errors use. */
function fieldPath(pointer: string, child?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function issue(e: ErrorObject): SchemaIssue {
  // A missing or unknown property is named itself, not only its parent.
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  if (e.keyword === 'required' && params.missingProperty)
    return { path: fieldPath(e.instancePath, params.missingProperty), message: 'is required' };
  if (e.keyword === 'additionalProperties' && params.additionalProperty)
    return { path: fieldPath(e.instancePath, params.additionalProperty), message: 'is not a known field' };
  return { path: fieldPath(e.instancePath), message: e.message ?? 'is invalid' };
}

/** Every way `data` breaks the published schema of `kind`; empty when it is valid. */
export function schemaIssues(kind: SchemaKind, data: unknown): SchemaIssue[] {
  const validate = schemaValidators()[kind] as ((d: unknown) => boolean) & { errors?: ErrorObject[] | null };
  if (validate(data)) return [];
  const seen = new Set<string>();
  return (validate.errors ?? []).map(issue).filter((i) => {
    const key = `${i.path}\n${i.message}`;
    return !seen.has(key) && seen.add(key);
  });
}
