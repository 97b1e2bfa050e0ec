import type { JsonSchema } from '../../apps/telnyx-sim/src';

/**
 * Compares one of the simulator's schemas with Telnyx's schema for the same body, and lists every
 * way ours has drifted from it:
 * - a field we declare that Telnyx's schema does not have at the same place;
 * - a type Telnyx's does not allow there (integer fits number);
 * - an allowed value outside Telnyx's enum, or no enum where Telnyx restricts the values;
 * - a field Telnyx requires that ours does not.
 * Fields marked `x-observed` (seen on real payloads, undocumented) are the only ones let through.
 */

type Node = Record<string, any>;
type Deref = (node: unknown) => Node | undefined;

/** What a schema says at one place, with `$ref`, allOf, oneOf and anyOf folded in. */
interface View {
  /** undefined = any type. */
  types?: Set<string>;
  /** undefined = any value. */
  values?: Set<unknown>;
  props: Map<string, Node[]>;
  required: Set<string>;
  items: Node[];
}

const intersect = <T>(a: Set<T> | undefined, b: Set<T> | undefined): Set<T> | undefined =>
  a && b ? new Set([...a].filter((x) => b.has(x))) : (a ?? b);

function view(node: unknown, deref: Deref): View {
  const n = deref(node) ?? {};
  const v: View = { props: new Map(), required: new Set(), items: [] };
  if (n.type !== undefined) v.types = new Set(Array.isArray(n.type) ? n.type : [n.type]);
  if (n.nullable === true) v.types?.add('null');
  if (Array.isArray(n.enum)) v.values = new Set(n.enum);
  if (n.const !== undefined) v.values = new Set([n.const]);
  for (const [k, p] of Object.entries((n.properties ?? {}) as Node)) addProp(v, k, [p]);
  for (const r of (n.required ?? []) as string[]) v.required.add(r);
  if (n.items !== undefined) v.items.push(n.items);

  for (const member of (n.allOf ?? []) as unknown[]) {
    const m = view(member, deref);
    v.types = intersect(v.types, m.types);
    v.values = intersect(v.values, m.values);
    for (const [k, ps] of m.props) addProp(v, k, ps);
    for (const r of m.required) v.required.add(r);
    v.items.push(...m.items);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = ((n[key] ?? []) as unknown[]).map((b) => view(b, deref));
    if (branches.length === 0) continue;
    const anyType = branches.some((b) => !b.types);
    const anyValue = branches.some((b) => !b.values);
    v.types = intersect(v.types, anyType ? undefined : new Set(branches.flatMap((b) => [...b.types!])));
    v.values = intersect(v.values, anyValue ? undefined : new Set(branches.flatMap((b) => [...b.values!])));
    for (const b of branches) {
      for (const [k, ps] of b.props) addProp(v, k, ps);
      v.items.push(...b.items);
    }
    // Required only when every alternative requires it.
    for (const r of branches[0].required) if (branches.every((b) => b.required.has(r))) v.required.add(r);
  }
  return v;
}

function addProp(v: View, key: string, nodes: Node[]): void {
  v.props.set(key, [...(v.props.get(key) ?? []), ...nodes]);
}

const either = (nodes: Node[]): Node => (nodes.length === 1 ? nodes[0] : { anyOf: nodes });
const identity: Deref = (n) => n as Node | undefined;

function typeFits(t: string, theirs: Set<string> | undefined, observedNull: boolean): boolean {
  if (!theirs || theirs.has(t)) return true;
  if (t === 'integer' && theirs.has('number')) return true;
  return t === 'null' && observedNull;
}

/** Every drift of `ours` from `theirs` (Telnyx's schema at the same place); empty when none. */
export function schemaDrift(ours: JsonSchema, theirs: unknown, deref: Deref, at = ''): string[] {
  const found: string[] = [];
  const o = view(ours, identity);
  const t = view(theirs, deref);
  const observedNull = ours['x-observed'] === 'null';
  for (const type of o.types ?? []) {
    if (!typeFits(type, t.types, observedNull)) {
      found.push(`${at || '/'}: type ${type} is not allowed by Telnyx (${[...(t.types ?? [])].join('|')})`);
    }
  }
  if (t.values) {
    if (!o.values)
      found.push(`${at || '/'}: Telnyx allows only ${[...t.values].join(', ')}; ours allows any value`);
    for (const value of o.values ?? []) {
      if (!t.values.has(value))
        found.push(`${at || '/'}: ${JSON.stringify(value)} is not one of Telnyx's values`);
    }
  }
  for (const r of t.required) {
    if (!o.required.has(r)) found.push(`${at}/${r}: Telnyx requires it; ours does not`);
  }
  for (const [key, nodes] of o.props) {
    const mine = either(nodes) as JsonSchema;
    if (mine['x-observed'] === 'field') continue;
    const theirNodes = t.props.get(key);
    if (!theirNodes) {
      found.push(`${at}/${key}: not in Telnyx's schema`);
      continue;
    }
    found.push(...schemaDrift(mine, either(theirNodes), deref, `${at}/${key}`));
  }
  if (o.items.length && t.items.length) {
    found.push(...schemaDrift(either(o.items), either(t.items), deref, `${at}/[]`));
  }
  return found;
}

/** A copy of `value` without the nulls our schema marks as observed-only, for Telnyx's validator. */
export function withoutObservedNulls(value: unknown, schema: JsonSchema): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.map((x) => (schema.items ? withoutObservedNulls(x, schema.items) : x));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const s = schema.properties?.[k];
    if (v === null && s?.['x-observed'] === 'null') continue;
    out[k] = s ? withoutObservedNulls(v, s) : v;
  }
  return out;
}
