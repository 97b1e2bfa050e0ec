import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BUNDLE_SCHEMA } from '@switchboard/bundle';
import { OPENAPI_FILE } from '../../scripts/openapi-export';

type Schema = Record<string, any>;

/**
 * Where the export's view (apps/api/src/bundles/bundle.view.ts, in docs/openapi.json as BundleView)
 * knowingly differs from the bundle's JSON Schema (libs/bundle), each with its reason. Anything
 * else the two say differently fails the test.
 */
type Known = Record<'leavesOut' | 'alwaysWrites' | 'looser', Record<string, string>>;
const KNOWN: Known = {
  /** In the schema, never in an export. */
  leavesOut: {
    dni: 'applied by the scenario runner through the admin API, not exported',
    pools: 'applied by the scenario runner through the admin API, not exported',
    'agents[].available': "the agent's state, not configuration",
    'ring_groups[].rotationPointer': "the ring group's state, not configuration",
    'audio[].file': 'an export carries the bytes inline (contentBase64)',
  },
  /** Optional in the schema, always in an export. */
  alwaysWrites: {
    schedules: 'every section but dni and pools is written, empty or not',
    agents: 'every section but dni and pools is written, empty or not',
    audio: 'every section but dni and pools is written, empty or not',
    ring_groups: 'every section but dni and pools is written, empty or not',
    voicemail_boxes: 'every section but dni and pools is written, empty or not',
    flows: 'every section but dni and pools is written, empty or not',
    'sources[].dniRules': 'a stored source has its rules',
    'sources[].priority': 'a stored source has its priority',
    'audio[].contentBase64': 'an export carries the bytes inline',
    'flows[].definition.recording': 'a stored flow has its recording toggle',
  },
  /** Values the schema lists and the view does not. */
  looser: {
    'schedules[].weekly[].days[]':
      'WeeklyWindowDto types the days as strings (the schedules API checks them)',
  },
};

const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Schema;

function resolve(s: Schema, root: Schema, prefix: string): Schema {
  let out = s;
  while (typeof out.$ref === 'string' && out.$ref.startsWith(prefix))
    out = out.$ref
      .split('/')
      .slice(1)
      .reduce((node: Schema, key: string) => node[key], root);
  return out;
}
const view = (s: Schema) => resolve(s, doc, '#/components/schemas/');
/** The JSON Schema node with its allOf parts merged in (the bundle's uses allOf for objects only). */
function json(s: Schema): Schema {
  const r = resolve(s, BUNDLE_SCHEMA, '#/$defs/');
  if (!r.allOf) return r;
  const parts = [r, ...r.allOf.map(json)];
  const { allOf: _a, ...rest } = r;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    required: [...new Set(parts.flatMap((p) => p.required ?? []))],
  };
}

const isObject = (s: Schema) => s.type === 'object' || s.properties !== undefined;
const requiredOnly = (branches: Schema[]) =>
  branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));
const valuesOf = (s: Schema): unknown[] | undefined => ('const' in s ? [s.const] : s.enum);
const sameSet = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((x) => b.some((y) => JSON.stringify(x) === JSON.stringify(y)));

