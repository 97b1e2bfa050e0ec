import { HttpStatus } from '@nestjs/common';
import { NumberInventoryError } from '@switchboard/telephony';
import { ApiError } from '../common/api-error';

/**
 * Carrier failures as API answers: the carrier's own trouble is a 502/503 that says nothing was
 * changed (never a bare 500), a number someone else has is a 409 on `number`.
 */
export function carrierFailure(err: unknown, number?: string): unknown {
  if (!(err instanceof NumberInventoryError)) return err;
  const why = err.message;
  switch (err.kind) {
    case 'number_unavailable':
      return ApiError.conflict(
        'number',
        `${number ?? 'the number'} is not available from the carrier (taken, or not offered): ${why}`,
      );
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
