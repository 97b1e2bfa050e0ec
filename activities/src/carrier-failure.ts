import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { CarrierFailure } from '@switchboard/contracts';
import { CarrierCommandError } from '@switchboard/telephony';

/**
 * Turns carrier errors into Temporal failures: a call that has ended or a request the carrier
 * refuses will never succeed on retry; anything else (429, 5xx, network) is retried by Temporal.
 */
export async function carrierCommand<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CarrierCommandError && err.kind === 'call_gone') {
      // Routine (the caller hung up while a command was on its way): BENIGN keeps it out of WARN logs.
      throw ApplicationFailure.create({
        message: err.message,
        type: CarrierFailure.callGone,
        nonRetryable: true,
        category: ApplicationFailureCategory.BENIGN,
        details: [{ code: err.code }],
      });
    }
    if (err instanceof CarrierCommandError && err.kind === 'rejected') {
      throw ApplicationFailure.nonRetryable(err.message, CarrierFailure.rejected, {
        status: err.status,
        code: err.code,
      });
    }
    throw err;
  }
}
