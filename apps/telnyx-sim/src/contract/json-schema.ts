/**
 * The small slice of JSON Schema (draft 2020-12) the simulator's contract is written in, and helpers
 * that keep each command and event schema to a few readable lines.
 */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
  type?: JsonType | JsonType[];
  enum?: readonly (string | number | boolean | null)[];
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  /**
   * Where the simulator knowingly goes beyond Telnyx's published contract, so the drift check can
   * tell a deliberate difference from a mistake: `field` = sent by real Telnyx (seen in captured
   * payloads) but not documented; `null` = documented as non-null, yet real Telnyx sends null.
   */
  'x-observed'?: 'field' | 'null';
}

/** Annotation keywords our schemas use beyond the standard ones (registered with Ajv). */
export const ANNOTATION_KEYWORDS = ['x-observed'] as const;

export const str = (format?: string): JsonSchema =>
  format ? { type: 'string', format } : { type: 'string' };
export const int = (minimum?: number, maximum?: number): JsonSchema => ({
  type: 'integer',
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
export const bool = (): JsonSchema => ({ type: 'boolean' });
export const oneOfStrings = (...values: string[]): JsonSchema => ({ type: 'string', enum: values });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** An object whose unlisted fields are allowed: Telnyx adds fields without notice, and so may apps. */
export const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
});

/** Documented as possibly null. */
export const orNull = (s: JsonSchema): JsonSchema => ({ ...s, type: [s.type as JsonType, 'null'] });

/** Null in real payloads although documented as non-null (see `x-observed`). */
export const observedNull = (s: JsonSchema): JsonSchema => ({ ...orNull(s), 'x-observed': 'null' });

/** Present in real payloads but not documented (see `x-observed`). */
export const observedField = (s: JsonSchema): JsonSchema => ({ ...s, 'x-observed': 'field' });
