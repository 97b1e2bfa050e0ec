import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ApiError, type FieldError } from './api-error';

/** Field paths as libs/domain writes them (`weekly[0].start`), so both kinds of error read alike. */
function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = !prefix
      ? e.property
      : /^\d+$/.test(e.property)
        ? `${prefix}[${e.property}]`
        : `${prefix}.${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The path (`steps[2].prompt.text`, '' for the value itself) of the first string holding U+0000,
 * in keys or values, or null. PostgreSQL text and jsonb cannot store that character.
 */
export function nulCharacterField(value: unknown, prefix = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? prefix : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const f = nulCharacterField(v, `${prefix}[${i}]`);
      if (f !== null) return f;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = prefix ? `${prefix}.${k}` : k;
      if (k.includes('\u0000')) return field;
      const f = nulCharacterField(v, field);
      if (f !== null) return f;
    }
  }
  return null;
}

/**
 * The global pipe: a NUL character anywhere in a body, query or path parameter is refused before
 * anything else (the database would refuse it later, as a 500, possibly after other writes).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = nulCharacterField(value);
    if (field !== null) {
      throw ApiError.invalid([
        {
          field: field || metadata.data || metadata.type,
          message: 'must not contain the NUL character (U+0000)',
        },
      ]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Validates every DTO; unknown fields are refused, and each error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => ApiError.invalid(flatten(errors)),
  });
}

/**
 * A body checked as the global pipe checks a request's (the same DTO, transforms and rules), for
 * bodies that arrive inside another document: the items of a configuration bundle.
 */
export async function validateBody<T extends object>(
  cls: new () => T,
  body: unknown,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(cls, body);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return { value, errors: flatten(errors) };
}
