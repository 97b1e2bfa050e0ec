import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { Pool } from 'pg';
import { http } from '../support/http';
import { TEST_ADMIN_TOKEN } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';

/**
 * Property-based fuzzing driven by the OpenAPI document: for every operation, fast-check generates
 * path ids, query values and bodies shaped after the operation's schema but with fields missing,
 * of the wrong type or out of range. The properties:
 *   - no input ever gets a 5xx;
 *   - a body the document itself calls invalid is refused with a 4xx;
 *   - a refused request writes nothing (every table keeps its row count).
 * FUZZ_RUNS (default 10) inputs per operation; a failure prints fast-check's seed and the input.
 */
type Schema = Record<string, any>;

interface Operation {
  method: string;
  path: string;
  params: { in: string; name: string; schema: Schema }[];
  body?: Schema;
  admin: boolean;
}

const DOC = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8'),
) as Schema;
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

/** OpenAPI 3.0's `nullable` is not JSON Schema: `{type: T, nullable: true}` → `{type: [T, 'null']}`. */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) if (k !== 'nullable') out[k] = toJsonSchema(v);
  const src = s as Schema;
  if (src.nullable === true && typeof src.type === 'string') out.type = [src.type, 'null'];
  if (src.nullable === true && src.enum) out.enum = [...(src.enum as unknown[]), null];
  return out;
}

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [p, item] of Object.entries(DOC.paths as Record<string, Schema>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Telnyx webhooks are signed: their refusals are tested in telnyx-webhooks.test.ts.
      if (p.startsWith('/webhooks/')) continue;
      const body = (op as Schema).requestBody?.content?.['application/json']?.schema as Schema | undefined;
      ops.push({
        method: method.toUpperCase(),
        path: p,
        params: (((op as Schema).parameters ?? []) as Schema[]).map((x) => ({
          in: x.in as string,
          name: x.name as string,
          schema: (x.schema ?? {}) as Schema,
        })),
        body,
        admin: JSON.stringify((op as Schema).security ?? '').includes('adminToken'),
      });
    }
  }
  return ops;
}

const deref = (s: Schema): Schema =>
  typeof s.$ref === 'string'
    ? (DOC.components.schemas[s.$ref.split('/').pop()!] as Schema)
    : s.allOf?.length === 1
      ? deref(s.allOf[0] as Schema)
      : s;

/** Values of the wrong kind for almost any field. */
const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
  fc.constantFrom('', ' ', 'x'.repeat(600), '+1', '../../etc/passwd', "'; DROP TABLE calls; --", '\u0000'),
);

/** Mostly-plausible, often-wrong values for a schema. */
function arbFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema);
  if (depth > 3) return wrong;
  if (s.enum) return fc.oneof(fc.constantFrom(...(s.enum as unknown[])), wrong);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const shaped = fc.record(
      Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fc.oneof(arbFor(v, depth + 1), wrong)])),
      { requiredKeys: [] },
    );
    return depth === 0 ? shaped : fc.oneof(shaped, wrong);
  }
  if (type === 'array')
    return fc.oneof(fc.array(arbFor((s.items ?? {}) as Schema, depth + 1), { maxLength: 3 }), wrong);
  if (type === 'string') return fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), wrong);
  if (type === 'integer' || type === 'number') return fc.oneof(fc.integer({ min: -5, max: 100_000 }), wrong);
  if (type === 'boolean') return fc.oneof(fc.boolean(), wrong);
  return wrong;
}

/** Bodies: shaped-but-wrong objects, any JSON value, or text that is not JSON. */
function bodyArb(schema: Schema): fc.Arbitrary<{ raw: string }> {
  return fc.oneof(
    { weight: 6, arbitrary: arbFor(schema).map((v) => ({ raw: JSON.stringify(v) })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ raw: JSON.stringify(v) })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((raw) => ({ raw: raw === '' ? '{' : raw })) },
  );
}

