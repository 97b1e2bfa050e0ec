import { proxyActivities } from '@temporalio/workflow';
import { CarrierFailure } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/**
 * Carrier commands: short attempts, retried fast and briefly. Telnyx ignores a repeated command_id
 * only within 60 s, so every retry of one command must land inside that window.
 */
export const carrier = proxyActivities<Activities>({
  startToCloseTimeout: '5s',
  scheduleToCloseTimeout: '45s',
  retry: {
    initialInterval: '200ms',
    backoffCoefficient: 2,
    maximumInterval: '5s',
    nonRetryableErrorTypes: [CarrierFailure.callGone, CarrierFailure.rejected],
  },
});

/**
 * Database work for a call: retried until the database is back (a call record must never be lost),
 * bounded so a permanently broken write surfaces as a failed workflow an operator can see.
 */
export const callData = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '1h',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});
