import type {
  OpenAPIObject,
  OperationObject,
  PathItemObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { OperationAccess, OperationFacts } from './operation-facts';
import { tagForPath } from './tags';

export const API_KEY_SCHEME = 'apiKey';
export const ADMIN_TOKEN_SCHEME = 'adminToken';
export const AGENT_SESSION_SCHEME = 'agentSession';

/** ApiError's body, which every endpoint answers errors with. */
const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'code', 'message'],
      properties: {
        status: { type: 'integer', example: 422 },
        code: { type: 'string', example: 'validation_failed' },
        message: { type: 'string' },
        fields: {
          type: 'array',
          description: 'Field-level problems, each naming its field (`weekly[0].start`).',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Who may call an operation, as OpenAPI security; the api key is the document's default. */
const SECURITY: Record<OperationAccess, OperationObject['security']> = {
  key: undefined,
  public: [],
  platform: [{ [ADMIN_TOKEN_SCHEME]: [] }],
  agent: [{ [AGENT_SESSION_SCHEME]: [] }],
};

/** A wrapped doc comment as one line; a long one keeps its first sentence as the summary. */
function summarize(op: OperationObject): void {
  if (!op.summary) return;
  const text = op.summary.replace(/\s*\n\s*/g, ' ').trim();
  const first = /^(.+?\.)\s+\S/.exec(text)?.[1];
  op.summary = first && text.length > 100 ? first : text;
  if (op.summary !== text) op.description = text;
}

/** A schema only null matches, for a nullable alternative (OpenAPI 3.0 has no `type: 'null'`). */
export const NULL_SCHEMA: SchemaObject = { type: 'object', nullable: true, enum: [null] };

/**
 * A nullable property whose schema is a reference or a union: @nestjs/swagger writes
 * `{nullable: true, allOf: [{$ref}]}` for `rules: ScoringRulesDto | null` (and the plugin adds
 * `nullable` beside ApiUnion's `oneOf` for `greeting: Prompt | null`), which no null passes:
 * `nullable` only widens a `type` beside it, and the referenced schemas refuse null (OpenAPI
 * 3.0.3). Both become `oneOf: [...variants, null]`.
 */
function nullableRefs(schemas: Record<string, SchemaObject | ReferenceObject>): void {
  for (const schema of Object.values(schemas)) {
    if ('$ref' in schema) continue;
    for (const prop of Object.values(schema.properties ?? {})) {
      if ('$ref' in prop || !prop.nullable) continue;
      const variants = prop.allOf?.length === 1 ? prop.allOf : prop.oneOf;
      if (!variants) continue;
      const { allOf: _a, oneOf: _o, nullable: _n, type: _t, ...rest } = prop;
      for (const k of Object.keys(prop)) delete (prop as Record<string, unknown>)[k];
      Object.assign(prop, rest, { oneOf: [...variants, NULL_SCHEMA] });
    }
  }
}

/**
 * What @nestjs/swagger cannot know from the controllers alone, added to every operation: its tag,
 * who may call it, a redirect's status, the error body, path ids' formats, and query fields with
 * defaults as optional.
 */
export function refineOperations(doc: OpenAPIObject, facts: Map<string, OperationFacts>): void {
  for (const [path, item] of Object.entries<PathItemObject>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const fact = facts.get(op.operationId ?? '');
      op.tags = [tagForPath(path)];
      const security = SECURITY[fact?.access ?? 'key'];
      if (security) op.security = security;
      if (fact?.redirect) {
        delete op.responses['200'];
        op.responses[String(fact.redirect)] = { description: 'Redirect to the `Location` header' };
      }
      summarize(op);
      // A query field with a default (`limit = 50`) is declared without `?`, which the plugin
      // reads as required; the client may leave it out.
      for (const p of op.parameters ?? []) {
        if (!('in' in p) || !p.schema || '$ref' in p.schema) continue;
        if (p.in === 'query' && 'default' in p.schema) p.required = false;
        if (p.in === 'path') Object.assign(p.schema, fact?.params[p.name]);
      }
      op.responses.default = {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  nullableRefs(doc.components?.schemas ?? {});
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Error: ERROR_SCHEMA } };
}
