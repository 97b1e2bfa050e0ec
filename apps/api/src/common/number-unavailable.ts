import { ApiError } from './api-error';

/**
 * The one answer for a number that cannot be had: already a tracking number (of this account or
 * any other), or not offered by the carrier. Telling these apart would let any key holder learn
 * which numbers other accounts track.
 */
export function numberUnavailable(number: string | undefined): ApiError {
  return ApiError.conflict('number', `${number ?? 'the number'} is not available`);
}
