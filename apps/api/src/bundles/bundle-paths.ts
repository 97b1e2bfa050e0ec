import { joinPath } from '@switchboard/bundle';
import { ApiError, type FieldError } from '../common/api-error';

/** Field errors of a body found at `prefix` of the bundle; `rename` maps the body's names to the bundle's. */
export function fieldsAt(
  prefix: string,
  errors: FieldError[],
  rename?: (field: string) => string,
): FieldError[] {
  return errors.map((e) => ({
    field: joinPath(prefix, rename ? rename(e.field) : e.field),
    message: e.message,
  }));
}

/**
 * Runs the write of one bundle item, so that the api's own errors for it (422, 409, 413, each naming
 * the body's fields) name the item's place in the bundle instead: `agents[1].endpoint.number`.
 * Anything else (a database failure) goes through unchanged and rolls the whole apply back.
 */
export async function atPath<T>(
  prefix: string,
  work: () => Promise<T>,
  rename?: (field: string) => string,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const body = (
      err.getResponse() as { error: { status: number; code: string; message: string; fields?: FieldError[] } }
    ).error;
    const fields = fieldsAt(prefix, body.fields ?? [{ field: '', message: body.message }], rename);
    throw new ApiError(
      err.getStatus(),
      body.code,
      fields.map((f) => `${f.field}: ${f.message}`).join('; '),
      fields,
    );
  }
}
