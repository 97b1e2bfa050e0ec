import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

/**
 * TypeScript types from the JSON Schemas the libraries ship (the bundle's, the scenario's): the
 * schema is the one description, the types are derived from it and committed, and a test
 * (test/schemas/schema-files.test.ts) fails when they are stale. `npm run schemas` rewrites them
 * and the copies in docs/schemas/ that editors and readers use.
 *
 * It covers the JSON Schema the files use, no more: objects (properties, required,
 * additionalProperties), arrays, primitive types, enum and const, $ref to $defs or to another
 * schema, oneOf/anyOf (a union; branches that only list `required` properties make those
 * properties exclusive) and allOf (an intersection). Constraints that a type cannot say (pattern,
 * lengths, ranges, formats) are left to the schema's validation.
 */

const REPO_ROOT = path.join(__dirname, '..', '..');

/** The part of JSON Schema the shipped schemas use. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface SchemaTypesConfig {
  /** The schema, relative to the repository. */
  schemaFile: string;
  /** Where its types are written, relative to the repository. */
  typesFile: string;
  /** Its copy for editors and readers, relative to the repository. */
  docsCopy: string;
  /** The root type's name; also the prefix of each $def's type unless `names` gives one. */
  rootName: string;
  /** Named types for parts of the schema, by JSON pointer (`/properties/sources/items`). */
  names: Record<string, string>;
  /** Other schemas named by `$ref`, and the type each stands for. */
  external?: Record<string, { name: string; from: string }>;
}

/** The schemas the libraries ship, and the names their parts' types are given. */
export const SCHEMA_TYPES: SchemaTypesConfig[] = [
  {
    schemaFile: 'libs/bundle/src/bundle.schema.json',
    typesFile: 'libs/bundle/src/bundle.types.ts',
    docsCopy: 'docs/schemas/bundle.schema.json',
    rootName: 'Bundle',
    names: {
      '/properties/property': 'BundleProperty',
      '/properties/sources/items': 'BundleSource',
      '/properties/schedules/items': 'BundleSchedule',
      '/properties/agents/items': 'BundleAgent',
      '/properties/audio/items': 'BundleAudio',
      '/properties/ring_groups/items': 'BundleRingGroup',
      '/properties/voicemail_boxes/items': 'BundleVoicemailBox',
      '/properties/numbers/items': 'BundleNumber',
      '/properties/flows/items': 'BundleFlow',
      '/properties/dni': 'BundleDni',
      '/properties/pools/items': 'BundlePool',
    },
  },
  {
    schemaFile: 'libs/scenarios/src/scenario.schema.json',
    typesFile: 'libs/scenarios/src/scenario.types.ts',
    docsCopy: 'docs/schemas/scenario.schema.json',
    rootName: 'Scenario',
    names: {
      '/$defs/agent': 'AgentBehaviour',
      '/$defs/callerStep': 'CallerStep',
      '/properties/history/items': 'ScenarioHistoryCall',
      '/properties/calls/items': 'ScenarioCall',
      '/properties/calls/items/properties/visitor': 'ScenarioVisitor',
      '/properties/calls/items/properties/expect': 'ScenarioExpectations',
    },
    external: { 'bundle.schema.json': { name: 'Bundle', from: '@switchboard/bundle' } },
  },
];

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const propertyKey = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
const doc = (s: JsonSchema) => (s.description ? `/** ${s.description.replace(/\*\//g, '*\\/')} */\n` : '');

/** Branches that only say which properties must be present (`{ "required": ["file"] }`). */
const requiredOnly = (branches: JsonSchema[]) =>
  branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));

