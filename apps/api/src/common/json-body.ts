import {
  HttpStatus,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { ApiError } from './api-error';

/** The JSON body limit of every route that does not name its own (@BodyLimit). */
export const DEFAULT_BODY_LIMIT = 256 * 1024;
/** How deep a JSON body may nest: deeper is no document of ours, and recursion over it is unsafe. */
export const MAX_JSON_DEPTH = 64;

const BODY_LIMIT = 'switchboard:body-limit';
const TEXT_PLAIN_JSON = 'switchboard:text-plain-json';

/** A route's (or controller's) JSON body limit in bytes, instead of DEFAULT_BODY_LIMIT. */
export const BodyLimit = (bytes: number) => SetMetadata(BODY_LIMIT, bytes);

/**
 * The route also reads a `text/plain` body as JSON: what `navigator.sendBeacon` sends a string as.
 * A beacon can only carry a CORS-safelisted type without a preflight (a JSON Blob is refused), and
 * it is the one request a page sends reliably while it navigates away.
 */
export const AcceptsTextPlainJson = () => SetMetadata(TEXT_PLAIN_JSON, true);

interface BodyRequest extends NodeJS.ReadableStream {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  rawBody?: Buffer;
  readableEnded?: boolean;
  /** Set once this module has read the body, so a second reader (guard, then interceptor) skips it. */
  jsonBodyRead?: boolean;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const TEXT_PLAIN = /^text\/plain\s*(?:;|$)/i;

const tooLarge = (limit: number) =>
  new ApiError(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'payload_too_large',
    `the body is over this route's limit of ${Math.floor(limit / 1024)} kB`,
  );
const badJson = (message: string) =>
  new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', message, [{ field: 'body', message }]);

/** Whether a parsed JSON value nests deeper than `max` (iterative: the value may be hostile). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The body's bytes, refused (413) once they pass `limit`. The stream is paused, not destroyed, so
 * the answer still reaches the client (the error filter closes the connection after it).
 */
function readAtMost(req: BodyRequest, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > limit) {
        stop();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Reads and parses a request's JSON body into `req.body` (and its bytes into `req.rawBody`, which
 * webhook signatures are checked over), at most `limit` bytes: a declared length over it is a 413
 * before any byte is read, a chunked body a 413 as soon as it passes it. Bodies that are not JSON
 * (raw audio uploads) are left unread for their handler. Objects and arrays only; nested at most
 * MAX_JSON_DEPTH deep.
 */
export async function readJsonBody(req: BodyRequest, limit: number, textPlain = false): Promise<void> {
  if (req.jsonBodyRead || req.readableEnded) return;
  const type = req.headers['content-type'];
  if (typeof type !== 'string' || !(JSON_TYPE.test(type) || (textPlain && TEXT_PLAIN.test(type)))) return;
  const charset = /;\s*charset\s*=\s*"?([\w-]+)/i.exec(type)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new ApiError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported_media_type',
      'JSON bodies must be UTF-8',
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  req.jsonBodyRead = true;
  const raw = await readAtMost(req, limit);
  req.rawBody = raw;
  const text = raw.toString('utf8');
  if (text.trim() === '') return;
  if (!/^\s*[[{]/.test(text)) throw badJson('the body must be a JSON object or array');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw badJson(
      err instanceof RangeError
        ? `the body is nested deeper than ${MAX_JSON_DEPTH} levels`
        : `the body is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH))
    throw badJson(`the body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  req.body = parsed;
}

/**
 * Reads JSON bodies after the guards: a request without a valid key is refused before a byte of
 * its body is read (Nest runs guards, then interceptors, then pipes). The api has no global body
 * parser; each route's limit is DEFAULT_BODY_LIMIT unless it names its own with @BodyLimit.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (ctx.getType() === 'http') {
      const limit =
        this.reflector.getAllAndOverride<number | undefined>(BODY_LIMIT, [
          ctx.getHandler(),
          ctx.getClass(),
        ]) ?? DEFAULT_BODY_LIMIT;
      const textPlain = this.reflector.getAllAndOverride<boolean | undefined>(TEXT_PLAIN_JSON, [
        ctx.getHandler(),
        ctx.getClass(),
      ]);
      await readJsonBody(ctx.switchToHttp().getRequest<BodyRequest>(), limit, textPlain === true);
    }
    return next.handle();
  }
}
