import { HttpStatus } from '@nestjs/common';
import { NumberInventoryError } from '@switchboard/telephony';
import { ApiError } from '../common/api-error';
import { numberUnavailable } from '../common/number-unavailable';

/**
 * Carrier failures as API answers: the carrier's own trouble is a 502/503 that says nothing was
 * changed (never a bare 500), a number that cannot be had is a 409 on `number`, the same answer
 * whether the carrier does not offer it or an account (any) already tracks it.
 */
export function carrierFailure(err: unknown, number?: string): unknown {
  if (!(err instanceof NumberInventoryError)) return err;
  const why = err.message;
  switch (err.kind) {
    case 'number_unavailable':
      return numberUnavailable(number);
    case 'not_configured':
      return new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'carrier_not_configured',
        `no carrier account is configured (set TELNYX_API_KEY): ${why}`,
      );
    case 'rate_limited':
      return new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'carrier_rate_limited',
        `the carrier is rate-limiting us; nothing was changed, try again shortly: ${why}`,
      );
    case 'unauthorized':
      return new ApiError(
        HttpStatus.BAD_GATEWAY,
        'carrier_unauthorized',
        `the carrier refused our credentials (check TELNYX_API_KEY); nothing was changed: ${why}`,
      );
    case 'rejected':
      return new ApiError(
        HttpStatus.BAD_GATEWAY,
        'carrier_rejected',
        `the carrier refused the request (HTTP ${err.status ?? '?'}); nothing was changed: ${why}`,
      );
    case 'unavailable':
      return new ApiError(
        HttpStatus.BAD_GATEWAY,
        'carrier_unavailable',
        `the carrier failed${err.status ? ` (HTTP ${err.status})` : ''}; nothing was changed, try again: ${why}`,
      );
  }
}
