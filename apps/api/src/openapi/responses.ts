import type { Type } from '@nestjs/common';
import { getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';

/**
 * The 200 answer of a route that answers through `res` (so the plugin reads no return type) with
 * JSON of `model`, or CSV when asked (`format=csv`, `Accept: text/csv`). Use with
 * `@ApiExtraModels(model)` so the model is in the document.
 */
export function csvOrJson(model: Type): ApiResponseOptions {
  return {
    description: 'JSON, or CSV rows when asked by `format=csv` or `Accept: text/csv`',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(model) } },
      'text/csv': { schema: { type: 'string' } },
    },
  };
}

/**
 * The 200 answer of a route that writes a body that is not JSON (a page, a script, audio) through
 * `res` or a StreamableFile: its content types, each a string (`binary` for media).
 */
export function notJson(description: string, types: string[], binary = false): ApiResponseOptions {
  const schema = binary ? { type: 'string', format: 'binary' } : { type: 'string' };
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
}
