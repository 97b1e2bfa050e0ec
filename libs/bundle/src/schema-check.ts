import Ajv2020, { type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { joinPath, pointerPath, type DocumentIssue } from './paths';

/** Every way a document breaks a schema; empty when it is valid. */
export type SchemaCheck = (data: unknown) => DocumentIssue[];

function issue(e: ErrorObject): DocumentIssue {
  const at = pointerPath(e.instancePath);
  // A missing or unknown property is named itself, not only its parent.
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  if (e.keyword === 'required' && params.missingProperty)
    return { path: joinPath(at, params.missingProperty), message: 'is required' };
  if (e.keyword === 'additionalProperties' && params.additionalProperty)
    return { path: joinPath(at, params.additionalProperty), message: 'is not a known field' };
  return { path: at, message: e.message ?? 'is invalid' };
}

/**
 * The check of documents against `schema` (JSON Schema 2020-12, formats included), compiled on
 * first use; `refs` are the schemas it names by `$id`. Each problem is reported once.
 */
export function schemaCheck(schema: AnySchema, refs: AnySchema[] = []): SchemaCheck {
  let validate: ValidateFunction | undefined;
  return (data) => {
    if (!validate) {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      for (const ref of refs) ajv.addSchema(ref);
      validate = ajv.compile(schema);
    }
    if (validate(data)) return [];
    const seen = new Set<string>();
    return (validate.errors ?? []).map(issue).filter((i) => {
      const key = `${i.path}\n${i.message}`;
      return !seen.has(key) && seen.add(key);
    });
  };
}
