import { HttpException, HttpStatus } from '@nestjs/common';

/** One field-level problem in a request. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The single error body every endpoint answers with:
 * `{ "error": { "status": 422, "code": "validation_failed", "message": "...", "fields": [...] } }`.
 */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, fields?: FieldError[]) {
    super({ error: { status, code, message, ...(fields ? { fields } : {}) } }, status);
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `${what} ${id} does not exist`);
  }

  static invalid(fields: FieldError[]): ApiError {
    const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'validation_failed', message, fields);
  }

  static unauthorized(message: string): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', message);
  }

  static forbidden(code: string, message: string): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, code, message);
  }

  static conflict(field: string, message: string): ApiError {
    return new ApiError(HttpStatus.CONFLICT, 'conflict', `${field}: ${message}`, [{ field, message }]);
  }
}