/** The TypeScript declarations of one schema, unformatted. */
function declarations(schema: JsonSchema, config: SchemaTypesConfig): string {
  const names = new Map(Object.entries(config.names));
  for (const def of Object.keys(schema.$defs ?? {}))
    if (!names.has(`/$defs/${def}`)) names.set(`/$defs/${def}`, `${config.rootName}${pascal(def)}`);
  names.set('', config.rootName);
  const pending: [string, JsonSchema][] = [['', schema]];
  const emitted = new Set<string>();
  const imports = new Set<string>();

  const named = (pointer: string, s: JsonSchema): string => {
    if (!emitted.has(pointer)) {
      emitted.add(pointer);
      pending.push([pointer, s]);
    }
    return names.get(pointer)!;
  };

  const refType = (ref: string): string => {
    if (ref.startsWith('#/$defs/')) {
      const def = ref.slice('#/$defs/'.length);
      const target = schema.$defs?.[def];
      if (!target) throw new Error(`${config.schemaFile}: no $defs/${def}`);
      return named(`/$defs/${def}`, target);
    }
    const external = config.external?.[ref];
    if (!external) throw new Error(`${config.schemaFile}: $ref ${ref} is not known`);
    imports.add(`import type { ${external.name} } from '${external.from}';`);
    return external.name;
  };

  const objectType = (s: JsonSchema, pointer: string): string => {
    const required = new Set(s.required ?? []);
    const members = Object.entries(s.properties ?? {}).map(
      ([k, p]) =>
        `${doc(p)}${propertyKey(k)}${required.has(k) ? '' : '?'}: ${typeOf(p, `${pointer}/properties/${k}`)};`,
    );
    // A required property the object does not describe: any value (unless allOf's parts describe it).
    if (!s.allOf)
      for (const k of required) if (!s.properties?.[k]) members.push(`${propertyKey(k)}: unknown;`);
    const extra = s.additionalProperties;
    if (extra === undefined || extra === true) members.push('[k: string]: unknown;');
    else if (extra !== false)
      members.push(`[k: string]: ${typeOf(extra, `${pointer}/additionalProperties`)};`);
    return `{\n${members.join('\n')}\n}`;
  };

  const primitive = (t: string, s: JsonSchema, pointer: string): string => {
    switch (t) {
      case 'object':
        return objectType(s, pointer);
      case 'array':
        return `(${s.items ? typeOf(s.items, `${pointer}/items`) : 'unknown'})[]`;
      case 'integer':
        return 'number';
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
        return t;
      default:
        throw new Error(`${config.schemaFile}${pointer}: type ${t} is not covered`);
    }
  };

  /** Exactly one branch's required properties: each branch names the others' as absent. */
  const exclusive = (branches: JsonSchema[], s: JsonSchema, pointer: string): string => {
    const all = [...new Set(branches.flatMap((b) => b.required ?? []))];
    return branches
      .map((b) => {
        const mine = new Set(b.required);
        const members = all.map((k) => {
          const p = s.properties?.[k];
          return mine.has(k)
            ? `${propertyKey(k)}: ${p ? typeOf(p, `${pointer}/properties/${k}`) : 'unknown'};`
            : `${propertyKey(k)}?: never;`;
        });
        return `{ ${members.join(' ')} }`;
      })
      .join(' | ');
  };

  function typeOf(s: JsonSchema, pointer: string, declaring = false): string {
    if (!declaring && names.has(pointer)) return named(pointer, s);
    if (s.$ref) return refType(s.$ref);
    if ('const' in s) return JSON.stringify(s.const);
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    const types =
      s.type === undefined
        ? s.properties || s.required || s.additionalProperties !== undefined
          ? ['object']
          : []
        : Array.isArray(s.type)
          ? s.type
          : [s.type];
    const parts = (s.allOf ?? []).map((a, i) => typeOf(a, `${pointer}/allOf/${i}`));
    if (types.length) parts.push(types.map((t) => primitive(t, s, pointer)).join(' | '));
    const branches = s.oneOf ?? s.anyOf;
    const key = s.oneOf ? 'oneOf' : 'anyOf';
    if (branches) {
      const union =
        s.oneOf && requiredOnly(branches)
          ? exclusive(branches, s, pointer)
          : branches.map((b, i) => typeOf(b, `${pointer}/${key}/${i}`)).join(' | ');
      parts.push(parts.length ? `(${union})` : union);
    }
    return parts.length ? parts.join(' & ') : 'unknown';
  }

  const out: string[] = [];
  for (let next = pending.shift(); next; next = pending.shift()) {
    const [pointer, s] = next;
    emitted.add(pointer);
    const name = names.get(pointer)!;
    const type = typeOf(s, pointer, true);
    // A plain object is an interface; anything else (a union, an intersection, a string) a type.
    const plainObject = type.startsWith('{\n') && !s.oneOf && !s.anyOf && !s.allOf;
    out.push(
      `${doc(s)}${plainObject ? `export interface ${name} ${type}` : `export type ${name} = ${type};`}`,
    );
  }
  return [...imports, ...out].join('\n\n');
}

/** The committed types file of a schema, formatted as the repo's Prettier says. */
export async function renderSchemaTypes(config: SchemaTypesConfig, schemaText: string): Promise<string> {
  const schema = JSON.parse(schemaText) as JsonSchema;
  const header =
    `// Generated by \`npm run schemas\` (scripts/schema-types.ts) from ${config.schemaFile}: do not edit.\n` +
    '// The schema is the description; these types follow it.\n\n';
  const file = path.join(REPO_ROOT, config.typesFile);
  const options = await prettier.resolveConfig(file);
  return prettier.format(header + declarations(schema, config) + '\n', { ...options, filepath: file });
}

export const inRepo = (file: string) => path.join(REPO_ROOT, file);

async function main(): Promise<void> {
  for (const config of SCHEMA_TYPES) {
    const schemaText = readFileSync(inRepo(config.schemaFile), 'utf8');
    writeFileSync(inRepo(config.typesFile), await renderSchemaTypes(config, schemaText));
    writeFileSync(inRepo(config.docsCopy), schemaText);
    console.log(`${config.typesFile} and ${config.docsCopy} written from ${config.schemaFile}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
