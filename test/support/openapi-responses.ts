import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks what the api answers against what docs/openapi.json says it answers: every JSON 2xx body
 * a test receives through the request helpers (api-app.ts `request`, test-stack.ts `api`) must
 * match its operation's response schema, so the schemas an admin console's typed client is
 * generated from are the api's real answers. Required fields, types, formats, enums and nullability
 * are checked; fields a schema does not name are allowed (a client ignores them, and the document
 * need not repeat every field of a free-form object).
 */

type Schema = Record<string, any>;

const DOC_FILE = path.join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

/**
 * Operations that answer JSON without a described body, each with its reason. Kept to what cannot
 * be described (today: none left but the set is where one would be named and justified).
 */
export const UNDESCRIBED_JSON_RESPONSES: ReadonlyMap<string, string> = new Map<string, string>([]);

/** Whether the guard and the response check skip an operation (`GET /v1/...`, as a path template). */
export function responseSchemaExempt(operation: string): boolean {
  return UNDESCRIBED_JSON_RESPONSES.has(operation);
}

/**
 * OpenAPI 3.0's `nullable` in JSON Schema: `{type: T, nullable: true}` → `{type: [T, 'null']}`;
 * a nullable composition (`allOf: [{$ref}]`, `oneOf`) → `anyOf: [it, {type: 'null'}]` (nullable
 * there is meant for the whole value, as openapi-typescript reads it). `$ref`s point into `doc`.
 */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const src = s as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k === 'example') continue;
    out[k] = k === '$ref' && typeof v === 'string' ? `doc${v}` : toJsonSchema(v);
  }
  if (src.nullable !== true) return out;
  if (src.allOf || src.oneOf || src.anyOf || src.$ref) {
    const { description, ...rest } = out;
    delete rest.type;
    return { ...(description ? { description } : {}), anyOf: [rest, { type: 'null' }] };
  }
  if (typeof src.type === 'string') out.type = [src.type, 'null'];
  if (Array.isArray(src.enum)) out.enum = [...(src.enum as unknown[]), null];
  return out;
}

interface DocumentedOperation {
  operation: string;
  pattern: RegExp;
  /** Literal segments first: `/v1/calls/{callId}` must not take what a literal path names. */
  literals: number;
  responses: Record<string, Schema>;
}

let compiled: { ajv: Ajv; operations: DocumentedOperation[] } | undefined;

function documented(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const doc = JSON.parse(readFileSync(DOC_FILE, 'utf8')) as Schema;
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: toJsonSchema(doc.components) }, 'doc');
  const operations: DocumentedOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Schema>)) {
    const parts = template.split(/(\{[^}]+\})/);
    const pattern = new RegExp(
      `^${parts.map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('')}$`,
    );
    const literals = template.split('/').filter((seg) => seg && !seg.includes('{')).length;
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      operations.push({
        operation: `${method.toUpperCase()} ${template}`,
        pattern,
        literals,
        responses: (op as Schema).responses as Record<string, Schema>,
      });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);
  compiled = { ajv, operations };
  return compiled;
}

const validators = new Map<string, ValidateFunction>();

function describeError(e: ErrorObject): string {
  const at = e.instancePath || '(body)';
  if (e.keyword === 'required') return `${at}: missing required field ${String(e.params.missingProperty)}`;
  if (e.keyword === 'enum') return `${at}: ${e.message} ${JSON.stringify(e.params.allowedValues)}`;
  return `${at}: ${e.message}`;
}

/**
 * Fails (throws) when `body`, a JSON 2xx answer to `method url`, does not match the documented
 * schema of that operation and status; non-2xx answers, non-JSON bodies and exempt operations pass.
 */
export function checkResponseBody(method: string, url: string, status: number, body: unknown): void {
  if (status < 200 || status > 299 || body === undefined || typeof body === 'string') return;
  const pathname = new URL(url, 'http://x').pathname;
  const { ajv, operations } = documented();
  const m = method.toUpperCase();
  const op = operations.find((o) => o.operation.startsWith(`${m} `) && o.pattern.test(pathname));
  if (!op)
    throw new Error(
      `${m} ${pathname} answered ${status} with JSON, but docs/openapi.json has no such operation`,
    );
  if (responseSchemaExempt(op.operation)) return;
  const response = op.responses[String(status)];
  const schema = response?.content?.['application/json']?.schema as Schema | undefined;
  if (!schema)
    throw new Error(
      `${op.operation} answered ${status} with JSON, but docs/openapi.json describes no JSON ${status} answer`,
    );
  const key = `${op.operation} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema) as Schema);
    validators.set(key, validate);
  }
  if (!validate(body)) {
    const problems = (validate.errors ?? []).map(describeError);
    throw new Error(
      `${op.operation} (${pathname}) answered ${status} with a body its OpenAPI schema does not describe:\n  ${problems.join('\n  ')}`,
    );
  }
}

/** A request helper's result, checked by `checkResponseBody` on its way back to the test. */
export async function checkedResponse<T extends { status: number; body: unknown }>(
  method: string,
  url: string,
  response: Promise<T>,
): Promise<T> {
  const r = await response;
  checkResponseBody(method, url, r.status, r.body);
  return r;
}