/** Every way the view `v` describes something the JSON Schema `j` does not allow or describes otherwise. */
function disagreements(vIn: Schema, jIn: Schema, at: string, known: Known): string[] {
  const v = view(vIn);
  const j = json(jIn);
  const out: string[] = [];
  const branches: Schema[] | undefined = j.oneOf ?? j.anyOf;

  // An export leaves nulls out, so only the schema's other branches can describe it.
  const nonNull = branches?.filter((b) => b.type !== 'null');
  if (branches && nonNull && !requiredOnly(branches)) {
    if (nonNull.length === 1)
      return disagreements(v, { ...j, oneOf: undefined, anyOf: undefined, ...json(nonNull[0]) }, at, known);
    const viewBranches: Schema[] = v.oneOf ?? v.anyOf ?? [v];
    if (viewBranches.length !== nonNull.length)
      out.push(`${at}: ${viewBranches.length} alternatives in the view, ${nonNull.length} in the schema`);
    for (const [i, vb] of viewBranches.entries())
      if (!nonNull.some((jb) => disagreements(vb, jb, at, known).length === 0))
        out.push(`${at}: the view's alternative ${i + 1} is none of the schema's`);
    return out;
  }
  // The view has alternatives where the schema has one shape: each must fit it.
  const vBranches: Schema[] | undefined = v.oneOf ?? v.anyOf;
  if (vBranches) {
    for (const vb of vBranches) out.push(...disagreements(vb, j, at, known));
    return out;
  }

  const jValues = valuesOf(j);
  if (jValues) {
    const vValues = valuesOf(v);
    if (!vValues) {
      if (!known.looser[at]) out.push(`${at}: the schema allows only ${JSON.stringify(jValues)}`);
    } else if (!sameSet(vValues, jValues))
      out.push(`${at}: the view allows ${JSON.stringify(vValues)}, the schema ${JSON.stringify(jValues)}`);
    return out;
  }

  if (isObject(j)) {
    if (!isObject(v)) return [`${at}: an object in the schema, ${v.type} in the view`];
    const vProps: Schema = v.properties ?? {};
    const jProps: Schema = j.properties ?? {};
    const name = (k: string) => (at ? `${at}.${k}` : k);
    for (const [k, p] of Object.entries(vProps)) {
      if (jProps[k]) out.push(...disagreements(p as Schema, jProps[k] as Schema, name(k), known));
      else if (j.additionalProperties === false) out.push(`${name(k)}: in the view, not in the schema`);
    }
    for (const k of Object.keys(jProps))
      if (!vProps[k] && !known.leavesOut[name(k)]) out.push(`${name(k)}: in the schema, not in the view`);
    const vRequired = new Set<string>(v.required ?? []);
    const jRequired = new Set<string>(j.required ?? []);
    for (const k of jRequired)
      if (!vRequired.has(k) && !known.leavesOut[name(k)])
        out.push(`${name(k)}: required by the schema, optional in the view`);
    for (const k of vRequired)
      if (!jRequired.has(k) && jProps[k] && !known.alwaysWrites[name(k)])
        out.push(`${name(k)}: required in the view, optional in the schema`);
    // Alternatives that only say which properties must be present (audio: contentBase64 or file).
    if (branches && requiredOnly(branches)) {
      const met = branches.filter((b) => (b.required as string[]).every((k) => vRequired.has(k)));
      if (met.length !== 1)
        out.push(`${at}: the view meets ${met.length} of the schema's required alternatives`);
    }
    return out;
  }

  if (j.type === 'array') {
    if (v.type !== 'array') return [`${at}: an array in the schema, ${v.type} in the view`];
    return disagreements(v.items, j.items, `${at}[]`, known);
  }

  // OpenAPI types TypeScript's numbers as `number`; the schema may say `integer`.
  const vType = v.type === 'number' && j.type === 'integer' ? 'integer' : v.type;
  if (j.type !== undefined && vType !== j.type)
    out.push(`${at}: ${j.type} in the schema, ${v.type} in the view`);
  return out;
}

const BUNDLE_VIEW = { $ref: '#/components/schemas/BundleView' };

/**
 * The bundle is described in one place, its JSON Schema; the export's OpenAPI view is written as
 * classes (their names are the admin console's types). This holds the two together: the same
 * properties, required lists and enums all the way down, but for the differences listed above.
 */
describe('the OpenAPI description of an exported bundle', () => {
  it('agrees with the JSON Schema of a bundle', () => {
    assert.deepEqual(disagreements(BUNDLE_VIEW, BUNDLE_SCHEMA, '', KNOWN), []);
  });

  it('is what GET …/bundle answers', () => {
    const op = doc.paths['/v1/properties/{propertyId}/bundle'].get;
    assert.deepEqual(op.responses['200'].content['application/json'].schema, BUNDLE_VIEW);
  });

  it('lists only differences there are', () => {
    for (const list of Object.keys(KNOWN) as (keyof Known)[])
      for (const key of Object.keys(KNOWN[list])) {
        const { [key]: _dropped, ...rest } = KNOWN[list];
        assert.notDeepEqual(
          disagreements(BUNDLE_VIEW, BUNDLE_SCHEMA, '', { ...KNOWN, [list]: rest }),
          [],
          `${key} is listed as a difference (${list}) but the view and the schema agree on it`,
        );
      }
  });
});
