import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  checkResponseBody,
  responseSchemaExempt,
  UNDESCRIBED_JSON_RESPONSES,
} from '../support/openapi-responses';

type Schema = Record<string, any>;

const DOC = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8'),
) as Schema;

function operations(): { operation: string; responses: Record<string, Schema> }[] {
  return Object.entries(DOC.paths as Record<string, Schema>).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([, op]) => op && typeof op === 'object' && 'responses' in op)
      .map(([m, op]) => ({ operation: `${m.toUpperCase()} ${p}`, responses: (op as Schema).responses })),
  );
}

/** A schema a typed client can use: a named model, or an object or array that says what it holds. */
function described(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (typeof schema.$ref === 'string') return true;
  if (schema.properties && Object.keys(schema.properties as object).length > 0) return true;
  if (schema.type === 'array' && schema.items) return true;
  return ['oneOf', 'anyOf', 'allOf'].some((k) => Array.isArray(schema[k]) && schema[k].length > 0);
}

/**
 * Every successful answer in docs/openapi.json says what it is: JSON with a real schema (never `{}`
 * or a bare `{"type": "object"}`), or its own content type (HTML, JavaScript, audio, CSV); only 204
 * answers have no body. The exceptions are listed in test/support/openapi-responses.ts.
 */
describe('OpenAPI response schemas', () => {
  it('describe every 2xx answer of every operation but the listed exceptions', () => {
    const problems: string[] = [];
    for (const { operation, responses } of operations()) {
      if (responseSchemaExempt(operation)) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const content = (response.content ?? {}) as Record<string, Schema>;
        if (Object.keys(content).length === 0) {
          problems.push(`${operation} ${status}: no content type`);
          continue;
        }
        const json = content['application/json'];
        if (json && !described(json.schema as Schema | undefined))
          problems.push(
            `${operation} ${status}: application/json without a schema (${JSON.stringify(json.schema)})`,
          );
      }
    }
    assert.deepEqual(problems, [], 'answers to describe (a response class in a *.view.ts file, see docs)');
  });

  it('lists as exceptions only operations the document has', () => {
    const known = new Set(operations().map((o) => o.operation));
    const unknown = [...UNDESCRIBED_JSON_RESPONSES.keys()].filter((o) => !known.has(o));
    assert.deepEqual(unknown, []);
  });

  it('reports a body that does not match its schema with the operation, the field and the problem', () => {
    assert.throws(
      () =>
        checkResponseBody('GET', '/v1/api-keys?x=1', 200, {
          items: [{ id: 'k', name: 7, prefix: 'p', readOnly: false, propertyIds: null, createdAt: 'now' }],
        }),
      (err: Error) => {
        assert.match(err.message, /GET \/v1\/api-keys/);
        assert.match(err.message, /\/items\/0\/name: must be string/);
        assert.match(err.message, /\/items\/0\/createdAt: must match format "date-time"/);
        assert.match(err.message, /\/items\/0: missing required field lastUsedAt/);
        return true;
      },
    );
    const key = {
      id: 'k',
      name: 'n',
      prefix: 'p',
      readOnly: false,
      propertyIds: null,
      createdAt: '2026-12-05T10:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    };
    checkResponseBody('GET', '/v1/api-keys', 200, { items: [key] });
    // Error answers and non-JSON bodies are not checked here.
    checkResponseBody('GET', '/v1/api-keys', 403, { error: {} });
    checkResponseBody('GET', '/agent', 200, '<!doctype html>');
  });
});
