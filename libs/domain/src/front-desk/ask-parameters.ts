import type { AskField } from './ask-model';

/** A JSON Schema object, as the carrier's AI gather takes its `parameters`. */
export interface AskParameters {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, { type: 'string'; description: string; enum?: string[] }>>;
  readonly required?: string[];
}

/**
 * The fields as the JSON Schema the carrier's AI gather fills in: each a string, an enum field's
 * values as `enum`, and its synonyms in the description, since the model reads the description.
 */
export function askParameters(fields: readonly AskField[]): AskParameters {
  const properties: Record<string, { type: 'string'; description: string; enum?: string[] }> = {};
  for (const field of fields) {
    const synonyms = Object.entries(field.synonyms ?? {})
      .filter(([value, words]) => field.values?.includes(value) === true && words.length > 0)
      .map(([value, words]) => `"${value}" also when the caller says ${words.join(', ')}`);
    properties[field.name] = {
      type: 'string',
      description: synonyms.length > 0 ? `${field.description} (${synonyms.join('; ')})` : field.description,
      ...(field.values !== undefined ? { enum: [...field.values] } : {}),
    };
  }
  const required = fields.filter((f) => f.required === true).map((f) => f.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}
