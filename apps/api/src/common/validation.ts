import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Validates every DTO; unknown fields are refused, and each error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => ApiError.invalid(flatten(errors)),
  });
}
