import { proxyActivities, sleep } from '@temporalio/workflow';
import type { DeliverConversionInput } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/**
 * One conversion delivery to one ad platform destination. The platform's answer decides: accepted
 * or rejected ends it (a rejection is final: an unknown click id stays unknown; the delivery log
 * says why); "retry" (rate limited, the platform erred, the network failed) waits, doubling from
 * the policy's first wait up to its maximum and never less than the platform's Retry-After, for as
 * long as the policy allows, then marks it failed. Errors of our own (the database down) are
 * retried by Temporal as the activity's failures.
 */
export async function deliverConversion(
  input: DeliverConversionInput,
): Promise<'delivered' | 'rejected' | 'skipped' | 'failed'> {
  const { attemptConversionDelivery } = proxyActivities<Activities>({
    startToCloseTimeout: input.retry.attemptTimeoutMs + 5_000,
    scheduleToCloseTimeout: input.retry.giveUpAfterMs,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });
  const { markConversionDeliveryFailed } = proxyActivities<Activities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '1s', maximumInterval: '1m' },
  });
  // Workflow time: deterministic, and the same on replay.
  const giveUpAt = Date.now() + input.retry.giveUpAfterMs;
  let wait = input.retry.initialIntervalMs;
  try {
    for (;;) {
      const r = await attemptConversionDelivery(input.deliveryId);
      if (r.status !== 'retry') return r.status;
      const pause = Math.max(wait, (r.retryAfterSeconds ?? 0) * 1000);
      if (Date.now() + pause > giveUpAt) break;
      await sleep(pause);
      wait = Math.min(wait * 2, input.retry.maximumIntervalMs);
    }
  } catch {
    // Our own side kept failing past the policy's time: given up like a platform that never took it.
  }
  await markConversionDeliveryFailed(input.deliveryId);
  return 'failed';
}
