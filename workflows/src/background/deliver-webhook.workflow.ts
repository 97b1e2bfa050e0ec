import { proxyActivities } from '@temporalio/workflow';
import type { DeliverWebhookInput } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/**
 * One outbound webhook delivery: attempted until the receiver accepts it, with doubling waits up to
 * the policy's maximum, for as long as the policy allows; then marked failed (a person can
 * redeliver it). Every attempt is in the delivery log, written by the activity.
 */
export async function deliverWebhook(
  input: DeliverWebhookInput,
): Promise<'delivered' | 'skipped' | 'failed'> {
  const { attemptWebhookDelivery } = proxyActivities<Activities>({
    startToCloseTimeout: input.retry.attemptTimeoutMs + 5_000,
    scheduleToCloseTimeout: input.retry.giveUpAfterMs,
    retry: {
      initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: input.retry.maximumIntervalMs,
    },
  });
  const { markWebhookFailed } = proxyActivities<Activities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '1s', maximumInterval: '1m' },
  });
  try {
    return await attemptWebhookDelivery(input.deliveryId, input.manual, input.retry.attemptTimeoutMs);
  } catch {
    await markWebhookFailed(input.deliveryId);
    return 'failed';
  }
}
