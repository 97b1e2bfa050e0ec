import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';

/**
 * Gives every error the ApiError body shape. Nest's own 4xx (bad JSON, payload too large, bad UUID)
 * are reshaped; anything unexpected becomes a logged 500 that leaks no internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // Refused before its body was read (401, 413): close the connection after the answer rather
    // than read the rest of a body nobody wants.
    if (!res.headersSent && !host.switchToHttp().getRequest<Request>().complete)
      res.setHeader('connection', 'close');
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse();
      if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object') {
        res.status(status).json(body);
        return;
      }
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : err.message;
      res.status(status).json({ error: { status, code: codeFor(status), message } });
      return;
    }
    // body-parser errors are plain errors carrying a status (e.g. malformed JSON, body too large).
    const status = (err as { status?: unknown; statusCode?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { status, code: codeFor(status), message: (err as Error).message } });
      return;
    }
    this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: { status: 500, code: 'internal_error', message: 'internal error' },
    });
  }
}

function codeFor(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 422:
      return 'validation_failed';
    case 503:
      return 'unavailable';
    default:
      return 'error';
  }
}
