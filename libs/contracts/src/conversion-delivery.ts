import type { WebhookRetryPolicy } from './background-work';
/** Conversions sent to the ad platforms: one `deliverConversion` workflow per delivery (docs/conversions.md). */
export const DELIVER_CONVERSION_WORKFLOW = 'deliverConversion';

/** One workflow per delivery, ever: a repeated start (a retried save, the sweep) finds it started. */
export const conversionDeliveryWorkflowId = (deliveryId: string) => `conversion-${deliveryId}`;

/**
 * How a conversion delivery retries a platform that asked to be tried later: the webhooks' policy
 * (milliseconds; the first wait doubles up to the maximum, then failed past `giveUpAfterMs`).
 */
export type ConversionRetryPolicy = WebhookRetryPolicy;

export interface DeliverConversionInput {
  deliveryId: string;
  retry: ConversionRetryPolicy;
}

/**
 * One upload attempt's outcome, as the workflow needs it: `delivered` and `rejected` end the
 * delivery, `retry` waits (at least `retryAfterSeconds` when the platform said so), `skipped`
 * means there was nothing to send (delivery gone, or already final).
 */
export type ConversionAttempt =
  | { status: 'delivered' }
  | { status: 'rejected'; code: string }
  | { status: 'retry'; code: string; retryAfterSeconds?: number }
  | { status: 'skipped' };