/** Path ids: random uuids, non-ids and odd strings (a real property id where another id is judged). */
function paramArb(p: Operation['params'][number]): fc.Arbitrary<string | undefined> {
  if (p.in === 'path')
    return fc.oneof(
      fc.uuid(),
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.constantFrom('0', '-1', 'null', 'undefined', '%', '...', 'ä', '1e999'),
    );
  return fc.option(
    fc.oneof(
      arbFor(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      wrong.map(String),
    ),
    {
      nil: undefined,
    },
  );
}

describe('every OpenAPI operation fuzzed with invalid input (fast-check): 4xx only, nothing written', () => {
  let api: ApiOnly;
  let db: Pool;
  let countSql: string;
  let propertyId: string;
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ components: toJsonSchema(DOC.components) }, 'openapi');
  const validators = new Map<Schema, ValidateFunction>();
  const validBody = (schema: Schema, raw: string): boolean => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return false;
    }
    let v = validators.get(schema);
    if (!v) {
      const ref = JSON.stringify(schema).replace(/"#\/components/g, '"openapi#/components');
      v = ajv.compile(toJsonSchema(JSON.parse(ref)) as Schema);
      validators.set(schema, v);
    }
    return v(value);
  };
  const rowCounts = async (): Promise<Record<string, number>> =>
    (await db.query<{ c: Record<string, number> }>(countSql)).rows[0].c;

  before(async () => {
    api = await startApiOnly();
    db = new Pool({ connectionString: api.dbUrl, max: 2 });
    const tables = (
      await db.query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
      )
    ).rows
      .map((r) => r.t)
      // The DNI rate limit's buckets count requests, refused ones too: a client guessing DNI keys
      // must spend its allowance like any other. Bookkeeping of the caller, not data.
      .filter((t) => t !== 'dni_rate_limits');
    countSql = `SELECT json_build_object(${tables.map((t) => `'${t}', (SELECT count(*) FROM "${t}")`).join(', ')}) AS c`;
    const p = await api.request('POST', '/v1/properties', {
      name: 'Fuzz Towers',
      timeZone: 'America/Chicago',
    });
    assert.equal(p.status, 201);
    propertyId = p.body.id as string;
  });
  after(async () => {
    await db?.end();
    await api?.stop();
  });

  const ops = operations();

  it('covers every operation of the document', () => {
    assert.ok(ops.length >= 100, `${ops.length} operations`);
  });

  for (const op of ops) {
    it(`${op.method} ${op.path}`, async () => {
      const pathParams = op.params.filter((p) => p.in === 'path');
      const queryParams = op.params.filter((p) => p.in === 'query');
      const input = fc.record({
        path: fc.tuple(...pathParams.map(paramArb)),
        query: fc.tuple(...queryParams.map(paramArb)),
        // The real property where the route names other ids too, so those are what gets judged.
        realProperty: fc.boolean(),
        body: op.body
          ? bodyArb(op.body).map((b) => b as { raw: string } | undefined)
          : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ path: pv, query: qv, realProperty, body }) => {
          let url = op.path;
          pathParams.forEach((p, i) => {
            const v =
              p.name === 'propertyId' && realProperty && pathParams.length > 1 ? propertyId : (pv[i] ?? '');
            // '.' and '..' segments would be resolved away by the URL parser, naming another route.
            const safe = v === '.' || v === '..' ? `${v}x` : v;
            url = url.replace(`{${p.name}}`, encodeURIComponent(safe));
          });
          const qs = new URLSearchParams();
          queryParams.forEach((p, i) => {
            if (qv[i] !== undefined) qs.set(p.name, qv[i]);
          });
          if ([...qs].length) url += `?${qs.toString()}`;
          const headers = op.admin
            ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
            : { authorization: `Bearer ${api.apiKey}` };
          const before = await rowCounts();
          const res = await http(op.method, `${api.url}${url}`, body?.raw, headers);
          const detail = `${op.method} ${url} ${body?.raw.slice(0, 300) ?? ''} → ${res.status} ${String(JSON.stringify(res.body ?? '')).slice(0, 300)}`;
          assert.ok(res.status < 500, `5xx: ${detail}`);
          if (body && !validBody(op.body!, body.raw))
            assert.ok(res.status >= 400, `a body the OpenAPI document calls invalid was accepted: ${detail}`);
          if (res.status >= 400)
            assert.deepEqual(await rowCounts(), before, `a refused request wrote: ${detail}`);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
