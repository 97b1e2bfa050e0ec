import { HttpStatus } from '@nestjs/common';
import { verifyMediaSignature } from '@switchboard/persistence';
import { ApiError } from './api-error';

/**
 * The expiry (unix seconds) of a signed `/media` request for `path`, or a 403 saying what is wrong
 * with its signature. Called before anything is looked up, so unsigned probing learns nothing.
 */
export function signedMediaExpiry(
  path: string,
  query: { expires: unknown; sig: unknown },
  secret: string,
): number {
  const check = verifyMediaSignature(path, query, secret);
  if (!check.ok) throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', check.reason);
  return check.expires;
}

/** Seconds until a signed URL expires: how long a client may cache what it served. */
export const secondsUntil = (expires: number) => Math.max(0, expires - Math.floor(Date.now() / 1000));
