import { QueryFailedError } from 'typeorm';

/*
 * What PostgreSQL refused, recognised from the errors repositories let through: a service catches
 * them and answers in its own terms (the api: 409 or 422 naming the field), so the constraint's name
 * is the only thing about the schema it needs.
 */

function violation(err: unknown, codes: readonly string[], constraint?: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const e = err.driverError as { code?: string; constraint?: string } | undefined;
  return codes.includes(e?.code ?? '') && (constraint === undefined || e?.constraint === constraint);
}

/** A PostgreSQL unique violation (23505), optionally of one named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  return violation(err, ['23505'], constraint);
}

/**
 * Something still refers to the row: a foreign-key violation (23503), or 23001 when the key is
 * `ON DELETE RESTRICT` (PostgreSQL 18 reports those as restrict violations).
 */
export function isForeignKeyViolation(err: unknown, constraint?: string): boolean {
  return violation(err, ['23503', '23001'], constraint);
}
