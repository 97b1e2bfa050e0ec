import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { CarrierFailure } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/**
 * Carrier commands and the call lookup: local activities, run by the worker that runs the workflow.
 * They skip the server's task queue round trip (the difference between answering a caller in
 * milliseconds and in a second under load), at the price of no heartbeats, which one HTTP request
 * does not need. Retried fast and briefly: Telnyx ignores a repeated command_id only within 60 s,
 * so every retry of one command must land inside that window.
 */
export const carrier = proxyLocalActivities<Activities>({
  startToCloseTimeout: '5s',
  scheduleToCloseTimeout: '45s',
  retry: {
    initialInterval: '200ms',
    backoffCoefficient: 2,
    maximumInterval: '5s',
    nonRetryableErrorTypes: [CarrierFailure.callGone, CarrierFailure.rejected],
  },
});

/** Reading a call's routing: quick, and needed before anything else can happen. */
export const lookup = proxyLocalActivities<Activities>({
  startToCloseTimeout: '5s',
  scheduleToCloseTimeout: '2m',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '5s' },
});

/**
 * Writing the call record: a regular activity, retried until the database is back (a call record
 * must never be lost), bounded so a permanently broken write surfaces as a failed workflow.
 */
export const callData = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '1h',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});

/**
 * Notifications to the business (voicemail webhooks): regular activities, retried while the
 * receiver is down, within an hour so a dead endpoint does not keep the call's workflow open.
 */
export const notify = proxyActivities<Activities>({
  startToCloseTimeout: '15s',
  scheduleToCloseTimeout: '1h',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '5m',
    nonRetryableErrorTypes: ['WebhookRefused'],
  },
});

/**
 * The end of a call in the call engine v2 (finishCall: the record, then its announcements): a
 * local activity, one marker instead of an activity's three events and the task its completion
 * wakes. Retried until the database is back, as the call record must never be lost; past the
 * worker's local retry threshold the SDK waits out the backoff on a workflow timer.
 */
export const callEnd = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '1h',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '15s' },
});
