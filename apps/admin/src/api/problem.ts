/**
 * What the api answered when it refused a request, as the console shows it. Every endpoint answers
 * errors with one body (`{ error: { status, code, message, fields } }`); `fields` name the field
 * each problem is about (`steps[2].next`, `weekly[0].start`, `id` for a 409 naming a resource's
 * users), so forms put each message beside its input.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }

  /** The problem with one field (exact name), if the api named it. */
  forField(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }

  /** Problems whose field starts with `prefix` (`steps[3]` → its settings' problems). */
  under(prefix: string): FieldProblem[] {
    return this.fields.filter(
      (f) => f.field === prefix || f.field.startsWith(`${prefix}.`) || f.field.startsWith(`${prefix}[`),
    );
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

/** Reads an error body the api (or something in front of it) answered. */
export function problemFrom(status: number, body: unknown): ApiProblem {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (error && typeof error.message === 'string') {
    const fields = Array.isArray(error.fields)
      ? (error.fields as unknown[]).filter(
          (f): f is FieldProblem =>
            typeof (f as FieldProblem)?.field === 'string' &&
            typeof (f as FieldProblem)?.message === 'string',
        )
      : [];
    return new ApiProblem(
      status,
      typeof error.code === 'string' ? error.code : 'error',
      error.message,
      fields,
    );
  }
  return new ApiProblem(status, 'error', `The api answered ${status}`);
}

/** A network failure (the api unreachable), in the same shape as an api refusal. */
export const unreachable = (err: unknown): ApiProblem =>
  new ApiProblem(0, 'unreachable', `The api could not be reached (${String(err)})`);
